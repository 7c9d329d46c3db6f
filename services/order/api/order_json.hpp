#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "order/domain/order.hpp"
#include "order/domain/order_service.hpp"

namespace eda::order {

// "2026-11-24T03:00:00.123Z"
std::string FormatTime(TimePoint t);

// The seed Order JSON {id, deliveryId, memberId, orderName, productCount, amount, orderStatus (seed
// name), paymentKey, createdAt} plus our fields {status, productId, currency, deliveryCompany,
// address, approvedAt, updatedAt, flagged}.
boost::json::object OrderJson(const Order& order);
// OrderJson + history [{from, to, reason, at}].
boost::json::object OrderViewJson(const OrderView& view);
// The answer of POST /orders: {orderId, orderName, amount, currency, status, checkoutUrl}.
boost::json::object CreatedJson(const Order& order, const std::string& checkout_url);

}  // namespace eda::order
