#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/toss/api.hpp"
#include "payment/domain/payment_ports.hpp"
#include "payment/domain/toss_flows.hpp"

namespace eda::payment {

// Reports each decision for metrics: flow "confirm" | "refund" | "webhook", outcome (README.md
// "Metrics": "approved", "refused", "retry_later", "duplicate", "key_reused", "refunded", ...).
using OutcomeObserver = std::function<void(std::string_view flow, std::string_view outcome, std::string_view order_id)>;

// What Confirm did.
enum class ConfirmStep {
  kApproved,        // DONE now; payment-confirm-response announced
  kRefused,         // ABORTED now (declined, terminal Toss error, mismatch refunded); payment-failed announced
  kAlreadySettled,  // Toss answered, but another path had settled the row: nothing announced
  kRedelivered,     // this event was handled before: nothing called, nothing announced
  kDuplicate,       // a second confirm of this order's payment under another event: refused, nothing announced
  kKeyReused,       // another order's row holds the payment key: payment-failed (kPaymentKeyAlreadyUsed)
                    // announced for this order, no Toss call, the holder untouched
};

struct ConfirmResult {
  ConfirmStep step = ConfirmStep::kRedelivered;
  PaymentRecord payment{};  // the row claimed; kDuplicate / kKeyReused: the row that holds the order or the key
  ConfirmOutcome toss{};    // kApproved / kRefused / kAlreadySettled: what Toss answered
};

// An order-cancelled: the order (CANCELLING) asks for its payment back, naming it exactly.
struct RefundRequest {
  OrderId order_id;
  std::string reason;
  NamedPayment payment;
};

// What Refund (or a resumed refund) did.
enum class RefundStep {
  kRefunded,         // cancelled at Toss now; CANCELED and payment-refunded announced
  kNothingHeld,      // Toss held nothing for a row we had as DONE: CANCELED with 0 refunded, announced
  kAlreadyRefunded,  // another path (or an earlier delivery of this event) announced it: nothing more
  kReannounced,      // refunded before: payment-refunded announced once more for this event, no Toss call
  kNothingToRefund,  // no row, or never approved: no money was taken, nothing announced
  kRefused,          // the event names another payment than the row's: nothing changes
};

struct RefundResult {
  RefundStep step = RefundStep::kNothingToRefund;
  std::optional<PaymentRecord> payment{};        // the row as the refund found it (none: no row)
  std::optional<CompensationRefusal> refusal{};  // kRefused: why
  std::int64_t refunded_amount = 0;              // kRefunded / kNothingHeld / kReannounced
  bool partial = false;                          // a balance is left at Toss
};

// Which CANCEL_PENDING rows a sweep resumes.
struct SweepSettings {
  std::chrono::milliseconds deadline{60'000};  // rows untouched for longer than this
  int batch = 50;                              // rows per round
};

struct SweepFailure {
  std::optional<OrderId> order_id;  // none: the due rows could not be listed
  Error error;
};

// What one sweep round did.
struct SweepReport {
  int resumed = 0;                     // refunds finished (or found finished)
  std::vector<SweepFailure> failures;  // still failing: left CANCEL_PENDING for the next round
};

// The payment saga's use cases over the ports (README.md "Events"), each in the claim → call → commit
// shape, so no transaction is open while Toss answers:
// - Confirm (payment-confirm-request): (1) PaymentStore::ClaimForConfirm commits the READY row with its
//   persisted Idempotency-Keys; (2) RunConfirm at Toss; (3) `settle`: conditional READY → DONE/ABORTED and
//   payment-confirm-response / payment-failed.
// - Refund (order-cancelled): (1) BeginCancel commits CANCEL_PENDING with a persisted cancel key (or
//   refuses an event naming another payment); (2) RunCancel; (3) `settle`: conditional CANCEL_PENDING →
//   CANCELED, payment-refunded. A row refunded before is announced once more, without a Toss call.
// - Sweep: Refund's steps 2-3 for CANCEL_PENDING rows left behind, in `Ports::transaction`.
// - Reconcile (webhook): Toss's view of a payment refunded elsewhere, in `Ports::transaction`.
// Blocking (Toss and store calls): call from consumer / worker threads. Thread-safe when the ports
// are. Owns nothing; the ports must outlive it.
class PaymentService final : public PaymentDirectory {
 public:
  struct Ports {
    PaymentStore& store;
    toss::Api& toss;
    StepRunner transaction;  // a fresh transaction (sweeper, webhook); events announced with no trace
    std::function<TimePoint()> clock = [] { return std::chrono::system_clock::now(); };
    Sleeper sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };  // between Toss attempts
  };
  // `toss_retry`: Toss attempts per call of a use case; `observe` may be empty.
  PaymentService(Ports ports, RetryPolicy toss_retry, OutcomeObserver observe = {});

  // Errors: retryable "payment.toss_unavailable" (Toss's answer still unknown; the row stays READY and
  // the same keys are used next time), retryable "payment.toss_misconfigured" (Toss refused our secret
  // key: never the buyer's fault, so never payment-failed), store errors as they are.
  Result<ConfirmResult> Confirm(const ConfirmClaim& request, const StepRunner& settle);

  // Errors: retryable "payment.toss_unavailable"; permanent "payment.cancel_refused" (Toss refused the
  // refund for good: the row is flagged for a human and the sweeper skips it); store errors.
  Result<RefundResult> Refund(const RefundRequest& request, const StepRunner& settle);

  // Finishes the refunds of CANCEL_PENDING rows (not flagged) untouched for settings.deadline: the
  // consumer gave up, or the process died between the decision and the Toss call. Racing the consumer
  // is safe (same persisted cancel key, conditional update).
  SweepReport Sweep(const SweepSettings& settings);

  // PaymentDirectory (HTTP routes). Errors: kUnavailable (store or Toss; retry), kInternal.
  Result<std::optional<PaymentRecord>, PaymentError> FindByPaymentKey(const PaymentKey& payment_key) override;
  Result<ReconcileResult, PaymentError> Reconcile(const PaymentKey& payment_key) override;

 private:
  // Steps 2-3 of a refund for a CANCEL_PENDING row.
  Result<RefundResult> FinishRefund(const PaymentRecord& row, const StepRunner& settle);
  Result<RefundResult> ReannounceRefund(const PaymentRecord& row, const StepRunner& settle);
  Result<ConfirmResult> FailReusedKey(const ConfirmClaim& request, const PaymentRecord& holder, const StepRunner& settle);
  void Observe(std::string_view flow, std::string_view outcome, const OrderId& order_id) const;

  Ports ports_;
  RetryPolicy toss_retry_;
  OutcomeObserver observe_;
};

}  // namespace eda::payment
