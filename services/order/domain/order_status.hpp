#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace eda::order {

// The order's saga states (docs/SAGA.md). Names on the wire are the enumerator names in
// UPPER_SNAKE_CASE (StatusName); the seed system's coarser `orderStatus` comes from SeedStatusName.
enum class OrderStatus {
  kCreated,            // priced and stored; the buyer is in the payment window
  kPaymentRequested,   // the buyer came back; payment-confirm-request published
  kPaid,               // Toss approved; stock request published
  kPaymentFailed,      // terminal: confirm refused, nothing charged
  kStockReserved,      // catalog took the stock (delivery-request seen)
  kDeliveryRequested,  // shipment created (order-complete seen)
  kInDelivery,         // carrier picked it up
  kDelivered,          // terminal
  kCancelling,         // stock or delivery failed: waiting for the refund
  kCancelled,          // terminal: refunded
  kExpired,            // terminal: never paid before the deadline
};

inline constexpr std::array kAllOrderStatuses = {
    OrderStatus::kCreated,     OrderStatus::kPaymentRequested, OrderStatus::kPaid,
    OrderStatus::kPaymentFailed, OrderStatus::kStockReserved,  OrderStatus::kDeliveryRequested,
    OrderStatus::kInDelivery,  OrderStatus::kDelivered,        OrderStatus::kCancelling,
    OrderStatus::kCancelled,   OrderStatus::kExpired,
};

// "CREATED", "PAYMENT_REQUESTED", ... (stored in the database and shown as `status`).
std::string_view StatusName(OrderStatus status) noexcept;
// Inverse of StatusName; nullopt for an unknown name.
std::optional<OrderStatus> ParseStatus(std::string_view name) noexcept;
// The seed system's orderStatus: INITIATED, PAYMENT_COMPLETED, DELIVERY_REQUESTED,
// DELIVERY_IN_PROGRESS, DELIVERY_FAILED, DELIVERY_COMPLETED (mapping table in docs/SAGA.md).
std::string_view SeedStatusName(OrderStatus status) noexcept;
// DELIVERED, PAYMENT_FAILED, CANCELLED, EXPIRED: no event changes them any more.
bool IsTerminal(OrderStatus status) noexcept;

}  // namespace eda::order
