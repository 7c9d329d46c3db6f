#pragma once

#include <optional>
#include <string_view>

namespace eda::payment {

// Our payment row's status: the seed's Toss statuses plus the saga's own in-between states.
enum class PaymentStatus {
  kReady,           // row written, confirm not yet answered (the seed's first state)
  kDone,            // approved at Toss, amount verified
  kCancelPending,   // a refund was decided; the cancel at Toss is not confirmed yet (sweeper resumes it)
  kCanceled,        // fully refunded
  kPartialCanceled, // partly refunded (buyer's partial cancel)
  kAborted,         // confirm refused (declined card, terminal Toss error, amount mismatch refunded)
  kExpired          // Toss expired the payment before we confirmed it
};

std::string_view PaymentStatusName(PaymentStatus s) noexcept;
std::optional<PaymentStatus> ParsePaymentStatus(std::string_view text) noexcept;

// What a refund (order-cancelled, the buyer's cancel) must do for a payment in
// `current` (nullopt: no row for the order).
enum class CompensationAction {
  kCancelAtToss,     // DONE or PARTIAL_CANCELED: start a cancel of the remaining balance
  kResumeCancel,     // CANCEL_PENDING: finish the cancel already decided (same Idempotency-Key)
  kAlreadyRefunded,  // CANCELED: the refund happened (and was announced) before; nothing more
  kNothingToRefund,  // no payment, READY, ABORTED, EXPIRED: no money was taken
  kRefused           // the event names another payment than the row's (CheckNamedPayment): nothing
                     // changes. Never returned by DecideCompensation, which sees only the status.
};

CompensationAction DecideCompensation(std::optional<PaymentStatus> current) noexcept;

}  // namespace eda::payment
