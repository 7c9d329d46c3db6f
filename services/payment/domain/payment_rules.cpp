#include "payment/domain/payment_rules.hpp"

#include <charconv>

namespace eda::payment {

bool MayAccess(const Caller& caller, const PaymentRecord& payment) noexcept {
  if (caller.admin) return true;
  return payment.member_id.has_value() && caller.member_id.value() > 0 && *payment.member_id == caller.member_id;
}

std::optional<MemberId> MemberIdFromMetadata(const std::map<std::string, std::string>& metadata) {
  const auto it = metadata.find("memberId");
  if (it == metadata.end() || it->second.empty()) return std::nullopt;
  std::int64_t v = 0;
  const char* first = it->second.data();
  const char* last = first + it->second.size();
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || v <= 0) return std::nullopt;
  return MemberId(v);
}

DuplicateConfirmAction DecideDuplicateConfirm(const OrderId& order_id, const PaymentRecord& holder) noexcept {
  return holder.order_id == order_id ? DuplicateConfirmAction::kAcknowledge : DuplicateConfirmAction::kFailOrder;
}

std::string_view CompensationRefusalName(CompensationRefusal refusal) noexcept {
  switch (refusal) {
    case CompensationRefusal::kPaymentKeyMismatch: return "payment_key_mismatch";
    case CompensationRefusal::kAmountMismatch: return "amount_mismatch";
  }
  return "unknown";
}

std::optional<CompensationRefusal> CheckNamedPayment(const PaymentRecord& row, const NamedPayment& named) noexcept {
  if ((named.exact || !named.payment_key.value().empty()) && named.payment_key != row.payment_key) {
    return CompensationRefusal::kPaymentKeyMismatch;
  }
  if ((named.exact || named.amount != 0) && named.amount != row.amount) return CompensationRefusal::kAmountMismatch;
  return std::nullopt;
}

bool IsKeyMisconfiguration(std::string_view toss_code) noexcept {
  return toss_code == "UNAUTHORIZED_KEY" || toss_code == "INVALID_API_KEY" || toss_code == "INCORRECT_BASIC_AUTH_FORMAT";
}

}  // namespace eda::payment
