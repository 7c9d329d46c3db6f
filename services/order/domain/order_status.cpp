#include "order/domain/order_status.hpp"

namespace eda::order {

std::string_view StatusName(OrderStatus status) noexcept {
  switch (status) {
    case OrderStatus::kCreated: return "CREATED";
    case OrderStatus::kPaymentRequested: return "PAYMENT_REQUESTED";
    case OrderStatus::kPaid: return "PAID";
    case OrderStatus::kPaymentFailed: return "PAYMENT_FAILED";
    case OrderStatus::kStockReserved: return "STOCK_RESERVED";
    case OrderStatus::kDeliveryRequested: return "DELIVERY_REQUESTED";
    case OrderStatus::kInDelivery: return "IN_DELIVERY";
    case OrderStatus::kDelivered: return "DELIVERED";
    case OrderStatus::kCancelling: return "CANCELLING";
    case OrderStatus::kCancelled: return "CANCELLED";
    case OrderStatus::kExpired: return "EXPIRED";
  }
  return "UNKNOWN";
}

std::optional<OrderStatus> ParseStatus(std::string_view name) noexcept {
  for (OrderStatus s : kAllOrderStatuses) {
    if (StatusName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view SeedStatusName(OrderStatus status) noexcept {
  switch (status) {
    case OrderStatus::kCreated:
    case OrderStatus::kPaymentRequested: return "INITIATED";
    case OrderStatus::kPaid:
    case OrderStatus::kStockReserved: return "PAYMENT_COMPLETED";
    case OrderStatus::kDeliveryRequested: return "DELIVERY_REQUESTED";
    case OrderStatus::kInDelivery: return "DELIVERY_IN_PROGRESS";
    case OrderStatus::kDelivered: return "DELIVERY_COMPLETED";
    case OrderStatus::kPaymentFailed:
    case OrderStatus::kCancelling:
    case OrderStatus::kCancelled:
    case OrderStatus::kExpired: return "DELIVERY_FAILED";
  }
  return "DELIVERY_FAILED";
}

bool IsTerminal(OrderStatus status) noexcept {
  return status == OrderStatus::kDelivered || status == OrderStatus::kPaymentFailed ||
         status == OrderStatus::kCancelled || status == OrderStatus::kExpired;
}

}  // namespace eda::order
