#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "order/domain/order.hpp"
#include "order/domain/order_error.hpp"
#include "order/domain/order_state_machine.hpp"

namespace eda::order {

// An event applied to an order, with the data it carries.
struct SagaInput {
  SagaEvent event = SagaEvent::kFinish;
  PaymentKey payment_key;                   // finish: the buyer's; saga events: the copy they carry (checked)
  std::int64_t amount = 0;                  // finish: the buyer's; saga events: the copy they carry (checked)
  std::string approved_at;                  // payment-confirm-response
  std::optional<std::int64_t> delivery_id;  // order-complete / delivery-status-update
  std::string reason;                       // failure events: why
};

// Why a saga event was refused as not this order's own. Every genuine producer copies the payment key
// and the amount from this order's own messages, so an event naming another payment or another amount
// is forged or misrouted.
enum class EventRefusal {
  kPaymentKeyMismatch,
  kAmountMismatch,
};

// "payment_key_mismatch", "amount_mismatch" (log field and metric label).
std::string_view EventRefusalName(EventRefusal refusal) noexcept;

// Whether saga event `input` carries this order's payment. payment-confirm-response moves the order to
// PAID and on to shipping, so it must name the order's payment key and amount exactly (an absent one
// does not match). The other events are compared on what they carry: a non-empty payment key must be
// the order's, a non-zero amount the order's amount (decoders leave the amount 0 where the event's
// figure is not the order amount, e.g. a refunded amount). Finish and the deadline are not checked
// here (Finish checks the buyer's amount itself). nullopt: nothing contradicts the order. Pure.
std::optional<EventRefusal> CheckEventPayment(const Order& order, const SagaInput& input) noexcept;

// The result of a decision over one order. When `history` is set the order changed (or a
// non-transition worth recording happened) and `order`, `history` and `emits` must be stored together
// in one transaction; without it nothing is written.
struct Outcome {
  Verdict verdict = Verdict::kStale;
  Order order;                             // the order after the decision
  std::optional<HistoryEntry> history;
  std::vector<Emit> emits;
  std::optional<OrderError> refusal;       // finish refused (the history entry, if any, is still stored)
  std::optional<EventRefusal> event_refusal;  // Advance: the event is not this order's (verdict kInvalid,
                                              // no history, no emits: a forged event changes nothing)
};

// Applies a saga event: CheckEventPayment first (a mismatch is refused: event_refusal set, nothing
// changes), then Decide and the data the event carries. Pure.
Outcome Advance(const Order& order, const SagaInput& input, TimePoint now);

// The buyer came back with (payment_key, amount). Amount first: a mismatch records a history entry
// (the order stays as it is, nothing is published) and refuses with kAmountMismatch. A repeated
// finish with the same payment key is stale (same answer, nothing changes); another key is
// kPaymentKeyConflict; an expired/failed/cancelled order is kNotPayable. Pure.
Outcome Finish(const Order& order, const PaymentKey& payment_key, std::int64_t amount, TimePoint now);

// The buyer cancels (POST /orders/order/{id}/cancel). Pure. By state:
//   CREATED                                  -> CANCELLED at once (nothing was paid or reserved)
//   PAID, STOCK_RESERVED, DELIVERY_REQUESTED -> stays, cancel_requested_at set, emits delivery-cancel-request:
//       the delivery service stops the shipment first (a parcel already picked up cannot be called
//       back) and answers delivery-failed, which cancels the order, refunds it and restocks it as
//       any delivery failure does. Asked again: the same answer, nothing new.
//   CANCELLING, CANCELLED                    -> the same answer (stale), nothing changes
//   PAYMENT_REQUESTED                        -> kNotCancellable (the payment is being confirmed)
//   IN_DELIVERY, DELIVERED                   -> kNotCancellable (shipped)
//   PAYMENT_FAILED, EXPIRED                  -> kNotCancellable (never paid, already closed)
Outcome RequestCancel(const Order& order, TimePoint now);

// Sweeper decisions (pure). PAYMENT_REQUESTED: re-publish the confirm request while
// confirm_attempts < max_attempts, then flag once. CANCELLING: publish a refund request while
// attempts < max_attempts (counted in confirm_attempts after the first publication), then flag once.
// PAID: the stock request got no answer (e.g. it was dead-lettered while Cassandra was down):
// re-publish it while attempts < max_attempts (catalog takes stock once per order), then flag once.
Outcome SweepPaymentRequested(const Order& order, int max_attempts, TimePoint now);
Outcome SweepPaid(const Order& order, int max_attempts, TimePoint now);
Outcome SweepCancelling(const Order& order, int max_attempts, TimePoint now);

}  // namespace eda::order
