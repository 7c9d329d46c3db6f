#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "delivery/domain/delivery.hpp"
#include "eda/core/result.hpp"

namespace eda::delivery {

// What the order service says about an order (GET /orders/internal/orders/{orderId}).
struct OrderFacts {
  std::string status;  // the order service's status: CREATED, PAYMENT_REQUESTED, PAID, STOCK_RESERVED, ...
  std::int64_t product_count = 0;
  MemberId member_id;
  std::int64_t amount = 0;
  PaymentKey payment_key;
};

// The order service, asked before a shipment is created. Blocking; thread-safe.
class OrderDirectory {
 public:
  virtual ~OrderDirectory() = default;
  // The order, or nullopt when the order service knows no such order. Errors: retryable when the
  // order service cannot answer (the delivery request is retried later), permanent otherwise.
  virtual Result<std::optional<OrderFacts>> Find(const OrderId& order_id) const = 0;
};

// Why a delivery request is refused, as the `reason` label of eda_delivery_refused_events_total.
inline constexpr std::string_view kUnknownOrder = "unknown_order";
inline constexpr std::string_view kOrderNotPaid = "order_not_paid";
inline constexpr std::string_view kOrderMismatch = "order_mismatch";

// Whether `request` (a delivery-request event) may create a shipment, given what the order service
// says: the order must exist, be paid and not cancelled (PAID, STOCK_RESERVED, DELIVERY_REQUESTED,
// IN_DELIVERY, DELIVERED: the later ones are a redelivery, which the intake answers as a duplicate),
// and the request must name the order's count, buyer, payment key and amount. Returns the refusal
// reason, or nullopt to go on. A forged or misrouted request, even from an authorised producer,
// ships nothing. Pure.
std::optional<std::string_view> RefuseDeliveryRequest(const DeliveryRequest& request,
                                                      const std::optional<OrderFacts>& order);

}  // namespace eda::delivery
