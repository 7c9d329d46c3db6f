#include "order/domain/order_saga.hpp"

#include <gtest/gtest.h>

namespace eda::order {
namespace {

using namespace std::chrono_literals;

const TimePoint kNow = TimePoint{} + 1000h;

Order InState(OrderStatus status) {
  Order o;
  o.id = OrderId("ORD" + std::string(30, 'a'));
  o.amount = 30000;
  o.payment_key = PaymentKey(status == OrderStatus::kCreated ? "" : "pk_1");
  o.status = status;
  return o;
}

SagaInput Event(SagaEvent event, std::string payment_key, std::int64_t amount) {
  SagaInput in;
  in.event = event;
  in.payment_key = PaymentKey(std::move(payment_key));
  in.amount = amount;
  return in;
}

// A refused event leaves the order exactly as it was and asks for nothing to be stored or published.
void ExpectRefused(const Order& before, const SagaInput& in, EventRefusal why) {
  const Outcome out = Advance(before, in, kNow);
  ASSERT_TRUE(out.event_refusal.has_value()) << SagaEventName(in.event);
  EXPECT_EQ(*out.event_refusal, why) << SagaEventName(in.event);
  EXPECT_EQ(out.verdict, Verdict::kInvalid);
  EXPECT_FALSE(out.history.has_value());
  EXPECT_TRUE(out.emits.empty());
  EXPECT_EQ(out.order.status, before.status);
  EXPECT_EQ(out.order.payment_key, before.payment_key);
  EXPECT_EQ(out.order.approved_at, before.approved_at);
}

TEST(OrderSaga, ConfirmResponseMustNameTheOrdersPaymentKeyAndAmount) {
  const Order paying = InState(OrderStatus::kPaymentRequested);
  // The probe's forgery: a header-less paymentResponseV1 with a made-up key and amount 1.
  ExpectRefused(paying, Event(SagaEvent::kPaymentConfirmed, "forged-key-123", 1), EventRefusal::kPaymentKeyMismatch);
  ExpectRefused(paying, Event(SagaEvent::kPaymentConfirmed, "pk_1", 1), EventRefusal::kAmountMismatch);
  ExpectRefused(paying, Event(SagaEvent::kPaymentConfirmed, "pk_1", 0), EventRefusal::kAmountMismatch);
  // Absent fields do not pass: the approval is what releases the goods.
  ExpectRefused(paying, Event(SagaEvent::kPaymentConfirmed, "", 30000), EventRefusal::kPaymentKeyMismatch);
  // An order nobody finished has no payment to confirm, even for an event that names none.
  ExpectRefused(InState(OrderStatus::kCreated), Event(SagaEvent::kPaymentConfirmed, "", 0),
                EventRefusal::kPaymentKeyMismatch);
}

TEST(OrderSaga, GenuineConfirmResponseIsAppliedAndItsRedeliveryIsStale) {
  SagaInput in = Event(SagaEvent::kPaymentConfirmed, "pk_1", 30000);
  in.approved_at = "2026-11-24T12:00:00+09:00";
  const Outcome paid = Advance(InState(OrderStatus::kPaymentRequested), in, kNow);
  EXPECT_FALSE(paid.event_refusal.has_value());
  EXPECT_EQ(paid.verdict, Verdict::kApply);
  EXPECT_EQ(paid.order.status, OrderStatus::kPaid);
  EXPECT_EQ(paid.emits, std::vector<Emit>{Emit::kStockRequest});
  const Outcome again = Advance(paid.order, in, kNow);
  EXPECT_FALSE(again.event_refusal.has_value());
  EXPECT_EQ(again.verdict, Verdict::kStale);
}

TEST(OrderSaga, OtherEventsAreRefusedWhenWhatTheyCarryIsNotTheOrders) {
  const struct {
    OrderStatus state;
    SagaEvent event;
  } kCases[] = {
      {OrderStatus::kPaymentRequested, SagaEvent::kPaymentFailed},
      {OrderStatus::kPaid, SagaEvent::kStockReserved},
      {OrderStatus::kPaid, SagaEvent::kStockRejected},
      {OrderStatus::kStockReserved, SagaEvent::kDeliveryCreated},
      {OrderStatus::kDeliveryRequested, SagaEvent::kInDelivery},
      {OrderStatus::kInDelivery, SagaEvent::kDelivered},
      {OrderStatus::kDeliveryRequested, SagaEvent::kDeliveryFailed},
      {OrderStatus::kCancelling, SagaEvent::kRefunded},
  };
  for (const auto& c : kCases) {
    const Order o = InState(c.state);
    ExpectRefused(o, Event(c.event, "pk_other", 30000), EventRefusal::kPaymentKeyMismatch);
    ExpectRefused(o, Event(c.event, "pk_other", 0), EventRefusal::kPaymentKeyMismatch);
    ExpectRefused(o, Event(c.event, "pk_1", 29999), EventRefusal::kAmountMismatch);
    ExpectRefused(o, Event(c.event, "", 1), EventRefusal::kAmountMismatch);
    // The order's own payment, or fields the event does not carry, go on to the state machine.
    for (const SagaInput& in : {Event(c.event, "pk_1", 30000), Event(c.event, "", 0), Event(c.event, "pk_1", 0)}) {
      const Outcome out = Advance(o, in, kNow);
      EXPECT_FALSE(out.event_refusal.has_value()) << SagaEventName(c.event);
      EXPECT_EQ(out.verdict, Verdict::kApply) << SagaEventName(c.event);
    }
  }
}

TEST(OrderSaga, ForgedEventsAgainstFinishedOrdersAreRefusedNotJustIgnored) {
  // A forged delivery-failed for a delivered order (the probe's refund attack) and a forged
  // delivery-request for an unpaid one are counted as refusals, not as stale redeliveries.
  ExpectRefused(InState(OrderStatus::kDelivered), Event(SagaEvent::kDeliveryFailed, "forged", 30000),
                EventRefusal::kPaymentKeyMismatch);
  ExpectRefused(InState(OrderStatus::kCreated), Event(SagaEvent::kStockReserved, "forged", 30000),
                EventRefusal::kPaymentKeyMismatch);
}

TEST(OrderSaga, FinishAndTheDeadlineAreNotEventChecks) {
  // Finish carries the buyer's new key (the order has none yet) and is checked by Finish itself.
  const Outcome finished = Finish(InState(OrderStatus::kCreated), PaymentKey("pk_new"), 30000, kNow);
  EXPECT_FALSE(finished.event_refusal.has_value());
  EXPECT_EQ(finished.order.status, OrderStatus::kPaymentRequested);
  EXPECT_EQ(finished.order.payment_key, PaymentKey("pk_new"));
  EXPECT_FALSE(CheckEventPayment(InState(OrderStatus::kCreated), Event(SagaEvent::kDeadlinePassed, "", 0)));
}

TEST(OrderSaga, BuyerCancelAnswersEveryState) {
  for (OrderStatus s : kAllOrderStatuses) {
    const Order before = InState(s);
    const Outcome out = RequestCancel(before, kNow);
    switch (s) {
      case OrderStatus::kCreated:
        EXPECT_EQ(out.order.status, OrderStatus::kCancelled);
        ASSERT_TRUE(out.history.has_value());
        EXPECT_TRUE(out.emits.empty());
        break;
      case OrderStatus::kPaid:
      case OrderStatus::kStockReserved:
      case OrderStatus::kDeliveryRequested: {
        // The shipment is stopped first; the order stays until delivery answers.
        EXPECT_EQ(out.order.status, s) << StatusName(s);
        EXPECT_EQ(out.order.cancel_requested_at, kNow);
        EXPECT_EQ(out.emits, std::vector<Emit>{Emit::kShipmentCancelRequest});
        ASSERT_TRUE(out.history.has_value());
        const Outcome again = RequestCancel(out.order, kNow + 1s);
        EXPECT_FALSE(again.history.has_value()) << "asked twice: one request";
        EXPECT_TRUE(again.emits.empty());
        EXPECT_FALSE(again.refusal.has_value());
        break;
      }
      case OrderStatus::kCancelling:
      case OrderStatus::kCancelled:
        EXPECT_FALSE(out.history.has_value()) << StatusName(s);
        EXPECT_FALSE(out.refusal.has_value());
        break;
      default:
        ASSERT_TRUE(out.refusal.has_value()) << StatusName(s);
        EXPECT_EQ(out.refusal->code, OrderErrc::kNotCancellable);
        EXPECT_FALSE(out.history.has_value());
        EXPECT_TRUE(out.emits.empty());
    }
  }
}

TEST(OrderSaga, TheDeliveryFailureACancelCausesRefundsAndRestocksAsUsual) {
  Order o = RequestCancel(InState(OrderStatus::kDeliveryRequested), kNow).order;
  SagaInput failed = Event(SagaEvent::kDeliveryFailed, "pk_1", 30000);
  failed.reason = "cancelled by the buyer";
  const Outcome out = Advance(o, failed, kNow + 1s);
  EXPECT_EQ(out.order.status, OrderStatus::kCancelling);
  EXPECT_EQ(out.emits, std::vector<Emit>{Emit::kOrderCancelled});
}

TEST(OrderSaga, RefusalNamesAreStableMetricLabels) {
  EXPECT_EQ(EventRefusalName(EventRefusal::kPaymentKeyMismatch), "payment_key_mismatch");
  EXPECT_EQ(EventRefusalName(EventRefusal::kAmountMismatch), "amount_mismatch");
}

}  // namespace
}  // namespace eda::order
