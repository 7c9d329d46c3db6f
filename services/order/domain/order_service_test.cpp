#include "order/domain/order_service.hpp"

#include <gtest/gtest.h>

#include "order/domain/testing/fake_ports.hpp"

namespace eda::order {
namespace {

using namespace std::chrono_literals;

class OrderServiceTest : public ::testing::Test {
 protected:
  OrderServiceTest() {
    catalog_.products[ProductId(7)] = CatalogProduct{ProductId(7), "Mug", 15000};
  }
  OrderService Service() {
    return OrderService(OrderService::Ports{orders_, catalog_, [this] { return std::string(15, static_cast<char>(++seq_)); },
                                            [this] { return now_; }});
  }
  Order CreateOne(std::int64_t member = 42, std::int64_t count = 3) {
    return Service().Create(Caller{MemberId(member), false}, CreateOrderInput{ProductId(7), count, "LOTTE", "Seoul 1"}).value();
  }
  std::vector<Emit> Emits(const OrderId& id) {
    std::vector<Emit> out;
    for (const auto& [oid, e] : orders_.outbox) if (oid == id) out.push_back(e);
    return out;
  }

  testing::FakeOrders orders_;
  testing::FakeCatalog catalog_;
  int seq_ = 0;
  TimePoint now_ = TimePoint{} + 1000h;
};

TEST_F(OrderServiceTest, ASavedAddressIsTheBuyersOwnReadWithTheBuyersCredentials) {
  testing::FakeAddressBook book;
  book.saved[5] = {42, "Busan, Haeundae 9"};
  book.saved[6] = {43, "Someone else's"};
  const OrderService service(OrderService::Ports{orders_, catalog_, [this] { return std::string(15, static_cast<char>(++seq_)); },
                                                 [this] { return now_; }, &book});
  CreateOrderInput in{ProductId(7), 1, "LOTTE", "", 5};
  auto o = service.Create(Caller{MemberId(42), false, "member:42"}, in);
  ASSERT_TRUE(o.ok()) << o.error().detail;
  EXPECT_EQ(o->address, "Busan, Haeundae 9");
  EXPECT_EQ(book.last_credentials, "member:42");
  in.address_id = 6;
  EXPECT_EQ(service.Create(Caller{MemberId(42), false, "member:42"}, in).error().code, OrderErrc::kAddressNotFound);
  in.address = "Seoul";
  EXPECT_EQ(service.Create(Caller{MemberId(42), false, "member:42"}, in).error().code, OrderErrc::kInvalidRequest) << "both";
  book.down = true;
  in = CreateOrderInput{ProductId(7), 1, "LOTTE", "", 5};
  EXPECT_EQ(service.Create(Caller{MemberId(42), false, "member:42"}, in).error().code, OrderErrc::kDeliveryUnavailable);
  EXPECT_EQ(Service().Create(Caller{MemberId(42), false, "member:42"}, in).error().code, OrderErrc::kInvalidRequest)
      << "no address book: refused, not guessed";
  EXPECT_EQ(orders_.orders.size(), 1u);
}

TEST_F(OrderServiceTest, CreatePricesFromTheCatalog) {
  const Order o = CreateOne(42, 3);
  EXPECT_EQ(o.amount, 45000);
  EXPECT_EQ(o.order_name, "Mug x 3");
  EXPECT_EQ(o.status, OrderStatus::kCreated);
  EXPECT_EQ(o.member_id, MemberId(42));
  EXPECT_TRUE(o.id.value().starts_with("ORD"));
  EXPECT_EQ(orders_.orders.count(o.id), 1u);
  EXPECT_EQ(orders_.history[o.id].size(), 1u);
  EXPECT_TRUE(orders_.outbox.empty());  // nothing is published before the buyer pays
}

TEST_F(OrderServiceTest, CreateErrors) {
  auto svc = Service();
  EXPECT_EQ(svc.Create(Caller{MemberId(1)}, {ProductId(99), 1, "LOTTE", "a"}).error().code, OrderErrc::kProductNotFound);
  EXPECT_EQ(svc.Create(Caller{MemberId(1)}, {ProductId(7), 0, "LOTTE", "a"}).error().code, OrderErrc::kInvalidRequest);
  EXPECT_EQ(svc.Create(Caller{MemberId(1)}, {ProductId(7), 1, "lotte!", "a"}).error().code, OrderErrc::kInvalidRequest);
  EXPECT_EQ(svc.Create(Caller{MemberId(1)}, {ProductId(7), 1, "LOTTE", ""}).error().code, OrderErrc::kInvalidRequest);
  for (const std::string& forged :
       {std::string("Seoul\r\nX-Injected: 1"), std::string("Seoul\n2"), std::string("Seoul\0x", 7)}) {
    const auto refused = svc.Create(Caller{MemberId(1)}, {ProductId(7), 1, "LOTTE", forged});
    ASSERT_FALSE(refused.ok()) << forged;
    EXPECT_EQ(refused.error().code, OrderErrc::kInvalidRequest);
    EXPECT_NE(refused.error().detail.find("control characters"), std::string::npos);
  }
  catalog_.down = true;
  EXPECT_EQ(svc.Create(Caller{MemberId(1)}, {ProductId(7), 1, "LOTTE", "a"}).error().code, OrderErrc::kCatalogUnavailable);
  EXPECT_TRUE(orders_.orders.empty());
}

TEST_F(OrderServiceTest, TheRequestsTraceGoesWithTheFinish) {
  const Order o = *Service().Create(Caller{MemberId(42)}, {ProductId(7), 3, "LOTTE", "Seoul"});
  const std::string trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  ASSERT_TRUE(Service().Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_1"), 45000, trace).ok());
  EXPECT_EQ(orders_.last_trace, trace) << "the confirm request must carry the buyer's trace";
}

TEST_F(OrderServiceTest, FinishPublishesOneConfirmRequestAndIsIdempotent) {
  const Order o = CreateOne();
  auto svc = Service();
  auto first = svc.Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_1"), 45000);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, OrderStatus::kPaymentRequested);
  EXPECT_EQ(first->payment_key, PaymentKey("pk_1"));
  EXPECT_EQ(Emits(o.id), std::vector<Emit>{Emit::kPaymentConfirmRequest});
  const auto history_size = orders_.history[o.id].size();
  auto again = svc.Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_1"), 45000);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, OrderStatus::kPaymentRequested);
  EXPECT_EQ(Emits(o.id).size(), 1u);
  EXPECT_EQ(orders_.history[o.id].size(), history_size);
  EXPECT_EQ(svc.Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_other"), 45000).error().code, OrderErrc::kPaymentKeyConflict);
}

TEST_F(OrderServiceTest, AmountMismatchIsRecordedAndPublishesNothing) {
  const Order o = CreateOne();
  auto r = Service().Finish(std::nullopt, o.id, PaymentKey("pk_1"), 100);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, OrderErrc::kAmountMismatch);
  EXPECT_EQ(orders_.orders[o.id].status, OrderStatus::kCreated);
  EXPECT_TRUE(orders_.outbox.empty());
  ASSERT_EQ(orders_.history[o.id].size(), 2u);
  EXPECT_NE(orders_.history[o.id].back().reason.find("amount"), std::string::npos);
  // The right amount still works afterwards.
  EXPECT_TRUE(Service().Finish(std::nullopt, o.id, PaymentKey("pk_1"), 45000).ok());
}

TEST_F(OrderServiceTest, OnlyTheOwnerOrAnAdminFinishesAndReads) {
  const Order o = CreateOne(42);
  auto svc = Service();
  EXPECT_EQ(svc.Finish(Caller{MemberId(7)}, o.id, PaymentKey("pk"), 45000).error().code, OrderErrc::kForbidden);
  EXPECT_EQ(orders_.history[o.id].size(), 1u);
  EXPECT_EQ(svc.Get(Caller{MemberId(7)}, o.id).error().code, OrderErrc::kForbidden);
  EXPECT_TRUE(svc.Get(Caller{MemberId(7), true}, o.id).ok());
  EXPECT_EQ(svc.Get(Caller{MemberId(42)}, OrderId("ORD" + std::string(30, '0'))).error().code, OrderErrc::kOrderNotFound);
  EXPECT_EQ(svc.List(Caller{MemberId(7)}, MemberId(42), 0, 10).error().code, OrderErrc::kForbidden);
  EXPECT_EQ(svc.List(Caller{MemberId(42)}, MemberId(42), 0, 10)->size(), 1u);
  EXPECT_EQ(svc.List(Caller{MemberId(42)}, MemberId(42), 0, 0).error().code, OrderErrc::kInvalidRequest);
  EXPECT_EQ(svc.Finish(Caller{MemberId(42)}, OrderId("nope"), PaymentKey("pk"), 1).error().code, OrderErrc::kOrderNotFound);
}

TEST_F(OrderServiceTest, SagaRunsToDeliveredWithHistoryAndEmitsTheStockRequest) {
  const Order o = CreateOne();
  ASSERT_TRUE(Service().Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_1"), 45000).ok());
  const auto apply = [&](SagaInput in) {
    return orders_.Update(o.id, [&](const Order& cur) { return Advance(cur, in, now_); }).value().value();
  };
  SagaInput confirmed{SagaEvent::kPaymentConfirmed, PaymentKey("pk_1"), 45000, "2026-11-24T03:00:00+09:00", {}, {}};
  EXPECT_EQ(apply(confirmed).emits, std::vector<Emit>{Emit::kStockRequest});
  EXPECT_EQ(orders_.orders[o.id].approved_at, "2026-11-24T03:00:00+09:00");
  EXPECT_EQ(apply(confirmed).verdict, Verdict::kStale);  // redelivery
  EXPECT_EQ(Emits(o.id).size(), 2u);
  apply({SagaEvent::kStockReserved, {}, 0, {}, {}, {}});
  apply({SagaEvent::kDeliveryCreated, {}, 0, {}, 17, {}});
  EXPECT_EQ(orders_.orders[o.id].delivery_id, 17);
  apply({SagaEvent::kInDelivery, {}, 0, {}, 17, {}});
  apply({SagaEvent::kDelivered, {}, 0, {}, 17, {}});
  EXPECT_EQ(orders_.orders[o.id].status, OrderStatus::kDelivered);
  // created, finish, paid, reserved, requested, in delivery, delivered
  EXPECT_EQ(orders_.history[o.id].size(), 7u);
  EXPECT_EQ(orders_.history[o.id].back().to, OrderStatus::kDelivered);
}

TEST_F(OrderServiceTest, ForgedConfirmResponseChangesNothingAndTheGenuineOneStillWorks) {
  const Order o = CreateOne();
  ASSERT_TRUE(Service().Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_5"), 45000).ok());
  const auto history_size = orders_.history[o.id].size();
  const auto outbox_size = orders_.outbox.size();
  const auto apply = [&](SagaInput in) {
    return orders_.Update(o.id, [&](const Order& cur) { return Advance(cur, in, now_); }).value().value();
  };
  const Outcome forged = apply({SagaEvent::kPaymentConfirmed, PaymentKey("forged-key-123"), 1, "t", {}, {}});
  ASSERT_TRUE(forged.event_refusal.has_value());
  EXPECT_EQ(*forged.event_refusal, EventRefusal::kPaymentKeyMismatch);
  EXPECT_EQ(orders_.orders[o.id].status, OrderStatus::kPaymentRequested);
  EXPECT_EQ(orders_.history[o.id].size(), history_size);
  EXPECT_EQ(orders_.outbox.size(), outbox_size);
  // The real approval arriving afterwards moves the order on as usual.
  const Outcome genuine = apply({SagaEvent::kPaymentConfirmed, PaymentKey("pk_5"), 45000, "t", {}, {}});
  EXPECT_FALSE(genuine.event_refusal.has_value());
  EXPECT_EQ(orders_.orders[o.id].status, OrderStatus::kPaid);
  EXPECT_EQ(Emits(o.id).back(), Emit::kStockRequest);
}

TEST_F(OrderServiceTest, SweeperExpiresRepublishesAndFlags) {
  const Order old_created = CreateOne();
  const Order paying = CreateOne();
  ASSERT_TRUE(Service().Finish(Caller{MemberId(42)}, paying.id, PaymentKey("pk_2"), 45000).ok());
  now_ += 10min;
  const Order fresh = CreateOne();
  SweepSettings s;
  s.created_deadline = 5min;
  s.payment_requested_deadline = 1min;
  s.max_attempts = 2;
  SweepReport r = Service().Sweep(s);
  EXPECT_EQ(r.expired, 1);
  EXPECT_EQ(r.republished, 1);
  EXPECT_EQ(orders_.orders[old_created.id].status, OrderStatus::kExpired);
  EXPECT_EQ(orders_.orders[fresh.id].status, OrderStatus::kCreated);
  EXPECT_EQ(Emits(paying.id).size(), 2u);
  now_ += 2min;
  r = Service().Sweep(s);
  EXPECT_EQ(r.flagged, 1);
  EXPECT_EQ(r.republished, 0);
  EXPECT_TRUE(orders_.orders[paying.id].flagged);
  now_ += 2min;
  r = Service().Sweep(s);  // flagged orders are not swept again
  EXPECT_EQ(r.flagged + r.republished + r.expired, 0);
  // An expired order cannot be paid any more.
  EXPECT_EQ(Service().Finish(std::nullopt, old_created.id, PaymentKey("pk"), 45000).error().code, OrderErrc::kNotPayable);
}

TEST_F(OrderServiceTest, SweeperRepublishesTheStockRequestOfAStuckPaidOrderThenFlags) {
  const Order o = CreateOne();
  ASSERT_TRUE(Service().Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_4"), 45000).ok());
  orders_.Update(o.id, [&](const Order& c) { return Advance(c, {SagaEvent::kPaymentConfirmed, PaymentKey("pk_4"), 45000, "t", {}, {}}, now_); }).value();
  ASSERT_EQ(Emits(o.id).back(), Emit::kStockRequest);
  SweepSettings s;
  s.paid_deadline = 1min;
  s.max_attempts = 3;
  now_ += 30s;
  EXPECT_EQ(Service().Sweep(s).republished, 0);  // not overdue yet
  for (int attempt = 2; attempt <= 3; ++attempt) {
    now_ += 2min;
    EXPECT_EQ(Service().Sweep(s).republished, 1) << attempt;
    EXPECT_EQ(Emits(o.id).back(), Emit::kStockRequest);
  }
  now_ += 2min;
  const SweepReport r = Service().Sweep(s);
  EXPECT_EQ(r.republished, 0);
  EXPECT_EQ(r.flagged, 1);
  EXPECT_EQ(orders_.orders[o.id].status, OrderStatus::kPaid);
  // The stock answer arriving late still moves the order on.
  orders_.Update(o.id, [&](const Order& c) { return Advance(c, {SagaEvent::kStockReserved, {}, 0, {}, {}, {}}, now_); }).value();
  EXPECT_EQ(orders_.orders[o.id].status, OrderStatus::kStockReserved);
}

TEST_F(OrderServiceTest, ACancellingOrderRequestsItsRefundAndTheSweeperAsksAgainUntilItIsSeen) {
  const Order o = CreateOne();
  ASSERT_TRUE(Service().Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_3"), 45000).ok());
  orders_.Update(o.id, [&](const Order& c) { return Advance(c, {SagaEvent::kPaymentConfirmed, PaymentKey("pk_3"), 45000, "t", {}, {}}, now_); }).value();
  orders_.Update(o.id, [&](const Order& c) { return Advance(c, {SagaEvent::kStockRejected, {}, 0, {}, {}, "out of stock"}, now_); }).value();
  EXPECT_EQ(orders_.orders[o.id].status, OrderStatus::kCancelling);
  EXPECT_EQ(Emits(o.id).back(), Emit::kOrderCancelled) << "the order asks for its money back at once";
  const std::size_t before = Emits(o.id).size();
  SweepSettings s;
  now_ += 1min;
  EXPECT_EQ(Service().Sweep(s).refund_retriggered, 0);  // not overdue yet
  EXPECT_EQ(Emits(o.id).size(), before);
  now_ += 1h;
  SweepReport r = Service().Sweep(s);
  EXPECT_EQ(r.refund_retriggered, 1);
  EXPECT_EQ(r.republished, 0);
  EXPECT_EQ(Emits(o.id).back(), Emit::kOrderCancelled);
  now_ += 1h;
  EXPECT_EQ(Service().Sweep(s).refund_retriggered, 1);  // still no refund: asked again
  EXPECT_EQ(Emits(o.id).size(), before + 2);
  // The refund arrives: the order ends and nothing more is requested.
  orders_.Update(o.id, [&](const Order& c) { return Advance(c, {SagaEvent::kRefunded, PaymentKey("pk_3"), 0, {}, {}, {}}, now_); }).value();
  EXPECT_EQ(orders_.orders[o.id].status, OrderStatus::kCancelled);
  now_ += 1h;
  r = Service().Sweep(s);
  EXPECT_EQ(r.refund_retriggered + r.flagged, 0);
  EXPECT_EQ(Emits(o.id).size(), before + 2);
}

}  // namespace
}  // namespace eda::order
