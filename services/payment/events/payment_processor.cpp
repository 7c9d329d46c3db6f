#include "payment/events/payment_processor.hpp"

#include <algorithm>

#include "eda/events/inbox_handler.hpp"
#include "eda/log/log.hpp"
#include "eda/sql/retry.hpp"
#include "payment/domain/payment_rules.hpp"

namespace eda::payment {
namespace {

PaymentError Unavailable(const Error& e) {
  log::Warn("payment request failed", {{"code", e.code}, {"error", e.message}, {"retryable", e.retryable}});
  return PaymentError{e.retryable ? PaymentErrc::kUnavailable : PaymentErrc::kInternal,
                      e.retryable ? "a dependency is unavailable; retry later" : "internal error"};
}

}  // namespace

bool IsKeyMisconfiguration(std::string_view toss_code) noexcept {
  return toss_code == "UNAUTHORIZED_KEY" || toss_code == "INVALID_API_KEY" || toss_code == "INCORRECT_BASIC_AUTH_FORMAT";
}

PaymentProcessor::PaymentProcessor(sql::Pool& pool, const events::Outbox& outbox, events::Inbox inbox, toss::Api& toss,
                                   ProcessorSettings settings, OutcomeObserver observe, std::function<void()> wake_relay)
    : pool_(pool),
      outbox_(outbox),
      inbox_(std::move(inbox)),
      toss_(toss),
      settings_(std::move(settings)),
      observe_(std::move(observe)),
      wake_relay_(std::move(wake_relay)),
      store_(pool) {}

void PaymentProcessor::Observe(std::string_view flow, std::string_view outcome, std::string_view order_id) const {
  if (observe_) observe_(flow, outcome, order_id);
}

void PaymentProcessor::Subscribe(events::Consumer& consumer) {
  consumer.Subscribe(settings_.topics.confirm_request, [this](const events::IncomingEvent& ev) { return HandleConfirmRequest(ev); });
  consumer.Subscribe(settings_.topics.order_cancelled, [this](const events::IncomingEvent& ev) { return HandleOrderCancelled(ev); });
}

Status PaymentProcessor::HandleConfirmRequest(const events::IncomingEvent& ev) {
  auto msg = DecodeConfirmRequest(ev.payload);
  if (!msg) return std::move(msg).error();
  const std::string& trace = ev.envelope.trace_id;

  // (1) The row, with its idempotency keys persisted before any Toss call.
  auto claim = store_.ClaimForConfirm({msg->order_id, msg->payment_key, msg->amount, ev.envelope.event_id},
                                      settings_.clock());
  if (!claim) return std::move(claim).error();
  const PaymentRecord& row = claim->payment;
  if (claim->kind == Claim::Kind::kDuplicate) {
    if (DecideDuplicateConfirm(msg->order_id, row) == DuplicateConfirmAction::kFailOrder) {
      return FailReusedKey(*msg, row, ev);
    }
    // A second confirm of this order's payment, settled under another event: never a payment-failed,
    // which would fail a paid order.
    Observe("confirm", "duplicate", msg->order_id);
    log::Warn("second payment-confirm-request refused",
              {{"order_id", msg->order_id}, {"status", PaymentStatusName(row.status)}, {"row_order_id", row.order_id},
               {"event_id", ev.envelope.event_id}});
    return {};
  }
  if (row.status != PaymentStatus::kReady) {
    // This event's confirm finished before (its inbox row committed with the status): a redelivery.
    Observe("confirm", "redelivered", msg->order_id);
    return {};
  }

  // (2) Toss, outside any transaction.
  const ConfirmInput input{row.payment_key, row.order_id, row.amount, row.confirm_idempotency_key, row.mismatch_cancel_key};
  ConfirmOutcome outcome = RunConfirm(toss_, input, settings_.toss_retry, settings_.sleep);
  if (outcome.kind == ConfirmOutcome::Kind::kRetryLater) {
    Observe("confirm", "retry_later", row.order_id);
    return Error::Transient("payment.toss_unavailable", "confirm outcome unknown: " + outcome.code + " " + outcome.reason);
  }

  if (outcome.kind == ConfirmOutcome::Kind::kRefused && IsKeyMisconfiguration(outcome.code)) {
    // Our secret key is wrong (or from another key set than the window's client key): nothing about the
    // buyer's payment is decided, so do not fail the order; retry (then DLQ) and shout.
    Observe("confirm", "misconfigured", row.order_id);
    log::Error("Toss refused our secret key: check EDA_TOSS_SECRET_KEY / EDA_TOSS_API_URL",
               {{"order_id", row.order_id}, {"code", outcome.code}});
    return Error::Transient("payment.toss_misconfigured", outcome.code + " " + outcome.reason);
  }

  // (3) The state change and its event, once per event id.
  bool emitted = false;
  auto handler = events::InboxHandler(
      pool_, inbox_, settings_.consumer_name, [&](sql::Transaction& tx, const events::IncomingEvent&) -> Status {
        emitted = false;
        const TimePoint now = settings_.clock();
        if (outcome.kind == ConfirmOutcome::Kind::kApproved) {
          auto changed = SqlPaymentStore::MarkApproved(tx, row.order_id, *outcome.payment, now);
          if (!changed) return std::move(changed).error();
          if (!*changed) return {};
          auto added = outbox_.Add(tx, BuildConfirmResponse(settings_.topics, *outcome.payment, trace));
          if (!added) return std::move(added).error();
        } else {
          auto changed = SqlPaymentStore::MarkRefused(tx, row.order_id, outcome.code, outcome.reason, outcome.payment, now);
          if (!changed) return std::move(changed).error();
          if (!*changed) return {};
          auto added = outbox_.Add(tx, BuildPaymentFailed(settings_.topics, row.order_id, row.payment_key, row.amount,
                                                          outcome.code, outcome.reason, trace));
          if (!added) return std::move(added).error();
        }
        emitted = true;
        return {};
      });
  Status done = handler(ev);
  if (!done) return done;
  const bool approved = outcome.kind == ConfirmOutcome::Kind::kApproved;
  Observe("confirm", emitted ? (approved ? "approved" : "refused") : "already_settled", row.order_id);
  if (emitted) {
    if (wake_relay_) wake_relay_();
    if (approved) {
      log::Info("payment approved", {{"order_id", row.order_id}, {"amount", row.amount}});
    } else {
      log::Info("payment refused", {{"order_id", row.order_id}, {"code", outcome.code}, {"reason", outcome.reason},
                                    {"mismatch_refunded", outcome.mismatch_refunded}});
    }
  }
  return {};
}

Status PaymentProcessor::FailReusedKey(const ConfirmRequestMessage& msg, const PaymentRecord& holder,
                                       const events::IncomingEvent& ev) {
  // No row is written for this order (the key is unique to the holder's row) and Toss is not called:
  // the event's inbox row is what makes the payment-failed once per event.
  bool emitted = false;
  auto handler = events::InboxHandler(
      pool_, inbox_, settings_.consumer_name, [&](sql::Transaction& tx, const events::IncomingEvent& e) -> Status {
        emitted = false;
        auto added = outbox_.Add(tx, BuildPaymentFailed(settings_.topics, msg.order_id, msg.payment_key, msg.amount,
                                                        std::string(kPaymentKeyAlreadyUsed),
                                                        "the payment key is already used by another order",
                                                        e.envelope.trace_id));
        if (!added) return std::move(added).error();
        emitted = true;
        return {};
      });
  Status done = handler(ev);
  if (!done) return done;
  Observe("confirm", emitted ? "key_reused" : "redelivered", msg.order_id);
  if (emitted) {
    if (wake_relay_) wake_relay_();
    log::Warn("payment-confirm-request with another order's payment key: payment-failed",
              {{"order_id", msg.order_id}, {"holder_order_id", holder.order_id}, {"event_id", ev.envelope.event_id}});
  }
  return {};
}

Status PaymentProcessor::HandleOrderCancelled(const events::IncomingEvent& ev) {
  auto msg = DecodeOrderCancelled(ev.payload);
  if (!msg) return std::move(msg).error();
  auto start = store_.BeginCancel(msg->order_id, msg->reason, settings_.clock(), msg->payment);
  if (!start) return std::move(start).error();
  switch (start->action) {
    case CompensationAction::kRefused: {
      // Not this order's payment (forged, or sent to the wrong order): nothing changes, whatever the
      // row's state. Acknowledged; the genuine event still applies when it comes.
      const std::string& topic = settings_.topics.order_cancelled;
      const std::string_view reason = CompensationRefusalName(start->refusal.value_or(CompensationRefusal::kPaymentKeyMismatch));
      if (settings_.refused) settings_.refused(topic, msg->order_id, reason);
      log::Warn("compensation event refused: it does not name the order's payment (forged or misrouted)",
                {{"topic", topic}, {"order_id", msg->order_id}, {"reason", reason}, {"event_id", ev.envelope.event_id}});
      return {};
    }
    case CompensationAction::kAlreadyRefunded:
      // Another request means the order service has not seen the refund: announce it once more for
      // that event (the order treats a second payment-refunded as stale).
      return ReannounceRefund(*start->payment, ev);
    case CompensationAction::kNothingToRefund:
      // No money was taken (no row, never approved): the order ends from payment-failed, not from us.
      Observe("refund", "nothing_to_refund", msg->order_id);
      log::Info("compensation without a payment to refund",
                {{"order_id", msg->order_id},
                 {"status", start->payment ? PaymentStatusName(start->payment->status) : std::string_view("none")}});
      return {};
    case CompensationAction::kCancelAtToss:
    case CompensationAction::kResumeCancel: break;
  }
  auto finished = FinishRefund(*start->payment, &ev, ev.envelope.trace_id);
  if (!finished) return std::move(finished).error();
  return {};
}

Status PaymentProcessor::ReannounceRefund(const PaymentRecord& row, const events::IncomingEvent& ev) {
  bool emitted = false;
  auto handler = events::InboxHandler(
      pool_, inbox_, settings_.consumer_name, [&](sql::Transaction& tx, const events::IncomingEvent& e) -> Status {
        emitted = false;
        auto added = outbox_.Add(tx, BuildPaymentRefunded(settings_.topics, row.order_id, row.payment_key,
                                                          std::max<std::int64_t>(0, row.total_amount - row.balance_amount),
                                                          row.cancel_reason, row.balance_amount > 0, e.envelope.trace_id));
        if (!added) return std::move(added).error();
        emitted = true;
        return {};
      });
  Status done = handler(ev);
  if (!done) return done;
  Observe("refund", emitted ? "reannounced" : "already_refunded", row.order_id);
  if (emitted && wake_relay_) wake_relay_();
  return {};
}

Result<std::optional<toss::Payment>> PaymentProcessor::FinishRefund(const PaymentRecord& row,
                                                                    const events::IncomingEvent* ev,
                                                                    const std::string& trace_id) {
  const CancelInput input{row.payment_key, row.cancel_reason.empty() ? "refund" : row.cancel_reason, std::nullopt,
                          row.cancel_idempotency_key};
  CancelOutcome outcome = RunCancel(toss_, input, settings_.toss_retry, settings_.sleep);
  switch (outcome.kind) {
    case CancelOutcome::Kind::kRetryLater:
      Observe("refund", "retry_later", row.order_id);
      return Error::Transient("payment.toss_unavailable", "cancel outcome unknown: " + outcome.code + " " + outcome.reason);
    case CancelOutcome::Kind::kRefused: {
      Observe("refund", "refused", row.order_id);
      log::Error("refund refused by Toss: operator needed",
                 {{"order_id", row.order_id}, {"code", outcome.code}, {"reason", outcome.reason}});
      (void)store_.Flag(row.order_id, outcome.code, outcome.reason, settings_.clock());
      return Error::Permanent("payment.cancel_refused", outcome.code + " " + outcome.reason);
    }
    case CancelOutcome::Kind::kRefunded:
    case CancelOutcome::Kind::kNothingToRefund: break;
  }
  // kNothingToRefund: Toss holds no money for it (aborted/expired/unknown there): the row ends CANCELED
  // with balance 0 and the order is told that 0 was refunded, so it does not wait forever.
  toss::Payment seen;
  if (outcome.payment) seen = *outcome.payment;
  if (outcome.kind == CancelOutcome::Kind::kNothingToRefund) {
    seen.balance_amount = 0;
    seen.cancels.clear();
  }
  const std::int64_t refunded =
      outcome.kind == CancelOutcome::Kind::kRefunded ? std::max<std::int64_t>(0, row.balance_amount - seen.balance_amount) : 0;
  const bool partial = seen.balance_amount > 0;
  bool emitted = false;
  const auto finish = [&](sql::Transaction& tx) -> Status {
    emitted = false;
    auto changed = SqlPaymentStore::MarkRefunded(tx, row.order_id, seen, row.cancel_idempotency_key,
                                                 {PaymentStatus::kCancelPending}, settings_.clock());
    if (!changed) return std::move(changed).error();
    if (!*changed) return {};
    auto added = outbox_.Add(tx, BuildPaymentRefunded(settings_.topics, row.order_id, row.payment_key, refunded,
                                                      row.cancel_reason, partial, trace_id));
    if (!added) return std::move(added).error();
    emitted = true;
    return {};
  };
  Status done;
  if (ev != nullptr) {
    auto handler = events::InboxHandler(pool_, inbox_, settings_.consumer_name,
                                        [&](sql::Transaction& tx, const events::IncomingEvent&) { return finish(tx); });
    done = handler(*ev);
  } else {
    done = sql::RetryTransaction(pool_, finish);
  }
  if (!done) return std::move(done).error();
  Observe("refund", emitted ? (outcome.kind == CancelOutcome::Kind::kRefunded ? "refunded" : "nothing_held") : "already_refunded",
          row.order_id);
  if (emitted) {
    if (wake_relay_) wake_relay_();
    log::Info("payment refunded", {{"order_id", row.order_id}, {"refunded_amount", refunded}, {"partial", partial}});
  }
  if (outcome.payment) return std::optional<toss::Payment>(*outcome.payment);
  return std::optional<toss::Payment>{};
}

Status PaymentProcessor::ResumeCancel(const std::string& order_id) {
  auto row = store_.FindByOrderId(order_id);
  if (!row) return std::move(row).error();
  if (!*row || (*row)->status != PaymentStatus::kCancelPending || (*row)->flagged) return {};
  auto finished = FinishRefund(**row, nullptr, {});
  if (!finished) return std::move(finished).error();
  return {};
}

Result<std::optional<PaymentRecord>, PaymentError> PaymentProcessor::FindByPaymentKey(const std::string& payment_key) {
  auto found = store_.FindByPaymentKey(payment_key);
  if (!found) return Unavailable(found.error());
  return std::move(*found);
}

Result<ReconcileResult, PaymentError> PaymentProcessor::Reconcile(const std::string& payment_key) {
  auto found = store_.FindByPaymentKey(payment_key);
  if (!found) return Unavailable(found.error());
  if (!*found) {
    Observe("webhook", "unknown_payment", "");
    return ReconcileResult{"unknown_payment", std::nullopt};
  }
  const PaymentRecord row = std::move(**found);
  auto fetched = toss_.GetByPaymentKey(payment_key);
  if (!fetched) {
    const toss::TossError& e = fetched.error();
    if (e.error_class == toss::ErrorClass::kTerminal) {
      Observe("webhook", "unknown_at_toss", row.order_id);
      return ReconcileResult{"unknown_at_toss", row};
    }
    log::Warn("webhook: Toss lookup failed", {{"order_id", row.order_id}, {"http_status", e.http_status},
                                              {"code", e.code}, {"class", toss::ErrorClassName(e.error_class)}});
    return PaymentError{PaymentErrc::kUnavailable, "Toss lookup failed; retry later"};
  }
  const toss::Payment& p = *fetched;
  if (p.order_id != row.order_id) {
    log::Error("webhook: Toss payment belongs to another order", {{"order_id", row.order_id}, {"toss_order_id", p.order_id}});
    return ReconcileResult{"order_mismatch", row};
  }
  const bool cancelled_at_toss =
      p.status == toss::PaymentStatus::kCanceled ||
      (p.status == toss::PaymentStatus::kPartialCanceled && p.balance_amount < row.balance_amount);
  const bool ours_holds_money = row.status == PaymentStatus::kDone || row.status == PaymentStatus::kPartialCanceled ||
                                row.status == PaymentStatus::kCancelPending;
  if (!cancelled_at_toss || !ours_holds_money) {
    Observe("webhook", "in_sync", row.order_id);
    return ReconcileResult{"in_sync", row};
  }
  const bool full = p.status == toss::PaymentStatus::kCanceled;
  const std::int64_t refunded = std::max<std::int64_t>(0, row.balance_amount - p.balance_amount);
  const std::string reason = row.cancel_reason.empty() ? "canceled at Toss" : row.cancel_reason;
  bool emitted = false;
  auto done = sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Status {
    emitted = false;
    auto changed = SqlPaymentStore::MarkRefunded(
        tx, row.order_id, p, row.cancel_idempotency_key,
        {PaymentStatus::kDone, PaymentStatus::kPartialCanceled, PaymentStatus::kCancelPending}, settings_.clock());
    if (!changed) return std::move(changed).error();
    if (!*changed || !full) return {};
    // Only a full refund ends the order (payment-refunded); a partial one made elsewhere is recorded.
    auto added = outbox_.Add(tx, BuildPaymentRefunded(settings_.topics, row.order_id, row.payment_key, refunded, reason,
                                                      false, {}));
    if (!added) return std::move(added).error();
    emitted = true;
    return {};
  });
  if (!done) return Unavailable(done.error());
  if (emitted && wake_relay_) wake_relay_();
  const std::string outcome = full ? (emitted ? "refunded" : "in_sync") : "partially_canceled";
  Observe("webhook", outcome, row.order_id);
  auto after = store_.FindByOrderId(row.order_id);
  if (!after) return Unavailable(after.error());
  return ReconcileResult{outcome, std::move(*after)};
}

}  // namespace eda::payment
