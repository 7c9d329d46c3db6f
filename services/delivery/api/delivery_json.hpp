#pragma once

#include <boost/json/object.hpp>

#include "delivery/domain/delivery.hpp"

namespace eda::delivery {

// Seed Delivery JSON: {deliveryId, orderId, productName, productCount, address, deliveryStatus,
// deliveryCompany, referenceCode}. productName is the order name (the request has no product name).
boost::json::object ToJson(const Delivery& delivery);
// Seed address JSON: {id, memberId, address, alias}.
boost::json::object ToJson(const MemberAddress& address);

}  // namespace eda::delivery
