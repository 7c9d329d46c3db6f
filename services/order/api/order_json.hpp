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
// What a seller sees of an order for their product: {id, productId, productCount, orderName, amount,
// currency, status, orderStatus, createdAt, updatedAt} — not the buyer, the address or the payment key.
boost::json::object SellerOrderJson(const Order& order);
// OrderJson + history [{from, to, reason, at}].
boost::json::object OrderViewJson(const OrderView& view);
// The answer of POST /orders: {orderId, orderName, amount, currency, status, checkoutUrl}.
boost::json::object CreatedJson(const Order& order, const std::string& checkout_url);

}  // namespace eda::order
