#include "delivery/domain/order_check.hpp"

#include <array>
#include <algorithm>

namespace eda::delivery {

std::optional<std::string_view> RefuseDeliveryRequest(const DeliveryRequest& request,
                                                      const std::optional<OrderFacts>& order) {
  if (!order) return kUnknownOrder;
  static constexpr std::array<std::string_view, 5> kPaid = {"PAID", "STOCK_RESERVED", "DELIVERY_REQUESTED",
                                                            "IN_DELIVERY", "DELIVERED"};
  if (std::find(kPaid.begin(), kPaid.end(), order->status) == kPaid.end()) return kOrderNotPaid;
  if (request.product_count != order->product_count || request.member_id != order->member_id ||
      request.payment_key != order->payment_key || request.amount != order->amount) {
    return kOrderMismatch;
  }
  return std::nullopt;
}

}  // namespace eda::delivery
