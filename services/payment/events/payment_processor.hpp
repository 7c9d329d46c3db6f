#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "eda/core/result.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"
#include "eda/toss/api.hpp"
#include "payment/domain/payment_ports.hpp"
#include "payment/domain/toss_flows.hpp"
#include "payment/events/payment_messages.hpp"
#include "payment/store/sql_payment_store.hpp"

namespace eda::payment {

// Reports a compensation event refused because it names another payment than the order's row
// (forged or misrouted): `topic`, the order id, and the CompensationRefusalName.
using RefusalObserver = std::function<void(std::string_view topic, std::string_view order_id, std::string_view reason)>;

struct ProcessorSettings {
  PaymentTopics topics;                   // topic names (defaults: docs/SAGA.md)
  std::string consumer_name = "payment";  // the inbox's consumer name (= the consumer group)
  RetryPolicy toss_retry;                 // Toss attempts per handler invocation
  // Sleeps between Toss attempts (tests pass a no-op or a short one).
  Sleeper sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  std::function<TimePoint()> clock = [] { return std::chrono::system_clock::now(); };
  RefusalObserver refused;                // counts refused compensation events (may be empty)
};

// Reports each decision for logs and metrics: flow "confirm" | "refund" | "webhook", outcome (e.g.
// "approved", "refused", "retry_later", "duplicate", "key_reused", "refunded", "already_refunded",
// "nothing_to_refund").
using OutcomeObserver = std::function<void(std::string_view flow, std::string_view outcome, std::string_view order_id)>;

// Toss codes that mean our own key/URL setting is wrong, not the buyer's payment: UNAUTHORIZED_KEY,
// INVALID_API_KEY, INCORRECT_BASIC_AUTH_FORMAT. A confirm refused with one of them is retried (retryable
// error "payment.toss_misconfigured"), never turned into payment-failed.
bool IsKeyMisconfiguration(std::string_view toss_code) noexcept;

// The payment saga steps (README.md "Design"):
// - confirm: (1) claim the row in its own transaction (READY + persisted keys; the same event's row is
//   resumed; a finished row of another event is refused and acknowledged; a payment key another
//   order's row holds ends this order with payment-failed, through the inbox), (2) RunConfirm outside any
//   transaction, (3) inbox transaction: conditional READY → DONE/ABORTED + payment-confirm-response /
//   payment-failed through the outbox. kRetryLater → retryable error (retry topic, then DLQ).
// - refund (order-cancelled, buyer's cancel, sweeper): (1) row →
//   CANCEL_PENDING with a persisted cancel key, (2) RunCancel, (3) conditional CANCEL_PENDING → CANCELED +
//   payment_cancels + payment-refunded. The conditional updates make concurrent paths (consumer,
//   sweeper, webhook, HTTP) emit one event. An event naming another payment than the row's is refused
//   (nothing changes; settings.refused). order-cancelled for a row refunded before: payment-refunded
//   once more for that event (its sender has not seen it), no Toss call.
// Blocking (Toss and MariaDB calls): run on consumer / worker threads. Thread-safe. `pool`, `outbox`,
// `toss` must outlive it.
class PaymentProcessor final : public PaymentDirectory {
 public:
  PaymentProcessor(sql::Pool& pool, const events::Outbox& outbox, events::Inbox inbox, toss::Api& toss,
                   ProcessorSettings settings, OutcomeObserver observe = {}, std::function<void()> wake_relay = {});

  // Consumer handlers. Errors: permanent events.undecodable (DLQ), retryable payment.toss_unavailable /
  // sql errors (retry topic), permanent payment.cancel_refused (a refund Toss refused for good: DLQ and
  // the row is flagged).
  Status HandleConfirmRequest(const events::IncomingEvent& ev);
  Status HandleOrderCancelled(const events::IncomingEvent& ev);

  // Subscribes the two handlers (payment-confirm-request, order-cancelled) under settings.topics.
  void Subscribe(events::Consumer& consumer);

  // Finishes the refund of a CANCEL_PENDING row (the sweeper). A row in another state is left alone.
  Status ResumeCancel(const std::string& order_id);

  // PaymentDirectory (HTTP routes).
  Result<std::optional<PaymentRecord>, PaymentError> FindByPaymentKey(const std::string& payment_key) override;
  Result<ReconcileResult, PaymentError> Reconcile(const std::string& payment_key) override;

  SqlPaymentStore& store() noexcept { return store_; }

 private:
  // Steps 2-3 of a refund for a CANCEL_PENDING row; `ev` given: step 3 runs through the inbox.
  // Returns the Toss payment on success.
  Result<std::optional<toss::Payment>> FinishRefund(const PaymentRecord& row, const events::IncomingEvent* ev,
                                                    const std::string& trace_id);
  // payment-failed (kPaymentKeyAlreadyUsed) for a confirm whose payment key `holder`, another order's
  // row, already claimed; once per event, `holder` untouched.
  Status FailReusedKey(const ConfirmRequestMessage& msg, const PaymentRecord& holder, const events::IncomingEvent& ev);
  // payment-refunded again for an already refunded row, once per event (order-cancelled).
  Status ReannounceRefund(const PaymentRecord& row, const events::IncomingEvent& ev);
  void Observe(std::string_view flow, std::string_view outcome, std::string_view order_id) const;

  sql::Pool& pool_;
  const events::Outbox& outbox_;
  events::Inbox inbox_;
  toss::Api& toss_;
  ProcessorSettings settings_;
  OutcomeObserver observe_;
  std::function<void()> wake_relay_;
  SqlPaymentStore store_;
};

}  // namespace eda::payment
