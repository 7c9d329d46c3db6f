#include "payment/domain/payment_rules.hpp"

#include <charconv>

namespace eda::payment {

bool MayAccess(const Caller& caller, const PaymentRecord& payment) noexcept {
  if (caller.admin) return true;
  return payment.member_id.has_value() && caller.member_id > 0 && *payment.member_id == caller.member_id;
}

std::optional<std::int64_t> MemberIdFromMetadata(const std::map<std::string, std::string>& metadata) {
  const auto it = metadata.find("memberId");
  if (it == metadata.end() || it->second.empty()) return std::nullopt;
  std::int64_t v = 0;
  const char* first = it->second.data();
  const char* last = first + it->second.size();
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || v <= 0) return std::nullopt;
  return v;
}

bool BuyerMayCancel(PaymentStatus status) noexcept {
  return status == PaymentStatus::kDone || status == PaymentStatus::kCancelPending;
}

DuplicateConfirmAction DecideDuplicateConfirm(std::string_view order_id, const PaymentRecord& holder) noexcept {
  return holder.order_id == order_id ? DuplicateConfirmAction::kAcknowledge : DuplicateConfirmAction::kFailOrder;
}

}  // namespace eda::payment
