#include "payment/domain/payment_status.hpp"

#include <array>
#include <utility>

namespace eda::payment {
namespace {
constexpr std::array<std::pair<PaymentStatus, std::string_view>, 7> kNames{{
    {PaymentStatus::kReady, "READY"},
    {PaymentStatus::kDone, "DONE"},
    {PaymentStatus::kCancelPending, "CANCEL_PENDING"},
    {PaymentStatus::kCanceled, "CANCELED"},
    {PaymentStatus::kPartialCanceled, "PARTIAL_CANCELED"},
    {PaymentStatus::kAborted, "ABORTED"},
    {PaymentStatus::kExpired, "EXPIRED"},
}};
}  // namespace

std::string_view PaymentStatusName(PaymentStatus s) noexcept {
  for (const auto& [v, n] : kNames) {
    if (v == s) return n;
  }
  return "READY";
}

std::optional<PaymentStatus> ParsePaymentStatus(std::string_view text) noexcept {
  for (const auto& [v, n] : kNames) {
    if (n == text) return v;
  }
  return std::nullopt;
}

CompensationAction DecideCompensation(std::optional<PaymentStatus> current) noexcept {
  if (!current) return CompensationAction::kNothingToRefund;
  switch (*current) {
    case PaymentStatus::kDone:
    case PaymentStatus::kPartialCanceled: return CompensationAction::kCancelAtToss;
    case PaymentStatus::kCancelPending: return CompensationAction::kResumeCancel;
    case PaymentStatus::kCanceled: return CompensationAction::kAlreadyRefunded;
    case PaymentStatus::kReady:
    case PaymentStatus::kAborted:
    case PaymentStatus::kExpired: return CompensationAction::kNothingToRefund;
  }
  return CompensationAction::kNothingToRefund;
}

}  // namespace eda::payment
