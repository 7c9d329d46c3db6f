#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "eda/toss/api.hpp"

namespace eda::payment {

// How hard one handler invocation tries before giving the event back to the consumer's retry topic.
struct RetryPolicy {
  int max_attempts = 4;                                  // Toss calls per invocation (lookups excluded)
  std::chrono::milliseconds initial_backoff{200};        // doubled after each transient failure
  std::chrono::milliseconds max_backoff{3'000};
};

// Sleeps between attempts (injected so tests do not wait).
using Sleeper = std::function<void(std::chrono::milliseconds)>;

// Is `p` the approval we asked for? DONE, same order id, approved total == the amount the order
// service computed. Returns the reason when not ("" when it is).
std::string VerifyApproval(const toss::Payment& p, const std::string& order_id, std::int64_t amount);

struct ConfirmInput {
  std::string payment_key;
  std::string order_id;
  std::int64_t amount = 0;
  std::string confirm_idempotency_key;   // persisted with the row before the first call
  std::string mismatch_cancel_key;       // persisted too: used if the approval must be undone at once
};

struct ConfirmOutcome {
  enum class Kind {
    kApproved,     // `payment` is DONE with the right amount
    kRefused,      // nothing charged (declined, terminal error, or mismatch refunded): `code`, `reason`
    kRetryLater    // still unknown/transient after the attempts: the caller returns a retryable error
  };
  Kind kind = Kind::kRetryLater;
  std::optional<toss::Payment> payment;  // the last Payment seen (approval, lookup or refund)
  std::string code;
  std::string reason;
  bool mismatch_refunded = false;        // an approval with a wrong amount was cancelled at once
};

// Confirms at Toss without ever charging twice: the same Idempotency-Key on every attempt; after an
// unknown outcome (timeout, 5xx, ALREADY_PROCESSED_PAYMENT) the payment is looked up first and the
// lookup decides (DONE → verify; IN_PROGRESS → confirm again; ABORTED/EXPIRED → refused). An approval
// that fails VerifyApproval is cancelled at once (mismatch_cancel_key); if that cancel cannot finish,
// the outcome is kRetryLater (the redelivery repeats it with the same keys).
ConfirmOutcome RunConfirm(toss::Api& api, const ConfirmInput& input, const RetryPolicy& policy, const Sleeper& sleep);

struct CancelInput {
  std::string payment_key;
  std::string reason;
  std::optional<std::int64_t> amount;    // nullopt: the whole remaining balance
  std::string idempotency_key;           // persisted before the first call
};

struct CancelOutcome {
  enum class Kind {
    kRefunded,        // `payment` shows the cancel (CANCELED, or PARTIAL_CANCELED for a partial one)
    kNothingToRefund, // Toss says no money is held (ABORTED, EXPIRED, never approved)
    kRefused,         // terminal refusal (e.g. EXCEED_MAX_REFUND_DUE): needs a human; `code`
    kRetryLater
  };
  Kind kind = Kind::kRetryLater;
  std::optional<toss::Payment> payment;
  std::string code;
  std::string reason;
};

// Cancels at Toss with one Idempotency-Key; unknown outcomes are reconciled by looking the payment up.
CancelOutcome RunCancel(toss::Api& api, const CancelInput& input, const RetryPolicy& policy, const Sleeper& sleep);

}  // namespace eda::payment
