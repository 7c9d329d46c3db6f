#pragma once

#include <array>
#include <string_view>

#include "order/domain/order_status.hpp"

namespace eda::order {

// What happened to an order: a buyer action, a saga event from another service, or the sweeper.
enum class SagaEvent {
  kFinish,            // POST /orders/finish-order or the success page
  kPaymentConfirmed,  // payment-confirm-response
  kPaymentFailed,     // payment-failed
  kStockReserved,     // delivery-request
  kStockRejected,     // stock-rejected
  kDeliveryCreated,   // order-complete
  kInDelivery,        // delivery-status-update IN_DELIVERY
  kDelivered,         // delivery-status-update DONE
  kDeliveryFailed,    // delivery-failed
  kRefunded,          // payment-refunded
  kDeadlinePassed,    // sweeper: CREATED too long
};

inline constexpr std::array kAllSagaEvents = {
    SagaEvent::kFinish,          SagaEvent::kPaymentConfirmed, SagaEvent::kPaymentFailed,
    SagaEvent::kStockReserved,   SagaEvent::kStockRejected,    SagaEvent::kDeliveryCreated,
    SagaEvent::kInDelivery,      SagaEvent::kDelivered,        SagaEvent::kDeliveryFailed,
    SagaEvent::kRefunded,        SagaEvent::kDeadlinePassed,
};

std::string_view SagaEventName(SagaEvent event) noexcept;

// What the state machine says about an event in a state.
enum class Verdict {
  kApply,    // move to Transition::to (may skip states the event implies, e.g. STOCK_RESERVED)
  kStale,    // already there or past it (redelivery, out-of-order arrival): acknowledge, no effect
  kInvalid,  // contradicts the order's history (e.g. payment-failed after PAID): acknowledge, no
             // effect, but log and count it - it points at a bug elsewhere
};

struct Transition {
  Verdict verdict = Verdict::kStale;
  OrderStatus to = OrderStatus::kCreated;  // meaningful for kApply only
};

// The order state machine of docs/SAGA.md. Pure and total: every (state, event) pair has an answer.
// Forward events along CREATED -> PAYMENT_REQUESTED -> PAID -> STOCK_RESERVED -> DELIVERY_REQUESTED ->
// IN_DELIVERY -> DELIVERED may skip states once the order is PAID (events of different topics can
// arrive in any order); an event whose target is not ahead of the state is stale. Terminal states
// never change.
Transition Decide(OrderStatus from, SagaEvent event) noexcept;

}  // namespace eda::order
