#include "delivery/domain/delivery_service.hpp"

#include <gtest/gtest.h>

#include "delivery/domain/delivery_rules.hpp"
#include "delivery/domain/testing/fake_ports.hpp"

namespace eda::delivery {
namespace {

using testing::FakeDirectory;
using testing::FakeStore;

DeliveryRequest Req(std::string order = "ORD1", std::string company = "HANJIN") {
  DeliveryRequest r;
  r.order_id = OrderId(std::move(order));
  r.order_name = "생수 외 1건";
  r.address = "Seoul, Gangnam 1";
  r.delivery_company = std::move(company);
  r.product_count = 2;
  r.member_id = MemberId(7);
  r.payment_key = PaymentKey("pk_1");
  r.approved_at = "2026-11-24T03:00:00+09:00";
  r.amount = 2000;
  return r;
}

TEST(DeliveryRules, StatusAndCarrierCodesRoundTrip) {
  for (auto s : {DeliveryStatus::kRequested, DeliveryStatus::kInDelivery, DeliveryStatus::kDone, DeliveryStatus::kFailed}) {
    EXPECT_EQ(ParseDeliveryStatus(ToString(s)), s);
  }
  EXPECT_FALSE(ParseDeliveryStatus("requested").has_value());
  for (auto c : {CarrierCode::kHanjin, CarrierCode::kLotte, CarrierCode::kCj}) EXPECT_EQ(ParseCarrierCode(ToString(c)), c);
  EXPECT_FALSE(ParseCarrierCode("DHL").has_value());
  EXPECT_FALSE(ParseCarrierCode("hanjin").has_value());
  EXPECT_EQ(ParseCarrierStatus("IN_TRANSIT"), CarrierStatus::kInTransit);
  EXPECT_FALSE(ParseCarrierStatus("LOST").has_value());
  EXPECT_TRUE(IsTerminal(DeliveryStatus::kDone));
  EXPECT_TRUE(IsTerminal(DeliveryStatus::kFailed));
  EXPECT_FALSE(IsTerminal(DeliveryStatus::kInDelivery));
}

TEST(DeliveryRules, TransitionsNeverGoBackwardsAndFillMissedSteps) {
  using S = DeliveryStatus;
  using C = CarrierStatus;
  EXPECT_TRUE(TransitionsFor(S::kRequested, C::kAccepted).empty());
  EXPECT_EQ(TransitionsFor(S::kRequested, C::kInTransit), std::vector<S>{S::kInDelivery});
  EXPECT_EQ(TransitionsFor(S::kRequested, C::kDelivered), (std::vector<S>{S::kInDelivery, S::kDone}));
  EXPECT_TRUE(TransitionsFor(S::kInDelivery, C::kAccepted).empty());
  EXPECT_TRUE(TransitionsFor(S::kInDelivery, C::kInTransit).empty());
  EXPECT_EQ(TransitionsFor(S::kInDelivery, C::kDelivered), std::vector<S>{S::kDone});
  EXPECT_TRUE(TransitionsFor(S::kDone, C::kDelivered).empty());
  EXPECT_TRUE(TransitionsFor(S::kFailed, C::kDelivered).empty());
}

TEST(DeliveryRules, IntakeDecisions) {
  EXPECT_EQ(DecideIntake(std::nullopt), IntakeAction::kCreateAndBook);
  Delivery d;
  d.status = DeliveryStatus::kRequested;
  EXPECT_EQ(DecideIntake(d), IntakeAction::kBook);
  d.reference_code = "HANJIN-1";
  EXPECT_EQ(DecideIntake(d), IntakeAction::kAlreadyDone);
  d.reference_code.clear();
  d.status = DeliveryStatus::kFailed;
  EXPECT_EQ(DecideIntake(d), IntakeAction::kAlreadyDone);
  EXPECT_EQ(ClassifyBookingError(Error::Transient("http.timeout", "t")), BookingFailure::kRetry);
  EXPECT_EQ(ClassifyBookingError(Error::Permanent("carrier.refused", "r")), BookingFailure::kFail);
}

TEST(DeliveryRules, Validation) {
  EXPECT_TRUE(ValidateRequest(Req()).empty());
  auto bad = Req("");
  bad.address.clear();
  bad.product_count = 0;
  bad.member_id = MemberId(0);
  EXPECT_EQ(ValidateRequest(bad).size(), 4U);
  EXPECT_TRUE(ValidateAddress({0, MemberId(1), "Seoul", "home"}).empty());
  EXPECT_EQ(ValidateAddress({0, MemberId(0), "", std::string(101, 'a')}).size(), 3U);
}

TEST(DeliveryRules, OwnerCheck) {
  EXPECT_TRUE(MayAccess(Caller{MemberId(7), false}, MemberId(7)));
  EXPECT_FALSE(MayAccess(Caller{MemberId(8), false}, MemberId(7)));
  EXPECT_FALSE(MayAccess(Caller{MemberId(0), false}, MemberId(0)));
  EXPECT_TRUE(MayAccess(Caller{MemberId(1), true}, MemberId(7)));
}

TEST(DeliveryService, BooksOnceAndEmitsOrderCompleteOnce) {
  FakeStore store;
  FakeDirectory carriers;
  auto first = ProcessDeliveryRequest(Req(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->outcome, IntakeOutcome::kBooked);
  EXPECT_EQ(first->delivery.reference_code, "HANJIN-ORD1");
  auto again = ProcessDeliveryRequest(Req(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, IntakeOutcome::kDuplicate);
  EXPECT_EQ(again->delivery.id, first->delivery.id);
  EXPECT_EQ(carriers.Get("HANJIN").book_calls, 1);
  ASSERT_EQ(store.events.size(), 1U);
  EXPECT_EQ(store.events[0].topic, "order-complete");
}

TEST(DeliveryService, EachCarrierIsSelectedByItsCode) {
  FakeStore store;
  FakeDirectory carriers;
  ASSERT_TRUE(ProcessDeliveryRequest(Req("A", "LOTTE"), store.Runner(), carriers, store.Runner()).ok());
  ASSERT_TRUE(ProcessDeliveryRequest(Req("B", "CJ"), store.Runner(), carriers, store.Runner()).ok());
  EXPECT_EQ(store.by_order[OrderId("A")].reference_code, "LOTTE-A");
  EXPECT_EQ(store.by_order[OrderId("B")].reference_code, "CJ-B");
  EXPECT_EQ(carriers.Get("HANJIN").book_calls, 0);
}

TEST(DeliveryService, UnknownCarrierFailsTheDelivery) {
  FakeStore store;
  FakeDirectory carriers;
  auto r = ProcessDeliveryRequest(Req("X", "DHL"), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, IntakeOutcome::kFailed);
  EXPECT_EQ(store.by_order[OrderId("X")].status, DeliveryStatus::kFailed);
  ASSERT_EQ(store.events.size(), 1U);
  EXPECT_EQ(store.events[0].topic, "delivery-failed");
  EXPECT_EQ(store.events[0].status_or_reason, "unknown carrier DHL");
  EXPECT_EQ(ProcessDeliveryRequest(Req("X", "DHL"), store.Runner(), carriers, store.Runner())->outcome, IntakeOutcome::kDuplicate);
  EXPECT_EQ(store.events.size(), 1U);
}

TEST(DeliveryService, PermanentRefusalFailsTransientErrorRetries) {
  FakeStore store;
  FakeDirectory carriers;
  carriers.Get("CJ").book_error = Error::Transient("http.timeout", "slow");
  auto r = ProcessDeliveryRequest(Req("T", "CJ"), store.Runner(), carriers, store.Runner());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().retryable);
  EXPECT_TRUE(store.events.empty());
  // The real transaction rolls back; here the row stays REQUESTED without reference: booked on retry.
  carriers.Get("CJ").book_error.reset();
  r = ProcessDeliveryRequest(Req("T", "CJ"), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, IntakeOutcome::kBooked);
  EXPECT_EQ(r->delivery.id, store.by_order[OrderId("T")].id);

  carriers.Get("LOTTE").book_error = Error::Permanent("carrier.refused", "no such address");
  r = ProcessDeliveryRequest(Req("R", "LOTTE"), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, IntakeOutcome::kFailed);
  EXPECT_EQ(store.events.back().topic, "delivery-failed");
}

TEST(DeliveryService, InvalidRequestIsPermanent) {
  FakeStore store;
  FakeDirectory carriers;
  auto bad = Req();
  bad.product_count = 0;
  auto r = ProcessDeliveryRequest(bad, store.Runner(), carriers, store.Runner());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "delivery.invalid_request");
  EXPECT_FALSE(r.error().retryable);
  EXPECT_TRUE(store.by_order.empty());
}

TEST(DeliveryService, ProgressEmitsEachTransitionOnce) {
  FakeStore store;
  FakeDirectory carriers;
  auto booked = ProcessDeliveryRequest(Req(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(booked.ok());
  auto& hanjin = carriers.Get("HANJIN");
  auto step = [&] { return ProgressDelivery(store.by_order[OrderId("ORD1")], carriers, store); };
  EXPECT_TRUE(step()->empty());
  hanjin.track_status = CarrierStatus::kInTransit;
  EXPECT_EQ(*step(), std::vector<DeliveryStatus>{DeliveryStatus::kInDelivery});
  EXPECT_TRUE(step()->empty());
  hanjin.track_status = CarrierStatus::kDelivered;
  EXPECT_EQ(*step(), std::vector<DeliveryStatus>{DeliveryStatus::kDone});
  EXPECT_TRUE(step()->empty());
  const int tracks = hanjin.track_calls;
  EXPECT_TRUE(step()->empty());
  EXPECT_EQ(hanjin.track_calls, tracks);  // terminal: the carrier is not asked again
  ASSERT_EQ(store.events.size(), 3U);
  EXPECT_EQ(store.events[1].status_or_reason, "IN_DELIVERY");
  EXPECT_EQ(store.events[2].status_or_reason, "DONE");
}

TEST(DeliveryService, ProgressLosesRaceWithoutEmitting) {
  FakeStore store;
  FakeDirectory carriers;
  ASSERT_TRUE(ProcessDeliveryRequest(Req(), store.Runner(), carriers, store.Runner()).ok());
  Delivery stale = store.by_order[OrderId("ORD1")];
  store.by_order[OrderId("ORD1")].status = DeliveryStatus::kInDelivery;  // another poller moved it
  carriers.Get("HANJIN").track_status = CarrierStatus::kInTransit;
  auto r = ProgressDelivery(stale, carriers, store);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(store.events.size(), 1U);
  carriers.Get("HANJIN").track_error = Error::Transient("http.connect", "down");
  EXPECT_FALSE(ProgressDelivery(store.by_order[OrderId("ORD1")], carriers, store).ok());
}

// The saga-step shape: claim, carrier call with no transaction open, settle.
TEST(ProcessDeliveryRequest, CallsTheCarrierBetweenTwoTransactionsNotInsideOne) {
  FakeStore store;
  FakeDirectory carriers;
  bool in_transaction = false;
  std::vector<std::string> trail;
  const UnitOfWorkRunner tracked = [&](const std::function<Status(DeliveryUnitOfWork&)>& work) {
    in_transaction = true;
    trail.push_back("begin");
    Status s = work(store);
    trail.push_back("commit");
    in_transaction = false;
    return s;
  };
  struct Watching : FakeDirectory {
    FakeDirectory* real;
    bool* open;
    std::vector<std::string>* trail;
    Carrier* Find(std::string_view company) const override {
      trail->push_back(*open ? "carrier inside a transaction" : "carrier");
      return real->Find(company);
    }
  } watching;
  watching.real = &carriers;
  watching.open = &in_transaction;
  watching.trail = &trail;
  auto r = ProcessDeliveryRequest(Req(), tracked, watching, tracked);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->outcome, IntakeOutcome::kBooked);
  EXPECT_EQ(trail, (std::vector<std::string>{"begin", "commit", "carrier", "begin", "commit"}));

  // A transient carrier failure leaves the claimed row REQUESTED; the retry books it once.
  FakeStore retry_store;
  carriers.Get("LOTTE").book_error = Error::Transient("http.timeout", "slow");
  EXPECT_FALSE(ProcessDeliveryRequest(Req("T", "LOTTE"), retry_store.Runner(), carriers, retry_store.Runner()).ok());
  ASSERT_EQ(retry_store.by_order.count(OrderId("T")), 1U);
  EXPECT_TRUE(retry_store.by_order[OrderId("T")].reference_code.empty());
  carriers.Get("LOTTE").book_error.reset();
  auto again = ProcessDeliveryRequest(Req("T", "LOTTE"), retry_store.Runner(), carriers, retry_store.Runner());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, IntakeOutcome::kBooked);
  EXPECT_EQ(retry_store.events.size(), 1U);
}


ShipmentCancelRequest Cancel(std::string order = "ORD1", std::string key = "pk_1", std::int64_t amount = 2000) {
  return ShipmentCancelRequest{OrderId(std::move(order)), PaymentKey(std::move(key)), amount, "cancelled by the buyer"};
}

TEST(DeliveryRules, CancelDecisions) {
  EXPECT_EQ(DecideCancel(std::nullopt, Cancel()), CancelAction::kTombstone);
  Delivery d;
  d.request = Req();
  EXPECT_EQ(DecideCancel(d, Cancel()), CancelAction::kFailUnbooked);
  d.reference_code = "HANJIN-ORD1";
  EXPECT_EQ(DecideCancel(d, Cancel()), CancelAction::kCancelAtCarrier);
  EXPECT_EQ(DecideCancel(d, Cancel("ORD1", "pk_other")), CancelAction::kRefuse);
  EXPECT_EQ(DecideCancel(d, Cancel("ORD1", "pk_1", 1)), CancelAction::kRefuse);
  d.status = DeliveryStatus::kInDelivery;
  EXPECT_EQ(DecideCancel(d, Cancel()), CancelAction::kTooLate);
  d.status = DeliveryStatus::kDone;
  EXPECT_EQ(DecideCancel(d, Cancel()), CancelAction::kTooLate);
  d.status = DeliveryStatus::kFailed;
  EXPECT_EQ(DecideCancel(d, Cancel()), CancelAction::kAlreadyFailed);
}

TEST(CancelShipment, BeforeTheRequestLeavesATombstoneSoTheRequestBooksNothing) {
  FakeStore store;
  FakeDirectory carriers;
  auto r = CancelShipment(Cancel(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->outcome, CancelOutcome::kCancelled);
  ASSERT_EQ(store.events.size(), 1U);
  EXPECT_EQ(store.events[0].topic, "delivery-failed");
  auto late = ProcessDeliveryRequest(Req(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->outcome, IntakeOutcome::kDuplicate);
  EXPECT_EQ(carriers.Get("HANJIN").book_calls, 0);
  EXPECT_EQ(store.events.size(), 1U);
}

TEST(CancelShipment, ABookedParcelIsStoppedAtTheCarrierThenFailedOnce) {
  FakeStore store;
  FakeDirectory carriers;
  ASSERT_TRUE(ProcessDeliveryRequest(Req(), store.Runner(), carriers, store.Runner()).ok());
  auto r = CancelShipment(Cancel(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->outcome, CancelOutcome::kCancelled);
  EXPECT_EQ(carriers.Get("HANJIN").cancel_calls, 1);
  EXPECT_EQ(store.by_order[OrderId("ORD1")].status, DeliveryStatus::kFailed);
  auto again = CancelShipment(Cancel(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, CancelOutcome::kUnchanged);
  ASSERT_EQ(store.events.size(), 2U);  // order-complete, then one delivery-failed
  EXPECT_EQ(store.events[1].topic, "delivery-failed");
  EXPECT_EQ(store.events[1].status_or_reason, "cancelled by the buyer");
}

TEST(CancelShipment, APickedUpParcelIsNotCancelledAndNothingIsWritten) {
  FakeStore store;
  FakeDirectory carriers;
  ASSERT_TRUE(ProcessDeliveryRequest(Req(), store.Runner(), carriers, store.Runner()).ok());
  carriers.Get("HANJIN").picked_up = true;
  auto r = CancelShipment(Cancel(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, CancelOutcome::kTooLate);
  EXPECT_EQ(store.by_order[OrderId("ORD1")].status, DeliveryStatus::kRequested);
  EXPECT_EQ(store.events.size(), 1U);
}

TEST(CancelShipment, ForAnotherPaymentChangesNothingAndAnUnreachableCarrierIsRetried) {
  FakeStore store;
  FakeDirectory carriers;
  ASSERT_TRUE(ProcessDeliveryRequest(Req(), store.Runner(), carriers, store.Runner()).ok());
  auto forged = CancelShipment(Cancel("ORD1", "pk_forged"), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(forged.ok());
  EXPECT_EQ(forged->action, CancelAction::kRefuse);
  EXPECT_EQ(carriers.Get("HANJIN").cancel_calls, 0);
  carriers.Get("HANJIN").cancel_error = Error::Transient("carrier.unavailable", "down");
  auto down = CancelShipment(Cancel(), store.Runner(), carriers, store.Runner());
  ASSERT_FALSE(down.ok());
  EXPECT_TRUE(down.error().retryable);
  EXPECT_EQ(store.by_order[OrderId("ORD1")].status, DeliveryStatus::kRequested);
  EXPECT_EQ(store.events.size(), 1U);
}

TEST(CancelShipment, ARowBookedBetweenClaimAndSettleIsRetriedNotFailedBehindTheCarriersBack) {
  FakeStore store;
  FakeDirectory carriers;
  DeliveryRequest req = Req();
  ASSERT_TRUE(store.Insert(req).ok());  // claimed by an intake that is booking right now
  bool booked_meanwhile = false;
  const UnitOfWorkRunner settle = [&](const std::function<Status(DeliveryUnitOfWork&)>& work) {
    if (!booked_meanwhile) {
      booked_meanwhile = true;
      store.by_order[OrderId("ORD1")].reference_code = "HANJIN-ORD1";
    }
    return work(store);
  };
  auto r = CancelShipment(Cancel(), store.Runner(), carriers, settle);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().retryable);
  auto retried = CancelShipment(Cancel(), store.Runner(), carriers, store.Runner());
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->outcome, CancelOutcome::kCancelled);
  EXPECT_EQ(carriers.Get("HANJIN").cancel_calls, 1);
}

}  // namespace
}  // namespace eda::delivery
