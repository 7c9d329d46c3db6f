#include "payment/domain/toss_flows.hpp"

#include <algorithm>

namespace eda::payment {
namespace {

using toss::ErrorClass;
using TossStatus = toss::PaymentStatus;  // not PaymentStatus: ours (payment_status.hpp) is a different type

class Backoff {
 public:
  Backoff(const RetryPolicy& p, const Sleeper& s) : policy_(p), sleep_(s), next_(p.initial_backoff) {}
  void Wait() {
    if (sleep_) sleep_(next_);
    next_ = std::min(policy_.max_backoff, next_ * 2);
  }

 private:
  const RetryPolicy& policy_;
  const Sleeper& sleep_;
  std::chrono::milliseconds next_;
};

// The payment as Toss has it now: by key first, by order id when the key is unknown to Toss.
toss::TossResult<toss::Payment> LookUp(toss::Api& api, const std::string& payment_key, const std::string& order_id) {
  auto r = api.GetByPaymentKey(payment_key);
  if (!r && !order_id.empty() && r.error().code == "NOT_FOUND_PAYMENT") return api.GetByOrderId(order_id);
  return r;
}

ConfirmOutcome Refused(std::string code, std::string reason, std::optional<toss::Payment> p = std::nullopt) {
  ConfirmOutcome o;
  o.kind = ConfirmOutcome::Kind::kRefused;
  o.code = std::move(code);
  o.reason = std::move(reason);
  o.payment = std::move(p);
  return o;
}

// An approval arrived; keep it or undo it.
ConfirmOutcome Settle(toss::Api& api, const ConfirmInput& in, toss::Payment p, const RetryPolicy& policy,
                      const Sleeper& sleep) {
  const std::string problem = VerifyApproval(p, in.order_id, in.amount);
  if (problem.empty()) {
    ConfirmOutcome o;
    o.kind = ConfirmOutcome::Kind::kApproved;
    o.payment = std::move(p);
    return o;
  }
  // Money was taken for the wrong amount (or order): give it back before reporting the failure.
  CancelOutcome c = RunCancel(api, {in.payment_key, "결제 금액 불일치", std::nullopt, in.mismatch_cancel_key}, policy, sleep);
  if (c.kind == CancelOutcome::Kind::kRetryLater) {
    ConfirmOutcome o;
    o.kind = ConfirmOutcome::Kind::kRetryLater;
    o.code = "AMOUNT_MISMATCH_CANCEL_PENDING";
    o.reason = problem;
    o.payment = std::move(p);
    return o;
  }
  ConfirmOutcome o = Refused("AMOUNT_MISMATCH", problem, c.payment ? c.payment : std::optional<toss::Payment>(p));
  o.mismatch_refunded = c.kind == CancelOutcome::Kind::kRefunded;
  return o;
}

}  // namespace

std::string VerifyApproval(const toss::Payment& p, const std::string& order_id, std::int64_t amount) {
  if (p.status != TossStatus::kDone) return "payment status is " + p.status_raw + ", not DONE";
  if (p.order_id != order_id) return "payment belongs to order " + p.order_id;
  if (p.total_amount != amount) {
    return "approved amount " + std::to_string(p.total_amount) + " differs from the order amount " +
           std::to_string(amount);
  }
  return {};
}

ConfirmOutcome RunConfirm(toss::Api& api, const ConfirmInput& in, const RetryPolicy& policy, const Sleeper& sleep) {
  Backoff backoff(policy, sleep);
  ConfirmOutcome last;
  last.kind = ConfirmOutcome::Kind::kRetryLater;
  for (int attempt = 1; attempt <= policy.max_attempts; ++attempt) {
    if (attempt > 1) backoff.Wait();
    auto r = api.Confirm({in.payment_key, in.order_id, in.amount, in.confirm_idempotency_key});
    if (r) return Settle(api, in, std::move(r).value(), policy, sleep);
    const toss::TossError& e = r.error();
    last.code = e.code;
    last.reason = e.message;
    switch (e.error_class) {
      case ErrorClass::kTerminal: return Refused(e.code, e.message);
      case ErrorClass::kTransient:
      case ErrorClass::kInFlight: continue;
      case ErrorClass::kOutcomeUnknown:
      case ErrorClass::kAlreadyDone: break;
    }
    // The confirm may have happened: the lookup decides before anything else.
    auto look = LookUp(api, in.payment_key, in.order_id);
    if (!look) {
      if (look.error().error_class == ErrorClass::kTerminal && e.error_class == ErrorClass::kAlreadyDone) {
        return Refused(e.code, e.message);
      }
      continue;  // cannot tell yet
    }
    switch (look->status) {
      case TossStatus::kDone: return Settle(api, in, std::move(look).value(), policy, sleep);
      case TossStatus::kAborted:
      case TossStatus::kExpired: {
        const std::string code = look->failure ? look->failure->code : look->status_raw;
        return Refused(code, "payment " + look->status_raw + " at Toss", std::move(look).value());
      }
      case TossStatus::kCanceled:
      case TossStatus::kPartialCanceled:
        // Approved and already given back (e.g. by a mismatch cancel of an earlier attempt).
        return Refused("ALREADY_CANCELED_PAYMENT", "payment was cancelled at Toss", std::move(look).value());
      default: continue;  // READY/IN_PROGRESS/unknown: confirm again with the same key
    }
  }
  return last;
}

CancelOutcome RunCancel(toss::Api& api, const CancelInput& in, const RetryPolicy& policy, const Sleeper& sleep) {
  Backoff backoff(policy, sleep);
  CancelOutcome last;
  for (int attempt = 1; attempt <= policy.max_attempts; ++attempt) {
    if (attempt > 1) backoff.Wait();
    auto r = api.Cancel({in.payment_key, in.reason, in.amount, in.idempotency_key});
    if (r) {
      CancelOutcome o;
      o.kind = CancelOutcome::Kind::kRefunded;
      o.payment = std::move(r).value();
      return o;
    }
    const toss::TossError& e = r.error();
    last.code = e.code;
    last.reason = e.message;
    if (e.error_class == ErrorClass::kTransient || e.error_class == ErrorClass::kInFlight) continue;
    // Terminal, already done or unknown: what Toss holds now decides.
    auto look = api.GetByPaymentKey(in.payment_key);
    if (!look) {
      if (look.error().code == "NOT_FOUND_PAYMENT") {
        CancelOutcome o;
        o.kind = CancelOutcome::Kind::kNothingToRefund;
        o.code = look.error().code;
        return o;
      }
      continue;
    }
    switch (look->status) {
      case TossStatus::kCanceled: {
        CancelOutcome o;
        o.kind = CancelOutcome::Kind::kRefunded;
        o.payment = std::move(look).value();
        return o;
      }
      case TossStatus::kPartialCanceled:
        if (in.amount && e.error_class != ErrorClass::kTerminal) {
          // A partial cancel we asked for may be the one shown; only the same key can tell: retry it.
          continue;
        }
        [[fallthrough]];
      case TossStatus::kDone:
        if (e.error_class == ErrorClass::kTerminal) {
          CancelOutcome o;
          o.kind = CancelOutcome::Kind::kRefused;
          o.code = e.code;
          o.reason = e.message;
          o.payment = std::move(look).value();
          return o;
        }
        continue;  // not cancelled yet: the same key again
      case TossStatus::kAborted:
      case TossStatus::kExpired:
      case TossStatus::kReady:
      case TossStatus::kInProgress: {
        CancelOutcome o;
        o.kind = CancelOutcome::Kind::kNothingToRefund;
        o.code = look->status_raw;
        o.payment = std::move(look).value();
        return o;
      }
      default: continue;
    }
  }
  last.kind = CancelOutcome::Kind::kRetryLater;
  return last;
}

}  // namespace eda::payment
