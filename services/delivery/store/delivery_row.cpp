#include "delivery/store/delivery_row.hpp"

#include <array>
#include <chrono>
#include <ctime>

namespace eda::delivery {

Delivery DeliveryFromRow(const sql::Row& row) {
  Delivery d;
  d.id = row.Get<DeliveryId>("delivery_id");
  d.request.order_id = row.Get<OrderId>("order_id");
  d.request.order_name = row.Get<std::string>("order_name");
  d.request.product_count = row.Get<std::int64_t>("product_count");
  d.request.address = row.Get<std::string>("address");
  d.request.delivery_company = row.Get<std::string>("delivery_company");
  d.request.member_id = row.Get<MemberId>("member_id");
  d.request.payment_key = row.Get<PaymentKey>("payment_key");
  d.request.approved_at = row.Get<std::string>("approved_at");
  d.request.amount = row.Get<std::int64_t>("amount");
  d.status = ParseDeliveryStatus(row.Get<std::string>("delivery_status")).value_or(DeliveryStatus::kFailed);
  d.reference_code = row.Get<std::optional<std::string>>("reference_code").value_or("");
  d.failure_reason = row.Get<std::optional<std::string>>("failure_reason").value_or("");
  return d;
}

std::string NowUtcIso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::array<char, 32> buf{};
  std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf.data();
}

}  // namespace eda::delivery
