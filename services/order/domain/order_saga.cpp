#include "order/domain/order_saga.hpp"

#include <string>
#include <string_view>

namespace eda::order {
namespace {

Outcome Unchanged(const Order& order, Verdict verdict) {
  Outcome out;
  out.verdict = verdict;
  out.order = order;
  return out;
}

Outcome Note(const Order& order, std::string reason, TimePoint now) {
  Outcome out = Unchanged(order, Verdict::kApply);
  out.history = HistoryEntry{order.status, order.status, std::move(reason), now};
  return out;
}

}  // namespace

std::string_view EventRefusalName(EventRefusal refusal) noexcept {
  switch (refusal) {
    case EventRefusal::kPaymentKeyMismatch: return "payment_key_mismatch";
    case EventRefusal::kAmountMismatch: return "amount_mismatch";
  }
  return "unknown";
}

std::optional<EventRefusal> CheckEventPayment(const Order& order, const SagaInput& input) noexcept {
  switch (input.event) {
    case SagaEvent::kFinish:
    case SagaEvent::kDeadlinePassed: return std::nullopt;
    case SagaEvent::kPaymentConfirmed:
      // The approval is the one event that releases goods: a forged one with any key or amount would
      // ship an unpaid order, so nothing short of the order's own payment is accepted.
      if (order.payment_key.value().empty() || input.payment_key != order.payment_key) return EventRefusal::kPaymentKeyMismatch;
      if (input.amount != order.amount) return EventRefusal::kAmountMismatch;
      return std::nullopt;
    default:
      // Absent fields are not held against the event: header-less seed producers are not known to fill
      // them on every message, and the state machine still guards the order.
      if (!input.payment_key.value().empty() && input.payment_key != order.payment_key) {
        return EventRefusal::kPaymentKeyMismatch;
      }
      if (input.amount != 0 && input.amount != order.amount) return EventRefusal::kAmountMismatch;
      return std::nullopt;
  }
}

Outcome Advance(const Order& order, const SagaInput& input, TimePoint now) {
  if (const auto refusal = CheckEventPayment(order, input)) {
    Outcome out = Unchanged(order, Verdict::kInvalid);
    out.event_refusal = refusal;
    return out;
  }
  const Transition t = Decide(order.status, input.event);
  if (t.verdict != Verdict::kApply) return Unchanged(order, t.verdict);
  Outcome out = Unchanged(order, Verdict::kApply);
  Order& o = out.order;
  o.status = t.to;
  o.updated_at = now;
  switch (input.event) {
    case SagaEvent::kFinish:
      o.payment_key = input.payment_key;
      o.finished_at = now;
      o.confirm_attempts += 1;
      out.emits.push_back(Emit::kPaymentConfirmRequest);
      break;
    case SagaEvent::kPaymentConfirmed:
      o.approved_at = input.approved_at;
      o.confirm_attempts = 1;  // the stock request below is the PAID step's first publication
      out.emits.push_back(Emit::kStockRequest);
      break;
    default: break;
  }
  if (t.to == OrderStatus::kCancelling) {
    // The order decides that its payment goes back (the payment service refunds only when asked by
    // the order, so a stock-rejected or delivery-failed about a delivered order refunds nothing).
    o.confirm_attempts = 1;  // the CANCELLING step's first publication; the sweeper repeats it
    out.emits.push_back(Emit::kOrderCancelled);
  }
  if (input.delivery_id && *input.delivery_id > 0) o.delivery_id = input.delivery_id;
  std::string reason(SagaEventName(input.event));
  if (!input.reason.empty()) reason += ": " + input.reason.substr(0, 200);
  out.history = HistoryEntry{order.status, t.to, std::move(reason), now};
  return out;
}

Outcome Finish(const Order& order, const PaymentKey& payment_key, std::int64_t amount, TimePoint now) {
  if (amount != order.amount) {
    // Recorded but not fatal: a tampered or stale success URL must not kill the buyer's order; the
    // sweeper expires it if the buyer never comes back with the right amount.
    Outcome out = Note(order, "finish refused: amount " + std::to_string(amount) + " != " + std::to_string(order.amount), now);
    out.refusal = OrderError{OrderErrc::kAmountMismatch, "the amount does not match the order", {}};
    return out;
  }
  if (order.status == OrderStatus::kCreated) {
    SagaInput in;
    in.event = SagaEvent::kFinish;
    in.payment_key = payment_key;
    in.amount = amount;
    return Advance(order, in, now);
  }
  if (order.status == OrderStatus::kExpired || order.status == OrderStatus::kPaymentFailed ||
      order.status == OrderStatus::kCancelled || order.status == OrderStatus::kCancelling) {
    if (order.payment_key == payment_key && order.status != OrderStatus::kExpired) {
      return Unchanged(order, Verdict::kStale);  // the same finish again: same (final) answer
    }
    Outcome out = Unchanged(order, Verdict::kInvalid);
    out.refusal = OrderError{OrderErrc::kNotPayable, "the order can no longer be paid", {}};
    return out;
  }
  if (order.payment_key != payment_key) {
    Outcome out = Unchanged(order, Verdict::kInvalid);
    out.refusal = OrderError{OrderErrc::kPaymentKeyConflict, "the order was finished with another payment", {}};
    return out;
  }
  return Unchanged(order, Verdict::kStale);
}

Outcome RequestCancel(const Order& order, TimePoint now) {
  const auto refuse = [&](std::string detail) {
    Outcome out = Unchanged(order, Verdict::kInvalid);
    out.refusal = OrderError{OrderErrc::kNotCancellable, std::move(detail), {}};
    return out;
  };
  switch (order.status) {
    case OrderStatus::kCreated: {
      Outcome out = Unchanged(order, Verdict::kApply);
      out.order.status = OrderStatus::kCancelled;
      out.order.updated_at = now;
      out.history = HistoryEntry{order.status, OrderStatus::kCancelled, "cancelled by the buyer before paying", now};
      return out;
    }
    case OrderStatus::kPaid:
    case OrderStatus::kStockReserved:
    case OrderStatus::kDeliveryRequested: {
      if (order.cancel_requested_at) return Unchanged(order, Verdict::kStale);
      Outcome out = Note(order, "cancel requested by the buyer: stopping the shipment", now);
      out.order.cancel_requested_at = now;
      out.order.updated_at = now;  // pages following the order (long poll on updatedAt) see the request
      out.emits.push_back(Emit::kShipmentCancelRequest);
      return out;
    }
    case OrderStatus::kCancelling:
    case OrderStatus::kCancelled: return Unchanged(order, Verdict::kStale);
    case OrderStatus::kPaymentRequested:
      return refuse("the payment is being confirmed; try again in a few seconds");
    case OrderStatus::kInDelivery:
    case OrderStatus::kDelivered: return refuse("the order has shipped and can no longer be cancelled");
    case OrderStatus::kPaymentFailed:
    case OrderStatus::kExpired: return refuse("the order was never paid and is closed");
  }
  return refuse("the order cannot be cancelled");
}

namespace {

// One waiting step the sweeper drives: re-publish `emit` while attempts < max_attempts, then flag once.
struct WaitingStep {
  OrderStatus status;
  Emit emit;
  std::string_view republished;  // history reason, followed by " (attempt N)"
  std::string_view gave_up;      // history reason when flagging
};

Outcome SweepWaitingStep(const Order& order, const WaitingStep& step, int max_attempts, TimePoint now) {
  if (order.status != step.status) return Unchanged(order, Verdict::kStale);
  if (order.confirm_attempts < max_attempts) {
    Outcome out = Note(order, std::string(step.republished) + " (attempt " + std::to_string(order.confirm_attempts + 1) + ")", now);
    out.order.confirm_attempts += 1;
    out.order.updated_at = now;
    out.emits.push_back(step.emit);
    return out;
  }
  if (order.flagged) return Unchanged(order, Verdict::kStale);
  Outcome out = Note(order, "flagged: " + std::string(step.gave_up) + " after " + std::to_string(order.confirm_attempts) +
                                " publications", now);
  out.order.flagged = true;
  out.order.updated_at = now;
  return out;
}

}  // namespace

Outcome SweepPaymentRequested(const Order& order, int max_attempts, TimePoint now) {
  return SweepWaitingStep(order,
                          {OrderStatus::kPaymentRequested, Emit::kPaymentConfirmRequest,
                           "payment-confirm-request re-published", "no payment answer"},
                          max_attempts, now);
}

Outcome SweepPaid(const Order& order, int max_attempts, TimePoint now) {
  return SweepWaitingStep(order,
                          {OrderStatus::kPaid, Emit::kStockRequest, "catalog-decrement-request re-published",
                           "no stock answer"},
                          max_attempts, now);
}

Outcome SweepCancelling(const Order& order, int max_attempts, TimePoint now) {
  return SweepWaitingStep(order,
                          {OrderStatus::kCancelling, Emit::kOrderCancelled, "order-cancelled re-published",
                           "no refund"},
                          max_attempts, now);
}

}  // namespace eda::order
