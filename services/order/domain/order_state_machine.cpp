#include "order/domain/order_state_machine.hpp"

#include <optional>

#include "eda/saga/topics.hpp"

namespace eda::order {
namespace {

// Position on the happy path; nullopt for the failure/compensation states.
std::optional<int> Rank(OrderStatus s) noexcept {
  switch (s) {
    case OrderStatus::kCreated: return 0;
    case OrderStatus::kPaymentRequested: return 1;
    case OrderStatus::kPaid: return 2;
    case OrderStatus::kStockReserved: return 3;
    case OrderStatus::kDeliveryRequested: return 4;
    case OrderStatus::kInDelivery: return 5;
    case OrderStatus::kDelivered: return 6;
    default: return std::nullopt;
  }
}

// Target of a forward (happy-path) event; nullopt for the others.
std::optional<OrderStatus> ForwardTarget(SagaEvent e) noexcept {
  switch (e) {
    case SagaEvent::kFinish: return OrderStatus::kPaymentRequested;
    case SagaEvent::kPaymentConfirmed: return OrderStatus::kPaid;
    case SagaEvent::kStockReserved: return OrderStatus::kStockReserved;
    case SagaEvent::kDeliveryCreated: return OrderStatus::kDeliveryRequested;
    case SagaEvent::kInDelivery: return OrderStatus::kInDelivery;
    case SagaEvent::kDelivered: return OrderStatus::kDelivered;
    default: return std::nullopt;
  }
}

constexpr Transition Apply(OrderStatus to) { return {Verdict::kApply, to}; }
constexpr Transition kStale{Verdict::kStale, OrderStatus::kCreated};
constexpr Transition kInvalid{Verdict::kInvalid, OrderStatus::kCreated};

Transition DecideForward(OrderStatus from, OrderStatus to) noexcept {
  const auto from_rank = Rank(from);
  const int to_rank = *Rank(to);
  if (!from_rank) {
    // PAYMENT_FAILED / CANCELLING / CANCELLED / EXPIRED. A late delivery-request after delivery-failed
    // was seen is normal (different topics); a payment approval for a failed or expired order is not.
    if (to == OrderStatus::kPaid || to == OrderStatus::kPaymentRequested) {
      return (from == OrderStatus::kCancelling || from == OrderStatus::kCancelled) ? kStale : kInvalid;
    }
    return from == OrderStatus::kExpired || from == OrderStatus::kPaymentFailed ? kInvalid : kStale;
  }
  if (to_rank <= *from_rank) return kStale;
  // Steps before the money is taken are never skipped: finish only from CREATED, approval only after
  // the confirm was requested. From PAID on, a later event implies the steps in between.
  if (to_rank <= 2) return to_rank == *from_rank + 1 ? Apply(to) : kInvalid;
  if (*from_rank < 2) return kInvalid;
  return Apply(to);
}

}  // namespace

std::string_view SagaEventName(SagaEvent event) noexcept {
  switch (event) {
    case SagaEvent::kFinish: return "finish";
    case SagaEvent::kPaymentConfirmed: return saga::kPaymentConfirmResponse;
    case SagaEvent::kPaymentFailed: return saga::kPaymentFailed;
    case SagaEvent::kStockReserved: return saga::kDeliveryRequest;
    case SagaEvent::kStockRejected: return saga::kStockRejected;
    case SagaEvent::kDeliveryCreated: return saga::kOrderComplete;
    case SagaEvent::kInDelivery: return "delivery-status-update:IN_DELIVERY";
    case SagaEvent::kDelivered: return "delivery-status-update:DONE";
    case SagaEvent::kDeliveryFailed: return saga::kDeliveryFailed;
    case SagaEvent::kRefunded: return saga::kPaymentRefunded;
    case SagaEvent::kDeadlinePassed: return "deadline";
  }
  return "unknown";
}

Transition Decide(OrderStatus from, SagaEvent event) noexcept {
  if (IsTerminal(from)) {
    // Redeliveries of what led here are stale; anything else is a contradiction.
    switch (from) {
      case OrderStatus::kDelivered:
        return ForwardTarget(event) ? kStale : kInvalid;
      case OrderStatus::kPaymentFailed:
        return event == SagaEvent::kPaymentFailed || event == SagaEvent::kFinish ||
                       event == SagaEvent::kDeadlinePassed
                   ? kStale
                   : kInvalid;
      case OrderStatus::kCancelled:
        return event == SagaEvent::kPaymentConfirmed || event == SagaEvent::kFinish ||
                       event == SagaEvent::kPaymentFailed
                   ? kInvalid
                   : kStale;
      case OrderStatus::kExpired:
        return event == SagaEvent::kDeadlinePassed ? kStale : kInvalid;
      default: break;
    }
  }
  if (const auto to = ForwardTarget(event)) return DecideForward(from, *to);
  switch (event) {
    case SagaEvent::kPaymentFailed:
      if (from == OrderStatus::kPaymentRequested) return Apply(OrderStatus::kPaymentFailed);
      return kInvalid;
    case SagaEvent::kStockRejected:
      if (from == OrderStatus::kPaid) return Apply(OrderStatus::kCancelling);
      if (from == OrderStatus::kCancelling) return kStale;
      return kInvalid;
    case SagaEvent::kDeliveryFailed:
      // PAID: the delivery-request was not seen yet (it is implied).
      if (from == OrderStatus::kPaid || from == OrderStatus::kStockReserved ||
          from == OrderStatus::kDeliveryRequested)
        return Apply(OrderStatus::kCancelling);
      if (from == OrderStatus::kCancelling) return kStale;
      return kInvalid;
    case SagaEvent::kRefunded:
      // The refund may overtake the stock-rejected / delivery-failed that caused it (the payment service
      // consumes those in parallel with us): a refund of a paid order implies CANCELLING.
      if (from == OrderStatus::kCancelling || from == OrderStatus::kPaid || from == OrderStatus::kStockReserved ||
          from == OrderStatus::kDeliveryRequested)
        return Apply(OrderStatus::kCancelled);
      return kInvalid;
    case SagaEvent::kDeadlinePassed:
      if (from == OrderStatus::kCreated) return Apply(OrderStatus::kExpired);
      return kStale;
    default: return kInvalid;
  }
}

}  // namespace eda::order
