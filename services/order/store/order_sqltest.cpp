// The saga on the real MariaDB test server (label sql): repository, outbox rows, inbox handlers.
// Kafka is not involved: the handlers are called with IncomingEvents directly, and the outbox table is
// read to see what the relay would publish. Each run uses its own database (dropped at the end).

#include <gtest/gtest.h>

#include "eda/core/uuid.hpp"
#include "eda/sql/sql.hpp"
#include "eda/sql/testing/test_db.hpp"
#include "order/domain/order_service.hpp"
#include "order/domain/testing/fake_ports.hpp"
#include "order/events/order_consumers.hpp"
#include "order/events/order_messages.hpp"
#include "order/store/schema.hpp"
#include "order/events/product_announcements.hpp"
#include "order/store/sql_order_repository.hpp"
#include "order/store/sql_product_read_model.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::order {
namespace {

using namespace std::chrono_literals;

class OrderSqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_ = sql::testing::TestSettings(4);
    db_ = sql::testing::UniqueName("order_test");
    {
      sql::Pool admin(settings_);
      auto conn = admin.Acquire();
      ASSERT_TRUE(conn.ok()) << conn.error().message;
      ASSERT_TRUE(conn->Execute("CREATE DATABASE " + db_).ok());
    }
    settings_.database = db_;
    ASSERT_TRUE(ApplyOrderSchema(settings_, outbox_, inbox_).ok());
    pool_ = std::make_unique<sql::Pool>(settings_);
    repo_ = std::make_unique<SqlOrderRepository>(*pool_, outbox_);
    catalog_.products[ProductId(7)] = CatalogProduct{ProductId(7), "Mug", 15000};
    service_ = std::make_unique<OrderService>(OrderService::Ports{
        *repo_, catalog_, [] { return NewUuid().substr(0, 15); }, [this] { return now_; }});
  }
  void TearDown() override {
    if (pool_) {
      auto conn = pool_->Acquire();
      if (conn.ok()) (void)conn->Execute("DROP DATABASE " + db_);
      pool_->Stop();
    }
  }
  // Topics of the outbox rows of `order_id`, in order.
  std::vector<std::string> Outbox(const OrderId& order_id) {
    auto conn = pool_->Acquire();
    auto rows = conn->Query("SELECT topic FROM order_outbox WHERE aggregate_key = ? ORDER BY id", {order_id});
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    std::vector<std::string> out;
    if (rows.ok()) for (const auto& r : *rows) out.push_back(r.Get<std::string>("topic"));
    return out;
  }
  Status Deliver(std::string_view topic, const std::string& payload, const std::string& event_id) {
    events::IncomingEvent ev;
    ev.topic = std::string(topic);
    ev.payload = payload;
    ev.envelope.event_id = event_id;
    return MakeSagaHandler(topic, *pool_, outbox_, inbox_, ConsumerHooks{})({&ev, 1}).front();
  }
  OrderStatus StatusOf(const OrderId& id) { return repo_->Find(id).value()->status; }

  sql::Settings settings_;
  std::string db_;
  events::Outbox outbox_{"order_outbox"};
  events::Inbox inbox_{"order_inbox"};
  std::unique_ptr<sql::Pool> pool_;
  std::unique_ptr<SqlOrderRepository> repo_;
  testing::FakeCatalog catalog_;
  std::unique_ptr<OrderService> service_;
  TimePoint now_ = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
};

TEST_F(OrderSqlTest, FullSagaToDeliveredWithHistoryAndIdempotentRedelivery) {
  const Order o = service_->Create(Caller{MemberId(42)}, {ProductId(7), 2, "LOTTE", "Seoul"}).value();
  EXPECT_EQ(o.amount, 30000);
  EXPECT_TRUE(Outbox(o.id).empty());

  // Tampered amount: refused, nothing published, still CREATED.
  EXPECT_EQ(service_->Finish(std::nullopt, o.id, PaymentKey("pk_1"), 1).error().code, OrderErrc::kAmountMismatch);
  EXPECT_TRUE(Outbox(o.id).empty());
  EXPECT_EQ(StatusOf(o.id), OrderStatus::kCreated);

  ASSERT_TRUE(service_->Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_1"), 30000).ok());
  ASSERT_TRUE(service_->Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_1"), 30000).ok());  // duplicate
  EXPECT_EQ(Outbox(o.id), std::vector<std::string>{"payment-confirm-request"});

  edaordersystem::protobuf::paymentResponseV1 resp;
  resp.set_order_id(o.id.value());
  resp.set_payment_key("pk_1");
  resp.set_amount(30000);
  resp.set_approved_at("2026-11-24T12:00:00+09:00");
  const std::string resp_id = NewUuid();
  ASSERT_TRUE(Deliver(saga::kPaymentConfirmResponse, resp.SerializeAsString(), resp_id).ok());
  ASSERT_TRUE(Deliver(saga::kPaymentConfirmResponse, resp.SerializeAsString(), resp_id).ok());    // redelivery
  ASSERT_TRUE(Deliver(saga::kPaymentConfirmResponse, resp.SerializeAsString(), NewUuid()).ok());  // duplicate event
  EXPECT_EQ(StatusOf(o.id), OrderStatus::kPaid);
  EXPECT_EQ(Outbox(o.id), (std::vector<std::string>{"payment-confirm-request", "catalog-decrement-request-delivery-request"}));

  edaordersystem::protobuf::deliveryResponseV1 del;
  del.set_order_id(o.id.value());
  del.set_delivery_id(99);
  // order-complete overtakes delivery-request: STOCK_RESERVED is implied.
  ASSERT_TRUE(Deliver(saga::kOrderComplete, del.SerializeAsString(), NewUuid()).ok());
  EXPECT_EQ(StatusOf(o.id), OrderStatus::kDeliveryRequested);
  edaordersystem::protobuf::deliveryRequestV1 dr;
  dr.set_order_id(o.id.value());
  ASSERT_TRUE(Deliver(saga::kDeliveryRequest, dr.SerializeAsString(), NewUuid()).ok());  // late: stale
  EXPECT_EQ(StatusOf(o.id), OrderStatus::kDeliveryRequested);
  del.set_delivery_status("IN_DELIVERY");
  ASSERT_TRUE(Deliver(saga::kDeliveryStatusUpdate, del.SerializeAsString(), NewUuid()).ok());
  del.set_delivery_status("DONE");
  ASSERT_TRUE(Deliver(saga::kDeliveryStatusUpdate, del.SerializeAsString(), NewUuid()).ok());
  const Order done = repo_->Find(o.id).value().value();
  EXPECT_EQ(done.status, OrderStatus::kDelivered);
  EXPECT_EQ(done.delivery_id, 99);
  EXPECT_EQ(done.approved_at, "2026-11-24T12:00:00+09:00");
  const auto history = repo_->History(o.id).value();
  // created, amount note, finish, paid, delivery requested, in delivery, delivered
  ASSERT_EQ(history.size(), 7u);
  EXPECT_EQ(history[1].to, OrderStatus::kCreated);
  EXPECT_EQ(history.back().to, OrderStatus::kDelivered);
  EXPECT_EQ(Outbox(o.id).size(), 2u);
}

TEST_F(OrderSqlTest, CompensationAndUndecodableRecords) {
  const Order o = service_->Create(Caller{MemberId(42)}, {ProductId(7), 1, "LOTTE", "Seoul"}).value();
  ASSERT_TRUE(service_->Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_2"), 15000).ok());
  edaordersystem::protobuf::paymentResponseV1 resp;
  resp.set_order_id(o.id.value());
  resp.set_payment_key("pk_2");  // the order refuses a confirmation of another payment
  resp.set_amount(15000);
  ASSERT_TRUE(Deliver(saga::kPaymentConfirmResponse, resp.SerializeAsString(), NewUuid()).ok());
  eda::events::v1::StockRejected rejected;
  rejected.set_order_id(o.id.value());
  rejected.set_reason("out of stock");
  ASSERT_TRUE(Deliver(saga::kStockRejected, rejected.SerializeAsString(), NewUuid()).ok());
  EXPECT_EQ(StatusOf(o.id), OrderStatus::kCancelling);
  eda::events::v1::PaymentRefunded refunded;
  refunded.set_order_id(o.id.value());
  ASSERT_TRUE(Deliver(saga::kPaymentRefunded, refunded.SerializeAsString(), NewUuid()).ok());
  EXPECT_EQ(StatusOf(o.id), OrderStatus::kCancelled);
  const Status bad = Deliver(saga::kPaymentRefunded, "\xff\xff", NewUuid());
  ASSERT_FALSE(bad.ok());
  EXPECT_FALSE(bad.error().retryable);
  // An event for an unknown order is acknowledged.
  refunded.set_order_id("ORD" + std::string(30, '0'));
  EXPECT_TRUE(Deliver(saga::kPaymentRefunded, refunded.SerializeAsString(), NewUuid()).ok());
}

TEST_F(OrderSqlTest, SweeperExpiresAnOldCreatedOrderAndRepublishesAStuckConfirm) {
  const Order old_order = service_->Create(Caller{MemberId(42)}, {ProductId(7), 1, "LOTTE", "Seoul"}).value();
  const Order paying = service_->Create(Caller{MemberId(42)}, {ProductId(7), 1, "LOTTE", "Seoul"}).value();
  ASSERT_TRUE(service_->Finish(Caller{MemberId(42)}, paying.id, PaymentKey("pk_3"), 15000).ok());
  now_ += 2h;
  const Order fresh = service_->Create(Caller{MemberId(42)}, {ProductId(7), 1, "LOTTE", "Seoul"}).value();
  SweepSettings s;
  s.created_deadline = 30min;
  s.payment_requested_deadline = 1min;
  const SweepReport r = service_->Sweep(s);
  EXPECT_GE(r.expired, 1);
  EXPECT_EQ(StatusOf(old_order.id), OrderStatus::kExpired);
  EXPECT_EQ(StatusOf(fresh.id), OrderStatus::kCreated);
  EXPECT_EQ(Outbox(paying.id).size(), 2u);
  EXPECT_EQ(repo_->History(old_order.id).value().back().to, OrderStatus::kExpired);
  auto counts = repo_->CountInFlight();
  ASSERT_TRUE(counts.ok());
  bool created = false;
  for (const auto& [status, n] : *counts) {
    EXPECT_FALSE(IsTerminal(status)) << StatusName(status);
    if (status == OrderStatus::kCreated) created = n >= 1;
  }
  EXPECT_TRUE(created) << "the fresh order is in flight";
}

TEST_F(OrderSqlTest, SweeperRequestsTheRefundOfACancellingOrderOnItsOwnTopic) {
  const Order o = service_->Create(Caller{MemberId(42)}, {ProductId(7), 2, "LOTTE", "Seoul"}).value();
  ASSERT_TRUE(service_->Finish(Caller{MemberId(42)}, o.id, PaymentKey("pk_5"), 30000).ok());
  edaordersystem::protobuf::paymentResponseV1 resp;
  resp.set_order_id(o.id.value());
  resp.set_payment_key("pk_5");
  resp.set_amount(30000);
  ASSERT_TRUE(Deliver(saga::kPaymentConfirmResponse, resp.SerializeAsString(), NewUuid()).ok());
  eda::events::v1::DeliveryFailed failed;
  failed.set_order_id(o.id.value());
  failed.set_reason("carrier refused");
  failed.set_payment_key("pk_5");
  failed.set_amount(30000);
  ASSERT_TRUE(Deliver(saga::kDeliveryFailed, failed.SerializeAsString(), NewUuid()).ok());
  ASSERT_EQ(StatusOf(o.id), OrderStatus::kCancelling);
  // CANCELLING asks for the refund in the same transaction.
  EXPECT_EQ(Outbox(o.id), (std::vector<std::string>{"payment-confirm-request", "catalog-decrement-request-delivery-request",
                                                    "order-cancelled"}));

  SweepSettings s;
  s.cancelling_deadline = 2min;
  now_ += 1min;
  EXPECT_EQ(service_->Sweep(s).refund_retriggered, 0);
  now_ += 2min;
  EXPECT_EQ(service_->Sweep(s).refund_retriggered, 1);
  EXPECT_EQ(Outbox(o.id), (std::vector<std::string>{"payment-confirm-request", "catalog-decrement-request-delivery-request",
                                                    "order-cancelled", "order-cancelled"}));
  auto conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = conn->Query("SELECT event_type, payload FROM order_outbox WHERE aggregate_key = ? AND topic = ?",
                          {o.id, std::string(saga::kOrderCancelled)});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Get<std::string>("event_type"), "eda.events.v1.OrderCancelled");
  eda::events::v1::OrderCancelled request;
  ASSERT_TRUE(request.ParseFromString((*rows)[0].Get<sql::Bytes>("payload").data));
  EXPECT_EQ(request.order_id(), o.id.value());
  EXPECT_EQ(request.payment_key(), "pk_5");
  EXPECT_EQ(request.amount(), 30000);
  EXPECT_EQ(repo_->History(o.id).value().back().to, OrderStatus::kCancelling);

  // The refund arrives: CANCELLED, and the sweeper asks no more.
  eda::events::v1::PaymentRefunded refunded;
  refunded.set_order_id(o.id.value());
  refunded.set_payment_key("pk_5");
  refunded.set_refunded_amount(30000);
  ASSERT_TRUE(Deliver(saga::kPaymentRefunded, refunded.SerializeAsString(), NewUuid()).ok());
  EXPECT_EQ(StatusOf(o.id), OrderStatus::kCancelled);
  now_ += 1h;
  EXPECT_EQ(service_->Sweep(s).refund_retriggered, 0);
  EXPECT_EQ(Outbox(o.id).size(), 4u);
}

// product-changed feeds the local price list: an announced product is priced without the catalog,
// a newer announcement wins over an older one delivered later, stock-only announcements change
// nothing, a deleted product is not found, and an unannounced one is asked of the catalog.
TEST_F(OrderSqlTest, ProductAnnouncementsPriceOrdersWithoutTheCatalog) {
  SqlProductReadModel model(*pool_, catalog_);
  const auto handle = MakeProductAnnouncementHandler(model);
  const auto announce = [&](std::int64_t id, const std::string& name, std::int64_t price, const std::string& at,
                            std::int64_t stock = 5,
                            eda::events::v1::ProductChanged::ChangeType type = eda::events::v1::ProductChanged::UPDATED) {
    eda::events::v1::ProductChanged m;
    m.set_product_id(id);
    m.set_product_name(name);
    m.set_product_price(price);
    m.set_stock_count(stock);
    m.set_change_type(type);
    m.set_changed_at(at);
    events::IncomingEvent ev;
    ev.topic = std::string(saga::kProductChanged);
    ev.payload = m.SerializeAsString();
    return handle(ev);
  };

  ASSERT_TRUE(announce(7, "Mug v2", 16000, "2026-12-06T10:00:00.500Z").ok());
  catalog_.calls = 0;
  auto found = model.Find(ProductId(7));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->name, "Mug v2");
  EXPECT_EQ(found->price, 16000);
  EXPECT_EQ(catalog_.calls, 0) << "an announced product is priced locally";

  // An older announcement (redelivered from a retry topic) does not replace the newer one; a repeat
  // with another stock count changes nothing.
  ASSERT_TRUE(announce(7, "Mug", 15000, "2026-12-06T10:00:00.400Z").ok());
  ASSERT_TRUE(announce(7, "Mug v2", 16000, "2026-12-06T10:00:00.500Z", 4).ok());
  EXPECT_EQ(model.Find(ProductId(7))->price, 16000);

  // The order is priced from the local copy.
  const OrderService priced_locally(OrderService::Ports{*repo_, model, [] { return NewUuid().substr(0, 15); },
                                                        [this] { return now_; }});
  const Order o = priced_locally.Create(Caller{MemberId(42)}, {ProductId(7), 2, "LOTTE", "Seoul"}).value();
  EXPECT_EQ(o.amount, 32000);
  EXPECT_EQ(catalog_.calls, 0);

  ASSERT_TRUE(announce(7, "Mug v2", 16000, "2026-12-06T10:00:01.000Z", 4, eda::events::v1::ProductChanged::DELETED).ok());
  auto gone = model.Find(ProductId(7));
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, OrderErrc::kProductNotFound);

  // Not announced yet: the catalog answers, and its answer is not kept.
  catalog_.products[ProductId(8)] = CatalogProduct{ProductId(8), "Cup", 9000};
  EXPECT_EQ(model.Find(ProductId(8))->price, 9000);
  EXPECT_EQ(catalog_.calls, 1);
  EXPECT_EQ(model.Find(ProductId(8))->price, 9000);
  EXPECT_EQ(catalog_.calls, 2);

  // A record that is not a ProductChanged goes to the DLQ.
  events::IncomingEvent junk;
  junk.topic = std::string(saga::kProductChanged);
  junk.payload = "\xff\xff";
  EXPECT_FALSE(handle(junk).ok());
}

TEST_F(OrderSqlTest, ASellerListsTheOrdersForTheProductsAnnouncedAsTheirs) {
  SqlProductReadModel model(*pool_, catalog_);
  const auto handle = MakeProductAnnouncementHandler(model);
  const auto announce = [&](std::int64_t id, std::int64_t seller, const std::string& at) {
    eda::events::v1::ProductChanged m;
    m.set_product_id(id);
    m.set_seller_id(seller);
    m.set_product_name("P" + std::to_string(id));
    m.set_product_price(1000);
    m.set_change_type(eda::events::v1::ProductChanged::UPDATED);
    m.set_changed_at(at);
    events::IncomingEvent ev;
    ev.topic = std::string(saga::kProductChanged);
    ev.payload = m.SerializeAsString();
    return handle(ev);
  };
  ASSERT_TRUE(announce(7, 5, "2026-12-06T10:00:00.000Z").ok());
  ASSERT_TRUE(announce(9, 6, "2026-12-06T10:00:00.000Z").ok());
  ASSERT_TRUE(announce(7, 0, "2026-12-06T10:00:01.000Z").ok()) << "an announcement without a seller keeps it";
  const OrderService service(OrderService::Ports{*repo_, model, [] { return NewUuid().substr(0, 15); }, [this] { return now_; }});
  const Order a = service.Create(Caller{MemberId(42)}, {ProductId(7), 1, "LOTTE", "Seoul"}).value();
  now_ += std::chrono::seconds(1);
  const Order b = service.Create(Caller{MemberId(43)}, {ProductId(7), 2, "LOTTE", "Busan"}).value();
  ASSERT_TRUE(service.Create(Caller{MemberId(42)}, {ProductId(9), 1, "LOTTE", "Seoul"}).ok());

  auto mine = service.ListForSeller(Caller{MemberId(5)}, MemberId(5), 0, 10);
  ASSERT_TRUE(mine.ok()) << mine.error().cause;
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, b.id) << "newest first";
  EXPECT_EQ((*mine)[1].id, a.id);
  EXPECT_EQ(service.ListForSeller(Caller{MemberId(5)}, MemberId(5), 1, 1)->front().id, a.id);
  EXPECT_EQ(service.ListForSeller(Caller{MemberId(6)}, MemberId(6), 0, 10)->size(), 1u);
  EXPECT_EQ(service.ListForSeller(Caller{MemberId(6)}, MemberId(5), 0, 10).error().code, OrderErrc::kForbidden);
}

}  // namespace
}  // namespace eda::order
