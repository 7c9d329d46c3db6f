// The delivery-request handler, the poller and the SQL store against the test MariaDB, with the
// carrier simulator in-process on an ephemeral port (no Kafka: the handler is called as the consumer
// would call it). Unique outbox/inbox tables and order ids per run. Label sql.
#include <gtest/gtest.h>

#include <map>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "carrier-sim/api/carrier_sim_app.hpp"
#include "delivery/carriers/http_carrier.hpp"
#include "delivery/events/delivery_request_handler.hpp"
#include "delivery/events/status_poller.hpp"
#include "delivery/store/schema.hpp"
#include "eda/core/uuid.hpp"
#include "eda/http/server.hpp"
#include "eda/sql/connection.hpp"
#include "eda/sql/testing/test_db.hpp"
#include "seed.pb.h"

namespace eda::delivery {
namespace {

using namespace std::chrono_literals;

class DeliverySqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_ = sql::testing::TestSettings();
    ASSERT_TRUE(sql::ApplyMigrations(settings_, "delivery", DeliveryMigrations()).ok());
    const std::string suffix = NewUuid().substr(0, 8);
    outbox_ = events::Outbox("delivery_outbox_t" + suffix);
    inbox_ = events::Inbox("delivery_inbox_t" + suffix);
    ASSERT_TRUE(events::ApplyEventMigrations(settings_, "delivery_t" + suffix, outbox_, inbox_).ok());
    pool_ = std::make_unique<sql::Pool>(settings_);

    carrier_sim::CarrierSimSettings cs;
    cs.step = 300ms;
    sim_ = std::make_unique<carrier_sim::CarrierSimApp>(cs);
    http::Router router;
    sim_->AddRoutes(router);
    http::ServerSettings hs;
    hs.address = "127.0.0.1";
    hs.port = 0;
    hs.access_log = false;
    hs.shutdown_timeout = 200ms;
    server_ = std::make_unique<http::Server>(hs, std::move(router), registry_);
    ASSERT_TRUE(server_->Start().ok());
    client_thread_ = std::thread([this] { ioc_.run(); });
    client_ = std::make_unique<httpclient::Client>(httpclient::Client::Create(ioc_.get_executor()).value());
    CarrierSettings carrier;
    carrier.base_url = "http://127.0.0.1:" + std::to_string(server_->port());
    carriers_ = std::make_unique<HttpCarrierDirectory>(*client_, carrier, &registry_);
    handler_ = MakeDeliveryRequestHandler(*pool_, outbox_, inbox_, *carriers_, orders_,
                                          [this](std::string_view reason) { refused_.emplace_back(reason); },
                                          "delivery-test");
    prefix_ = "ORDT" + suffix;
  }
  void TearDown() override {
    if (pool_) {
      auto conn = pool_->Acquire();
      if (conn) {
        (void)conn->Execute("DELETE FROM delivery WHERE order_id LIKE ?", {prefix_ + "%"});
        (void)conn->Execute("DROP TABLE IF EXISTS " + outbox_.table());
        (void)conn->Execute("DROP TABLE IF EXISTS " + outbox_.table() + "_lock");
        (void)conn->Execute("DROP TABLE IF EXISTS " + inbox_.table());
      }
    }
    if (server_) server_->Stop();
    client_.reset();
    work_.reset();
    ioc_.stop();
    if (client_thread_.joinable()) client_thread_.join();
    if (pool_) pool_->Stop();
  }

  events::IncomingEvent Event(const std::string& order_id, const std::string& company, const std::string& event_id = NewUuid()) {
    edaordersystem::protobuf::deliveryRequestV1 m;
    m.set_order_id(order_id);
    m.set_order_name("water");
    m.set_address("Seoul 1");
    m.set_delivery_company(company);
    m.set_product_count(2);
    m.set_member_id(7);
    m.set_payment_key("pk");
    m.set_approved_at("2026-11-24T03:00:00+09:00");
    m.set_amount(2000);
    events::IncomingEvent ev;
    ev.topic = "delivery-request";
    ev.key = order_id;
    ev.payload = m.SerializeAsString();
    ev.envelope.event_id = event_id;
    return ev;
  }
  std::vector<std::string> OutboxTopics(const std::string& order_id) {
    auto conn = pool_->Acquire();
    auto rows = conn->Query("SELECT topic FROM " + outbox_.table() + " WHERE aggregate_key = ? ORDER BY id", {order_id});
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.Get<std::string>("topic"));
    return out;
  }
  // The order service's view of an order the Event() helper names: paid, with the same content.
  void Paid(const std::string& order_id, std::string status = "STOCK_RESERVED") {
    orders_.orders[order_id] = OrderFacts{std::move(status), 2, MemberId(7), 2000, PaymentKey("pk")};
  }
  std::int64_t Rows(const std::string& order_id) {
    auto conn = pool_->Acquire();
    return conn->Query("SELECT COUNT(*) AS n FROM delivery WHERE order_id = ?", {order_id})->front().Get<std::int64_t>("n");
  }

  sql::Settings settings_;
  events::Outbox outbox_;
  events::Inbox inbox_;
  std::unique_ptr<sql::Pool> pool_;
  metrics::Registry registry_;
  std::unique_ptr<carrier_sim::CarrierSimApp> sim_;
  std::unique_ptr<http::Server> server_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{ioc_.get_executor()};
  std::thread client_thread_;
  std::unique_ptr<httpclient::Client> client_;
  std::unique_ptr<HttpCarrierDirectory> carriers_;
  // The order service: the orders it knows; `down` answers like an unreachable service.
  struct FakeOrders : OrderDirectory {
    std::map<std::string, OrderFacts> orders;
    bool down = false;
    Result<std::optional<OrderFacts>> Find(const OrderId& order_id) const override {
      if (down) return Error::Transient("order.unavailable", "connection refused");
      const auto it = orders.find(order_id.value());
      if (it == orders.end()) return std::optional<OrderFacts>{};
      return std::optional(it->second);
    }
  };
  FakeOrders orders_;
  std::vector<std::string> refused_;
  events::Handler handler_;
  std::string prefix_;
};

TEST_F(DeliverySqlTest, RedeliveryGivesOneDeliveryAndOneEventThenStatusReachesDone) {
  const std::string order = prefix_ + "A";
  Paid(order);
  auto ev = Event(order, "HANJIN");
  ASSERT_TRUE(handler_(ev).ok());
  ASSERT_TRUE(handler_(ev).ok());                     // same event id: inbox
  ASSERT_TRUE(handler_(Event(order, "HANJIN")).ok());  // new event id, same order
  EXPECT_EQ(Rows(order), 1);
  EXPECT_EQ(OutboxTopics(order), std::vector<std::string>{"order-complete"});
  EXPECT_EQ(sim_->registry().size(), 1U);

  SqlDeliveryQueries queries(*pool_, outbox_, *carriers_);
  SqlTransitionStore store(*pool_, outbox_);
  StatusPoller poller(PollerSettings{50ms, 500}, queries, *carriers_, store, &registry_);
  const auto end = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < end) {
    (void)poller.RunOnce();
    auto d = queries.FindByOrder(OrderId(order));
    if (d.ok() && *d && (*d)->status == DeliveryStatus::kDone) break;
    std::this_thread::sleep_for(50ms);
  }
  for (int i = 0; i < 5; ++i) EXPECT_EQ(poller.RunOnce(), 0) << "more polls: nothing more may be emitted";
  auto d = queries.FindByOrder(OrderId(order));
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ((*d)->status, DeliveryStatus::kDone);
  EXPECT_EQ((*d)->reference_code.rfind("HANJIN-", 0), 0U);
  EXPECT_EQ(OutboxTopics(order), (std::vector<std::string>{"order-complete", "delivery-status-update", "delivery-status-update"}));
}

TEST_F(DeliverySqlTest, UnknownCarrierFailsAndCarrierOutageIsRetryable) {
  const std::string failed = prefix_ + "F";
  Paid(failed);
  ASSERT_TRUE(handler_(Event(failed, "DHL")).ok());
  EXPECT_EQ(OutboxTopics(failed), std::vector<std::string>{"delivery-failed"});

  ASSERT_TRUE(sim_->faults().Set(carrier_sim::Faults{100, 0ms}));
  const std::string later = prefix_ + "R";
  Paid(later);
  auto st = handler_(Event(later, "CJ"));
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(st.error().retryable);
  EXPECT_EQ(Rows(later), 1);  // claimed (REQUESTED, not booked): the retry books it
  EXPECT_TRUE(OutboxTopics(later).empty());
  ASSERT_TRUE(sim_->faults().Set(carrier_sim::Faults{0, 0ms}));
  ASSERT_TRUE(handler_(Event(later, "CJ")).ok());
  EXPECT_EQ(OutboxTopics(later), std::vector<std::string>{"order-complete"});
}

TEST_F(DeliverySqlTest, ARequestForNoPaidOrderOfThatContentShipsNothingAndIsCounted) {
  const std::string unknown = prefix_ + "U", unpaid = prefix_ + "C", other = prefix_ + "M";
  orders_.orders[unpaid] = OrderFacts{"CREATED", 2, MemberId(7), 2000, PaymentKey("")};
  orders_.orders[other] = OrderFacts{"PAID", 1, MemberId(7), 1000, PaymentKey("pk-of-that-order")};
  for (const auto& id : {unknown, unpaid, other}) {
    ASSERT_TRUE(handler_(Event(id, "HANJIN")).ok()) << id;  // acknowledged: retrying changes nothing
    EXPECT_EQ(Rows(id), 0) << id;
    EXPECT_TRUE(OutboxTopics(id).empty()) << id;
  }
  EXPECT_EQ(refused_, (std::vector<std::string>{"unknown_order", "order_not_paid", "order_mismatch"}));
  EXPECT_EQ(sim_->registry().size(), 0U);  // no carrier was called

  // The order service unreachable: retried later, nothing created meanwhile.
  const std::string later = prefix_ + "L";
  Paid(later);
  orders_.down = true;
  auto st = handler_(Event(later, "HANJIN"));
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(st.error().retryable);
  EXPECT_EQ(Rows(later), 0);
  orders_.down = false;
  ASSERT_TRUE(handler_(Event(later, "HANJIN")).ok());
  EXPECT_EQ(OutboxTopics(later), std::vector<std::string>{"order-complete"});
}

}  // namespace
}  // namespace eda::delivery
