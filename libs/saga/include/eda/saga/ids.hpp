#pragma once

#include <cstdint>
#include <string>

#include "eda/core/strong_id.hpp"

namespace eda::saga {

// The ids every saga message carries, one type each so they cannot be swapped (an order id is not a
// payment key, a member id is not a product id). Their representations are the wire's (proto/seed.proto):
// the order id and payment key are strings, member and product ids 64-bit integers. libs/sql binds and
// reads them as their representation.
struct OrderIdTag {};
using OrderId = StrongId<OrderIdTag, std::string>;  // the order service's unguessable id

struct MemberIdTag {};
using MemberId = StrongId<MemberIdTag, std::int64_t>;  // the member service's id of a buyer or seller

struct ProductIdTag {};
using ProductId = StrongId<ProductIdTag, std::int64_t>;  // the catalog's id of a product

struct PaymentKeyTag {};
using PaymentKey = StrongId<PaymentKeyTag, std::string>;  // Toss's paymentKey of one payment

}  // namespace eda::saga
