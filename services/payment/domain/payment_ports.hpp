#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/toss/payment.hpp"
#include "payment/domain/payment_error.hpp"
#include "payment/domain/payment_record.hpp"
#include "payment/domain/payment_rules.hpp"
#include "payment/domain/payment_status.hpp"

namespace eda::payment {

// What a webhook reconciliation did ("unknown_payment", "in_sync", "refunded", "partially_canceled").
struct ReconcileResult {
  std::string outcome;
  std::optional<PaymentRecord> payment;
};

// The use cases behind the HTTP routes (api/ depends on this port; domain/PaymentService implements it;
// tests give fakes). Blocking; implementations are thread-safe.
class PaymentDirectory {
 public:
  virtual ~PaymentDirectory() = default;
  // The payment with this Toss paymentKey, or nullopt.
  virtual Result<std::optional<PaymentRecord>, PaymentError> FindByPaymentKey(const PaymentKey& payment_key) = 0;
  // Re-fetches `payment_key` from Toss and brings our row in line (webhook; the body is never trusted).
  virtual Result<ReconcileResult, PaymentError> Reconcile(const PaymentKey& payment_key) = 0;
};

// A payment-confirm-request as the store sees it.
struct ConfirmClaim {
  OrderId order_id;
  PaymentKey payment_key;
  std::int64_t amount = 0;
  std::string source_event_id;
};

// What PaymentStore::ClaimForConfirm found or did.
struct Claim {
  enum class Kind {
    kNew,        // a READY row was inserted with fresh idempotency keys
    kResume,     // the row of this same event (redelivery after a crash), or an unfinished READY row of
                 // the same payment (a republished request): confirm with the persisted keys
    kDuplicate   // the order (or the payment key) already has a row from another event that is past
                 // READY or differs: a second confirm of a payment, refused
  };
  Kind kind = Kind::kNew;
  PaymentRecord payment;
};

// The start of a refund: what DecideCompensation said for the row and the row after the decision
// (CANCEL_PENDING with its persisted cancel key for kCancelAtToss/kResumeCancel). kRefused: the event
// named another payment (`refusal` says how); the row is as it was.
struct CancelStart {
  CompensationAction action = CompensationAction::kNothingToRefund;
  std::optional<PaymentRecord> payment;
  std::optional<CompensationRefusal> refusal;
};

// The payment rows, each call in a short transaction of its own (the claim steps, which commit before
// Toss is called, and the reads). Implemented by store/ on MariaDB. Errors: infrastructure errors
// (retryable ones marked so). Blocking; thread-safe.
class PaymentStore {
 public:
  virtual ~PaymentStore() = default;
  // Step 1 of a confirm (the order's row locked): insert READY with fresh keys, or find the row to
  // resume, or report a duplicate (see Claim::Kind).
  virtual Result<Claim> ClaimForConfirm(const ConfirmClaim& claim, TimePoint now) = 0;
  virtual Result<std::optional<PaymentRecord>> FindByOrderId(const OrderId& order_id) = 0;
  virtual Result<std::optional<PaymentRecord>> FindByPaymentKey(const PaymentKey& payment_key) = 0;
  // Step 1 of a refund (row locked): DONE/PARTIAL_CANCELED → CANCEL_PENDING with a fresh persisted
  // cancel key and `reason`; CANCEL_PENDING is kept (its key is reused). `named`: the payment a
  // compensation event names; a row of another payment (CheckNamedPayment) is left alone (kRefused).
  // nullopt: the caller holds the row itself.
  virtual Result<CancelStart> BeginCancel(const OrderId& order_id, std::string_view reason, TimePoint now,
                                          const std::optional<NamedPayment>& named) = 0;
  // Order ids of CANCEL_PENDING rows (not flagged) not touched since `older_than`, oldest first.
  virtual Result<std::vector<OrderId>> DueCancels(TimePoint older_than, int limit) = 0;
  // Marks a row a human must look at (Toss refused its refund for good); the sweeper skips it.
  virtual Status Flag(const OrderId& order_id, std::string_view code, std::string_view reason, TimePoint now) = 0;
};

// The row writes of a step's commit, inside ONE transaction of the caller (with the announcements and,
// for a consumed event, its inbox row). Each is conditional on the row's status, so concurrent paths
// (consumer, sweeper, webhook) settle a payment once. Implemented by store/. Errors: infrastructure.
class PaymentUnitOfWork {
 public:
  virtual ~PaymentUnitOfWork() = default;
  // READY → DONE with the approval's fields. false: the row was not READY (someone else finished it).
  virtual Result<bool> MarkApproved(const OrderId& order_id, const toss::Payment& approval, TimePoint now) = 0;
  // READY → ABORTED with the refusal's code and reason (`seen`: the last Payment seen, if any).
  virtual Result<bool> MarkRefused(const OrderId& order_id, std::string_view code, std::string_view reason,
                                   const std::optional<toss::Payment>& seen, TimePoint now) = 0;
  // One of `from` → CANCELED (or PARTIAL_CANCELED when Toss shows a balance left) with Toss's balance,
  // plus one payment_cancels row per Toss cancel not recorded yet. false: the row was in none of `from`
  // (another path finished the refund first: announce nothing).
  virtual Result<bool> MarkRefunded(const OrderId& order_id, const toss::Payment& seen, std::string_view cancel_key,
                                    const std::vector<PaymentStatus>& from, TimePoint now) = 0;
};

// payment-failed: nothing was charged (or a wrong-amount approval was refunded at once).
struct PaymentFailure {
  OrderId order_id;
  PaymentKey payment_key;
  std::int64_t amount = 0;
  std::string code;
  std::string reason;
};

// payment-refunded: `refunded_amount` went back; `partial` when a balance is left.
struct PaymentRefund {
  OrderId order_id;
  PaymentKey payment_key;
  std::int64_t refunded_amount = 0;
  std::string reason;
  bool partial = false;
};

// The saga events a step announces, written to the outbox in the same transaction as its row writes
// (events/ implements it on eda::events::Outbox; the trace id is the runner's business).
class PaymentAnnouncer {
 public:
  virtual ~PaymentAnnouncer() = default;
  // payment-confirm-response from the verified approval.
  virtual Status Approved(const toss::Payment& approval) = 0;
  virtual Status Failed(const PaymentFailure& failure) = 0;
  virtual Status Refunded(const PaymentRefund& refund) = 0;
};

// The work of one commit: row writes and announcements that succeed or roll back together.
using StepWork = std::function<Status(PaymentUnitOfWork& rows, PaymentAnnouncer& announce)>;

// Runs `work` in one transaction and commits it when `work` succeeded; retried as a whole on deadlocks,
// so `work` may run more than once. A runner for a consumed event commits the event's inbox row too and
// does not run `work` at all for an event handled before (the redelivery changes nothing).
using StepRunner = std::function<Status(const StepWork& work)>;

}  // namespace eda::payment
