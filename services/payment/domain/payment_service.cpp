#include "payment/domain/payment_service.hpp"

#include <algorithm>
#include <utility>

namespace eda::payment {
namespace {

PaymentError Unavailable(const Error& e) {
  return PaymentError{e.retryable ? PaymentErrc::kUnavailable : PaymentErrc::kInternal,
                      e.retryable ? "a dependency is unavailable; retry later" : "internal error",
                      e.code + ": " + e.message};
}

}  // namespace

PaymentService::PaymentService(Ports ports, RetryPolicy toss_retry, OutcomeObserver observe)
    : ports_(std::move(ports)), toss_retry_(toss_retry), observe_(std::move(observe)) {}

void PaymentService::Observe(std::string_view flow, std::string_view outcome, const OrderId& order_id) const {
  if (observe_) observe_(flow, outcome, order_id.value());
}

Result<ConfirmResult> PaymentService::Confirm(const ConfirmClaim& request, const StepRunner& settle) {
  // (1) The row, with its idempotency keys persisted before any Toss call.
  auto claim = ports_.store.ClaimForConfirm(request, ports_.clock());
  if (!claim) return std::move(claim).error();
  PaymentRecord& row = claim->payment;
  if (claim->kind == Claim::Kind::kDuplicate) {
    if (DecideDuplicateConfirm(request.order_id, row) == DuplicateConfirmAction::kFailOrder) {
      return FailReusedKey(request, row, settle);
    }
    // A second confirm of this order's payment, settled under another event: never a payment-failed,
    // which would fail a paid order.
    Observe("confirm", "duplicate", request.order_id);
    return ConfirmResult{ConfirmStep::kDuplicate, std::move(row), {}};
  }
  if (row.status != PaymentStatus::kReady) {
    // This event's confirm finished before (its inbox row committed with the status).
    Observe("confirm", "redelivered", request.order_id);
    return ConfirmResult{ConfirmStep::kRedelivered, std::move(row), {}};
  }

  // (2) Toss, outside any transaction.
  const ConfirmInput input{row.payment_key.value(), row.order_id.value(), row.amount, row.confirm_idempotency_key,
                           row.mismatch_cancel_key};
  ConfirmOutcome outcome = RunConfirm(ports_.toss, input, toss_retry_, ports_.sleep);
  if (outcome.kind == ConfirmOutcome::Kind::kRetryLater) {
    Observe("confirm", "retry_later", row.order_id);
    return Error::Transient("payment.toss_unavailable", "confirm outcome unknown: " + outcome.code + " " + outcome.reason);
  }
  if (outcome.kind == ConfirmOutcome::Kind::kRefused && IsKeyMisconfiguration(outcome.code)) {
    // Nothing about the buyer's payment is decided, so the order must not fail: retry (then DLQ).
    Observe("confirm", "misconfigured", row.order_id);
    return Error::Transient("payment.toss_misconfigured", outcome.code + " " + outcome.reason);
  }

  // (3) The state change and its event, once per event.
  const bool approved = outcome.kind == ConfirmOutcome::Kind::kApproved;
  bool emitted = false;
  Status done = settle([&](PaymentUnitOfWork& rows, PaymentAnnouncer& announce) -> Status {
    emitted = false;
    const TimePoint now = ports_.clock();
    if (approved) {
      auto changed = rows.MarkApproved(row.order_id, *outcome.payment, now);
      if (!changed) return std::move(changed).error();
      if (!*changed) return {};
      if (Status added = announce.Approved(*outcome.payment); !added) return added;
    } else {
      auto changed = rows.MarkRefused(row.order_id, outcome.code, outcome.reason, outcome.payment, now);
      if (!changed) return std::move(changed).error();
      if (!*changed) return {};
      Status added = announce.Failed({row.order_id, row.payment_key, row.amount, outcome.code, outcome.reason});
      if (!added) return added;
    }
    emitted = true;
    return {};
  });
  if (!done) return std::move(done).error();
  Observe("confirm", emitted ? (approved ? "approved" : "refused") : "already_settled", row.order_id);
  const ConfirmStep step = !emitted ? ConfirmStep::kAlreadySettled : approved ? ConfirmStep::kApproved : ConfirmStep::kRefused;
  return ConfirmResult{step, std::move(row), std::move(outcome)};
}

Result<ConfirmResult> PaymentService::FailReusedKey(const ConfirmClaim& request, const PaymentRecord& holder,
                                                    const StepRunner& settle) {
  // No row is written for this order (the key is unique to the holder's row) and Toss is not called:
  // the settle step's inbox row is what makes the payment-failed once per event.
  bool emitted = false;
  Status done = settle([&](PaymentUnitOfWork&, PaymentAnnouncer& announce) -> Status {
    emitted = false;
    Status added = announce.Failed({request.order_id, request.payment_key, request.amount,
                                    std::string(kPaymentKeyAlreadyUsed),
                                    "the payment key is already used by another order"});
    if (!added) return added;
    emitted = true;
    return {};
  });
  if (!done) return std::move(done).error();
  Observe("confirm", emitted ? "key_reused" : "redelivered", request.order_id);
  return ConfirmResult{emitted ? ConfirmStep::kKeyReused : ConfirmStep::kRedelivered, holder, {}};
}

Result<RefundResult> PaymentService::Refund(const RefundRequest& request, const StepRunner& settle) {
  auto start = ports_.store.BeginCancel(request.order_id, request.reason, ports_.clock(), request.payment);
  if (!start) return std::move(start).error();
  switch (start->action) {
    case CompensationAction::kRefused:
      // Not this order's payment (forged, or sent to the wrong order): nothing changes, whatever the
      // row's state; the genuine event still applies when it comes.
      return RefundResult{RefundStep::kRefused, std::move(start->payment),
                          start->refusal.value_or(CompensationRefusal::kPaymentKeyMismatch)};
    case CompensationAction::kAlreadyRefunded:
      // Another request means the order service has not seen the refund: announce it once more for
      // that event (the order treats a second payment-refunded as stale).
      return ReannounceRefund(*start->payment, settle);
    case CompensationAction::kNothingToRefund:
      // No money was taken (no row, never approved): the order ends from payment-failed, not from us.
      Observe("refund", "nothing_to_refund", request.order_id);
      return RefundResult{RefundStep::kNothingToRefund, std::move(start->payment)};
    case CompensationAction::kCancelAtToss:
    case CompensationAction::kResumeCancel: break;
  }
  return FinishRefund(*start->payment, settle);
}

Result<RefundResult> PaymentService::ReannounceRefund(const PaymentRecord& row, const StepRunner& settle) {
  const std::int64_t refunded = std::max<std::int64_t>(0, row.total_amount - row.balance_amount);
  const bool partial = row.balance_amount > 0;
  bool emitted = false;
  Status done = settle([&](PaymentUnitOfWork&, PaymentAnnouncer& announce) -> Status {
    emitted = false;
    Status added = announce.Refunded({row.order_id, row.payment_key, refunded, row.cancel_reason, partial});
    if (!added) return added;
    emitted = true;
    return {};
  });
  if (!done) return std::move(done).error();
  Observe("refund", emitted ? "reannounced" : "already_refunded", row.order_id);
  return RefundResult{emitted ? RefundStep::kReannounced : RefundStep::kAlreadyRefunded, row, std::nullopt, refunded,
                      partial};
}

Result<RefundResult> PaymentService::FinishRefund(const PaymentRecord& row, const StepRunner& settle) {
  const CancelInput input{row.payment_key.value(), row.cancel_reason.empty() ? "refund" : row.cancel_reason, std::nullopt,
                          row.cancel_idempotency_key};
  CancelOutcome outcome = RunCancel(ports_.toss, input, toss_retry_, ports_.sleep);
  switch (outcome.kind) {
    case CancelOutcome::Kind::kRetryLater:
      Observe("refund", "retry_later", row.order_id);
      return Error::Transient("payment.toss_unavailable", "cancel outcome unknown: " + outcome.code + " " + outcome.reason);
    case CancelOutcome::Kind::kRefused:
      Observe("refund", "refused", row.order_id);
      // Best effort: an unflagged row is only resumed by the sweeper again, and refused again.
      (void)ports_.store.Flag(row.order_id, outcome.code, outcome.reason, ports_.clock());
      return Error::Permanent("payment.cancel_refused", outcome.code + " " + outcome.reason);
    case CancelOutcome::Kind::kRefunded:
    case CancelOutcome::Kind::kNothingToRefund: break;
  }
  // kNothingToRefund: Toss holds no money for it (aborted/expired/unknown there): the row ends CANCELED
  // with balance 0 and the order is told that 0 was refunded, so it does not wait forever.
  const bool refunded_now = outcome.kind == CancelOutcome::Kind::kRefunded;
  toss::Payment seen;
  if (outcome.payment) seen = *outcome.payment;
  if (!refunded_now) {
    seen.balance_amount = 0;
    seen.cancels.clear();
  }
  const std::int64_t refunded = refunded_now ? std::max<std::int64_t>(0, row.balance_amount - seen.balance_amount) : 0;
  const bool partial = seen.balance_amount > 0;
  bool emitted = false;
  Status done = settle([&](PaymentUnitOfWork& rows, PaymentAnnouncer& announce) -> Status {
    emitted = false;
    auto changed = rows.MarkRefunded(row.order_id, seen, row.cancel_idempotency_key, {PaymentStatus::kCancelPending},
                                     ports_.clock());
    if (!changed) return std::move(changed).error();
    if (!*changed) return {};
    Status added = announce.Refunded({row.order_id, row.payment_key, refunded, row.cancel_reason, partial});
    if (!added) return added;
    emitted = true;
    return {};
  });
  if (!done) return std::move(done).error();
  Observe("refund", emitted ? (refunded_now ? "refunded" : "nothing_held") : "already_refunded", row.order_id);
  const RefundStep step =
      !emitted ? RefundStep::kAlreadyRefunded : refunded_now ? RefundStep::kRefunded : RefundStep::kNothingHeld;
  return RefundResult{step, row, std::nullopt, refunded, partial};
}

SweepReport PaymentService::Sweep(const SweepSettings& settings) {
  SweepReport report;
  auto due = ports_.store.DueCancels(ports_.clock() - settings.deadline, settings.batch);
  if (!due) {
    report.failures.push_back({{}, std::move(due).error()});
    return report;
  }
  for (const OrderId& order_id : *due) {
    auto row = ports_.store.FindByOrderId(order_id);
    if (!row) {
      report.failures.push_back({order_id, std::move(row).error()});
      continue;
    }
    // Finished or flagged since it was listed.
    if (!*row || (*row)->status != PaymentStatus::kCancelPending || (*row)->flagged) {
      ++report.resumed;
      continue;
    }
    auto finished = FinishRefund(**row, ports_.transaction);
    if (!finished) {
      report.failures.push_back({order_id, std::move(finished).error()});
      continue;
    }
    ++report.resumed;
  }
  return report;
}

Result<std::optional<PaymentRecord>, PaymentError> PaymentService::FindByPaymentKey(const PaymentKey& payment_key) {
  auto found = ports_.store.FindByPaymentKey(payment_key);
  if (!found) return Unavailable(found.error());
  return std::move(*found);
}

Result<ReconcileResult, PaymentError> PaymentService::Reconcile(const PaymentKey& payment_key) {
  auto found = ports_.store.FindByPaymentKey(payment_key);
  if (!found) return Unavailable(found.error());
  if (!*found) {
    Observe("webhook", "unknown_payment", OrderId());
    return ReconcileResult{"unknown_payment", std::nullopt};
  }
  const PaymentRecord row = std::move(**found);
  auto fetched = ports_.toss.GetByPaymentKey(payment_key.value());
  if (!fetched) {
    const toss::TossError& e = fetched.error();
    if (e.error_class == toss::ErrorClass::kTerminal) {
      Observe("webhook", "unknown_at_toss", row.order_id);
      return ReconcileResult{"unknown_at_toss", row};
    }
    return PaymentError{PaymentErrc::kUnavailable, "Toss lookup failed; retry later",
                        "toss lookup of order " + row.order_id.value() + ": " + std::string(toss::ErrorClassName(e.error_class)) +
                            " http_status=" + std::to_string(e.http_status) + " code=" + e.code};
  }
  const toss::Payment& p = *fetched;
  if (p.order_id != row.order_id.value()) return ReconcileResult{"order_mismatch", row};
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
  Status done = ports_.transaction([&](PaymentUnitOfWork& rows, PaymentAnnouncer& announce) -> Status {
    emitted = false;
    auto changed = rows.MarkRefunded(row.order_id, p, row.cancel_idempotency_key,
                                     {PaymentStatus::kDone, PaymentStatus::kPartialCanceled, PaymentStatus::kCancelPending},
                                     ports_.clock());
    if (!changed) return std::move(changed).error();
    if (!*changed || !full) return {};
    // Only a full refund ends the order (payment-refunded); a partial one made elsewhere is recorded.
    Status added = announce.Refunded({row.order_id, row.payment_key, refunded, reason, false});
    if (!added) return added;
    emitted = true;
    return {};
  });
  if (!done) return Unavailable(done.error());
  const std::string outcome = full ? (emitted ? "refunded" : "in_sync") : "partially_canceled";
  Observe("webhook", outcome, row.order_id);
  auto after = ports_.store.FindByOrderId(row.order_id);
  if (!after) return Unavailable(after.error());
  return ReconcileResult{outcome, std::move(*after)};
}

}  // namespace eda::payment
