// Integration (label kafka): the real payment handlers on real Kafka + MariaDB of the test stack and the
// Toss emulator in-process. Every topic, table and consumer group carries a random suffix, so reruns and
// parallel runs do not collide; topics and tables are dropped at the end.
//   eval "$(./eda infra env --profile test)"; ctest -L kafka -R payment

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "eda/core/uuid.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/envelope.hpp"
#include "eda/events/outbox_relay.hpp"
#include "eda/events/producer.hpp"
#include "eda/events/topic_admin.hpp"
#include "eda/http/dispatcher.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/testing/test_db.hpp"
#include "eda/toss/client.hpp"
#include "eda/toss/testing/sandbox.hpp"
#include "events.pb.h"
#include "payment/api/payment_routes.hpp"
#include "payment/domain/payment_rules.hpp"
#include "payment/domain/payment_service.hpp"
#include "payment/events/payment_handlers.hpp"
#include "payment/store/schema.hpp"
#include "payment/store/sql_payment_store.hpp"
#include "seed.pb.h"
#include "toss-sandbox/api/sandbox_app.hpp"

#include "eda/auth/testing/plain_test_tokens.hpp"

namespace eda::payment {
namespace {

using namespace std::chrono_literals;

// Forwards to the real client and counts the POSTs per payment key (to prove "no second Toss call").
class CountingApi final : public toss::Api {
 public:
  explicit CountingApi(toss::Api& inner) : inner_(inner) {}
  toss::TossResult<toss::Payment> Confirm(const toss::ConfirmRequest& r) override {
    Count(confirms_, r.payment_key);
    return inner_.Confirm(r);
  }
  toss::TossResult<toss::Payment> GetByPaymentKey(const std::string& k) override { return inner_.GetByPaymentKey(k); }
  toss::TossResult<toss::Payment> GetByOrderId(const std::string& o) override { return inner_.GetByOrderId(o); }
  toss::TossResult<toss::Payment> Cancel(const toss::CancelRequest& r) override {
    Count(cancels_, r.payment_key);
    return inner_.Cancel(r);
  }
  int Confirms(const std::string& key) const { return Get(confirms_, key); }
  int Cancels(const std::string& key) const { return Get(cancels_, key); }

 private:
  void Count(std::map<std::string, int>& m, const std::string& k) {
    std::lock_guard lock(mu_);
    ++m[k];
  }
  int Get(const std::map<std::string, int>& m, const std::string& k) const {
    std::lock_guard lock(mu_);
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  }
  toss::Api& inner_;
  mutable std::mutex mu_;
  std::map<std::string, int> confirms_, cancels_;
};

// One record the service produced, decoded far enough for the assertions.
struct Produced {
  std::string topic;
  std::string order_id;
  std::string payload;
};

class PaymentKafkaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { suite_ = new Suite(); }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  // Everything the tests share: started once (consumer group joins are slow).
  struct Suite {
    Suite() {
      suffix = NewUuid().substr(0, 8);
      topics.confirm_request = "payment-confirm-request-t" + suffix;
      topics.order_cancelled = "order-cancelled-t" + suffix;
      topics.confirm_response = "payment-confirm-response-t" + suffix;
      topics.failed = "payment-failed-t" + suffix;
      topics.refunded = "payment-refunded-t" + suffix;
      outbox = std::make_unique<events::Outbox>("pay_outbox_" + suffix);
      inbox = std::make_unique<events::Inbox>("pay_inbox_" + suffix);
      const sql::Settings sql_settings = sql::testing::TestSettings(6);
      Check(ApplyPaymentSchema(sql_settings, events::Outbox("payment_outbox"), events::Inbox("payment_inbox")), "schema");
      Check(events::ApplyEventMigrations(sql_settings, "paytest_" + suffix, *outbox, *inbox), "event tables");
      pool = std::make_unique<sql::Pool>(sql_settings);

      std::vector<events::TopicSpec> specs;
      for (const std::string& t : {topics.confirm_request,
                                   topics.order_cancelled, topics.confirm_response, topics.failed, topics.refunded}) {
        specs.push_back({t});
      }
      Check(events::EnsureTopics(brokers, credentials, specs), "topics");

      events::ProducerSettings ps;
      ps.brokers = brokers;
      ps.credentials = credentials;
      ps.client_id = "payment-kafkatest";
      producer = std::make_unique<events::Producer>(ps);
      Check(producer->Start(), "producer");
      events::OutboxRelaySettings rs;
      rs.table = outbox->table();
      relay = std::make_unique<events::OutboxRelay>(rs, *pool, *producer);
      outbox->WakeOnCommit([this] { relay->Wake(); });
      relay->Start();

      toss_thread = std::thread([this] { toss_io.run(); });
      toss::Settings ts;
      ts.base_url = sandbox.base_url();
      ts.secret_key = config::Secret(std::string("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"));
      client = toss::Client::Create(toss_io.get_executor(), ts).value();
      counting = std::make_unique<CountingApi>(*client);

      store = std::make_unique<SqlPaymentStore>(*pool);
      commit = std::make_unique<PaymentCommit>(PaymentCommit{*pool, *outbox, topics});
      service = std::make_unique<PaymentService>(
          PaymentService::Ports{.store = *store, .toss = *counting, .transaction = commit->Transaction()},
          RetryPolicy{4, 5ms, 20ms},
          [this](std::string_view flow, std::string_view outcome, std::string_view order_id) {
            std::lock_guard lock(mu);
            observed.emplace_back(std::string(flow), std::string(outcome), std::string(order_id));
          });
      HandlerSettings settings;
      settings.refused = [this](std::string_view topic, std::string_view order_id, std::string_view reason) {
        std::lock_guard lock(mu);
        refusals.emplace_back(std::string(topic), std::string(order_id), std::string(reason));
      };
      handlers = std::make_unique<PaymentHandlers>(*service, *commit, *inbox, settings);

      events::ConsumerSettings cs;
      cs.brokers = brokers;
      cs.credentials = credentials;
      cs.group_id = "payment-test-" + suffix;
      cs.require_envelope = false;
      consumer = std::make_unique<events::Consumer>(cs, *producer);
      handlers->Subscribe(*consumer);
      Check(consumer->Start(), "consumer");

      events::ConsumerSettings out;
      out.brokers = brokers;
      out.credentials = credentials;
      out.group_id = "payment-test-out-" + suffix;
      collector = std::make_unique<events::Consumer>(out, *producer);
      for (const std::string& t : {topics.confirm_response, topics.failed, topics.refunded}) {
        collector->Subscribe(t, [this, t](const events::IncomingEvent& ev) -> Status {
          std::lock_guard lock(mu);
          produced.push_back({t, ev.key, ev.payload});
          return {};
        });
      }
      Check(collector->Start(), "collector");
    }
    ~Suite() {
      if (collector) collector->Stop();
      if (consumer) consumer->Stop();
      if (relay) relay->Stop();
      handlers.reset();
      service.reset();
      counting.reset();
      client.reset();
      toss_work.reset();
      toss_io.stop();
      if (toss_thread.joinable()) toss_thread.join();
      std::vector<std::string> names;
      for (const std::string& t : {topics.confirm_request,
                                   topics.order_cancelled, topics.confirm_response, topics.failed, topics.refunded}) {
        for (const std::string& s : {std::string(), std::string(".DLQ"), ".retry.payment-test-" + suffix,
                                    ".retry.payment-test-out-" + suffix})
          names.push_back(t + s);
      }
      (void)events::DeleteTopics(brokers, credentials, names);
      if (producer) producer->Stop();
      if (pool) {
        if (auto c = pool->Acquire()) {
          for (const std::string& t : {outbox->table(), outbox->table() + "_lock", inbox->table()}) {
            (void)c->Execute("DROP TABLE IF EXISTS " + t);
          }
        }
        pool->Stop();
      }
    }
    static void Check(const Status& s, const char* what) {
      if (!s) throw std::runtime_error(std::string(what) + ": " + s.error().code + " " + s.error().message);
    }

    std::string brokers = events::BrokersFromEnv(events::kTestBrokers);
    // The test profile's admin user (./eda infra env): the suite makes its own topics.
    events::KafkaCredentials credentials = events::CredentialsFromEnv().value();
    std::string suffix;
    PaymentTopics topics;
    std::unique_ptr<events::Outbox> outbox;
    std::unique_ptr<events::Inbox> inbox;
    std::unique_ptr<sql::Pool> pool;
    std::unique_ptr<events::Producer> producer;
    std::unique_ptr<events::OutboxRelay> relay;
    toss::testing::InProcessSandbox sandbox;
    boost::asio::io_context toss_io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> toss_work{toss_io.get_executor()};
    std::thread toss_thread;
    std::unique_ptr<toss::Client> client;
    std::unique_ptr<CountingApi> counting;
    std::unique_ptr<SqlPaymentStore> store;
    std::unique_ptr<PaymentCommit> commit;
    std::unique_ptr<PaymentService> service;
    std::unique_ptr<PaymentHandlers> handlers;
    std::unique_ptr<events::Consumer> consumer;
    std::unique_ptr<events::Consumer> collector;
    std::mutex mu;
    std::vector<std::tuple<std::string, std::string, std::string>> observed;  // flow, outcome, order
    std::vector<std::tuple<std::string, std::string, std::string>> refusals;  // topic, order, reason
    std::vector<Produced> produced;
  };

  Suite& S() { return *suite_; }
  static std::string NewOrderId() { return "ORDk" + NewUuid().substr(0, 8) + NewUuid().substr(0, 8); }

  // Publishes like the order service's relay (with an envelope); returns the headers so the very same
  // event can be delivered again.
  events::Headers Publish(const std::string& topic, const std::string& key, const std::string& payload,
                          events::Headers headers = {}) {
    if (headers.empty()) headers = events::EncodeEnvelope(events::Envelope::New("test", "order"));
    events::OutgoingMessage m;
    m.topic = topic;
    m.key = key;
    m.payload = payload;
    m.headers = headers;
    auto d = S().producer->SendAndWait(std::move(m));
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    return headers;
  }
  static std::string ConfirmRequestPayload(const std::string& order, const std::string& key, std::int64_t amount) {
    edaordersystem::protobuf::paymentRequestV1 m;
    m.set_order_id(order);
    m.set_payment_key(key);
    m.set_amount(amount);
    return m.SerializeAsString();
  }
  events::Headers RequestConfirm(const std::string& order, const std::string& key, std::int64_t amount) {
    return Publish(S().topics.confirm_request, order, ConfirmRequestPayload(order, key, amount));
  }
  // The same request handed straight to the handler, as the consumer would.
  events::IncomingEvent ConfirmRequestEvent(const std::string& order, const std::string& key, std::int64_t amount) {
    events::IncomingEvent ev;
    ev.topic = S().topics.confirm_request;
    ev.key = order;
    ev.payload = ConfirmRequestPayload(order, key, amount);
    ev.envelope = events::Envelope::New("edaordersystem.protobuf.paymentRequestV1", "order");
    return ev;
  }
  // order-cancelled as the order service sends it (on CANCELLING, and again from its sweeper).
  void CancelOrder(const std::string& order, const std::string& key, std::int64_t amount) {
    eda::events::v1::OrderCancelled m;
    m.set_order_id(order);
    m.set_payment_key(key);
    m.set_amount(amount);
    m.set_reason("order sweeper: no refund seen for a cancelling order");
    Publish(S().topics.order_cancelled, order, m.SerializeAsString(),
            events::EncodeEnvelope(events::Envelope::New("eda.events.v1.OrderCancelled", "order")));
  }
  int CountRefusals(const std::string& topic, const std::string& order, const std::string& reason) {
    std::lock_guard lock(S().mu);
    int n = 0;
    for (const auto& [t, id, r] : S().refusals) n += (t == topic && id == order && r == reason) ? 1 : 0;
    return n;
  }

  int CountProduced(const std::string& topic, const std::string& order) {
    std::lock_guard lock(S().mu);
    int n = 0;
    for (const auto& p : S().produced) n += (p.topic == topic && p.order_id == order) ? 1 : 0;
    return n;
  }
  std::optional<Produced> FirstProduced(const std::string& topic, const std::string& order) {
    std::lock_guard lock(S().mu);
    for (const auto& p : S().produced) {
      if (p.topic == topic && p.order_id == order) return p;
    }
    return std::nullopt;
  }
  int CountObserved(const std::string& flow, const std::string& outcome, const std::string& order) {
    std::lock_guard lock(S().mu);
    int n = 0;
    for (const auto& [f, o, id] : S().observed) n += (f == flow && o == outcome && id == order) ? 1 : 0;
    return n;
  }
  std::optional<PaymentRecord> Row(const std::string& order) { return S().store->FindByOrderId(OrderId(order)).value(); }

  static bool Eventually(const std::function<bool()>& pred, std::chrono::seconds limit = 60s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return pred();
  }

  static Suite* suite_;
};

PaymentKafkaTest::Suite* PaymentKafkaTest::suite_ = nullptr;

TEST_F(PaymentKafkaTest, ConfirmOnceDespiteRedeliveryThenRefundOnceOnOrderCancelledTwice) {
  const std::string order = NewOrderId();
  const std::map<std::string, std::string> metadata = {
      {"address", "Seoul"}, {"productId", "7"}, {"productCount", "2"}, {"memberId", "42"}, {"deliveryCompany", "LOTTE"}};
  const std::string key = S().sandbox.OpenWindow(order, 12000, metadata).value();

  // A confirm request → DONE row and payment-confirm-response with the window's metadata.
  const events::Headers first = RequestConfirm(order, key, 12000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.confirm_response, order) == 1; }));
  auto row = Row(order);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->status, PaymentStatus::kDone);
  EXPECT_EQ(row->total_amount, 12000);
  EXPECT_EQ(row->member_id, MemberId(42));
  edaordersystem::protobuf::paymentResponseV1 response;
  ASSERT_TRUE(response.ParseFromString(FirstProduced(S().topics.confirm_response, order)->payload));
  EXPECT_EQ(response.order_id(), order);
  EXPECT_EQ(response.payment_key(), key);
  EXPECT_EQ(response.amount(), 12000);
  EXPECT_FALSE(response.approved_at().empty());
  EXPECT_EQ(response.metadata().at("memberId"), "42");
  EXPECT_EQ(response.metadata().at("deliveryCompany"), "LOTTE");
  EXPECT_EQ(S().sandbox.ApprovedCountFor(order), 1);
  EXPECT_EQ(S().counting->Confirms(key), 1);

  // The same event again: no Toss call, one row, one response.
  edaordersystem::protobuf::paymentRequestV1 again;
  again.set_order_id(order);
  again.set_payment_key(key);
  again.set_amount(12000);
  Publish(S().topics.confirm_request, order, again.SerializeAsString(), first);
  ASSERT_TRUE(Eventually([&] { return CountObserved("confirm", "redelivered", order) == 1; }));
  // A second confirm request (another event) for the paid order: refused, never payment-failed.
  RequestConfirm(order, key, 12000);
  ASSERT_TRUE(Eventually([&] { return CountObserved("confirm", "duplicate", order) == 1; }));
  EXPECT_EQ(S().counting->Confirms(key), 1);
  EXPECT_EQ(S().sandbox.ApprovedCountFor(order), 1);

  // order-cancelled (the order is CANCELLING) → refunded at Toss (CANCELED, balance 0) and one
  // payment-refunded.
  CancelOrder(order, key, 12000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.refunded, order) == 1; }));
  EXPECT_EQ(S().sandbox.StatusOf(key), "CANCELED");
  EXPECT_EQ(S().sandbox.BalanceOf(key), 0);
  EXPECT_EQ(Row(order)->status, PaymentStatus::kCanceled);
  eda::events::v1::PaymentRefunded refunded;
  ASSERT_TRUE(refunded.ParseFromString(FirstProduced(S().topics.refunded, order)->payload));
  EXPECT_EQ(refunded.refunded_amount(), 12000);
  EXPECT_FALSE(refunded.partial());
  EXPECT_EQ(CountProduced(S().topics.failed, order), 0);
  EXPECT_EQ(CountProduced(S().topics.confirm_response, order), 1);

  // Another request (the order's sweeper has not seen the refund) gets the refund announced again,
  // without a cancel; once per event.
  CancelOrder(order, key, 12000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.refunded, order) == 2; }));
  ASSERT_TRUE(Eventually([&] { return CountObserved("refund", "reannounced", order) == 1; }));
  EXPECT_EQ(S().counting->Cancels(key), 1);
  EXPECT_EQ(S().sandbox.BalanceOf(key), 0);
  eda::events::v1::PaymentRefunded announced;
  ASSERT_TRUE(announced.ParseFromString(FirstProduced(S().topics.refunded, order)->payload));
  EXPECT_EQ(announced.payment_key(), key);
}

TEST_F(PaymentKafkaTest, OrderCancelledRefundsAPaymentStillHeldOnceAndRefusesAnotherPayment) {
  const std::string order = NewOrderId();
  const std::string key = S().sandbox.OpenWindow(order, 8000, {}).value();
  RequestConfirm(order, key, 8000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.confirm_response, order) == 1; }));

  // Requests naming another payment key or another amount: refused and counted, nothing changes.
  CancelOrder(order, "pk_forged_" + NewUuid().substr(0, 8), 8000);
  CancelOrder(order, key, 1);
  CancelOrder(order, "", 0);  // order-cancelled must name the payment
  ASSERT_TRUE(Eventually([&] {
    return CountRefusals(S().topics.order_cancelled, order, "payment_key_mismatch") == 2 &&
           CountRefusals(S().topics.order_cancelled, order, "amount_mismatch") == 1;
  }));
  EXPECT_EQ(Row(order)->status, PaymentStatus::kDone);
  EXPECT_TRUE(Row(order)->cancel_idempotency_key.empty());
  EXPECT_EQ(S().counting->Cancels(key), 0);
  EXPECT_EQ(S().sandbox.StatusOf(key), "DONE");

  // The order's own request: refunded at Toss once, one payment-refunded.
  CancelOrder(order, key, 8000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.refunded, order) == 1; }));
  EXPECT_EQ(S().sandbox.StatusOf(key), "CANCELED");
  EXPECT_EQ(S().sandbox.BalanceOf(key), 0);
  EXPECT_EQ(Row(order)->status, PaymentStatus::kCanceled);
  EXPECT_NE(Row(order)->cancel_reason.find("refund requested"), std::string::npos) << Row(order)->cancel_reason;
  eda::events::v1::PaymentRefunded refunded;
  ASSERT_TRUE(refunded.ParseFromString(FirstProduced(S().topics.refunded, order)->payload));
  EXPECT_EQ(refunded.payment_key(), key);
  EXPECT_EQ(refunded.refunded_amount(), 8000);
  EXPECT_EQ(S().counting->Cancels(key), 1);

  // The same event again (redelivery): the inbox keeps it to one announcement, no second cancel.
  eda::events::v1::OrderCancelled m;
  m.set_order_id(order);
  m.set_payment_key(key);
  m.set_amount(8000);
  const events::Headers headers = events::EncodeEnvelope(events::Envelope::New("eda.events.v1.OrderCancelled", "order"));
  Publish(S().topics.order_cancelled, order, m.SerializeAsString(), headers);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.refunded, order) == 2; }));
  Publish(S().topics.order_cancelled, order, m.SerializeAsString(), headers);
  ASSERT_TRUE(Eventually([&] { return CountObserved("refund", "already_refunded", order) == 1; }));
  std::this_thread::sleep_for(500ms);  // the relay would have published a third one by now
  EXPECT_EQ(CountProduced(S().topics.refunded, order), 2);
  EXPECT_EQ(S().counting->Cancels(key), 1);

  // An order whose payment was never approved: nothing to refund, no event.
  const std::string declined = NewOrderId();
  const std::string declined_key = S().sandbox.OpenWindow(declined, 3000, {}, /*decline=*/true).value();
  RequestConfirm(declined, declined_key, 3000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.failed, declined) == 1; }));
  CancelOrder(declined, declined_key, 3000);
  ASSERT_TRUE(Eventually([&] { return CountObserved("refund", "nothing_to_refund", declined) == 1; }));
  EXPECT_EQ(S().counting->Cancels(declined_key), 0);
  EXPECT_EQ(CountProduced(S().topics.refunded, declined), 0);
}

TEST_F(PaymentKafkaTest, DeclinedCardEmitsPaymentFailedAndChargesNothing) {
  const std::string order = NewOrderId();
  const std::string key = S().sandbox.OpenWindow(order, 3000, {}, /*decline=*/true).value();
  RequestConfirm(order, key, 3000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.failed, order) == 1; }));
  eda::events::v1::PaymentFailed failed;
  ASSERT_TRUE(failed.ParseFromString(FirstProduced(S().topics.failed, order)->payload));
  EXPECT_EQ(failed.order_id(), order);
  EXPECT_EQ(failed.payment_key(), key);
  EXPECT_FALSE(failed.error_code().empty());
  EXPECT_EQ(Row(order)->status, PaymentStatus::kAborted);
  EXPECT_EQ(S().sandbox.ApprovedCountFor(order), 0);
  EXPECT_EQ(CountProduced(S().topics.confirm_response, order), 0);
  // A refund request for it refunds nothing (no payment-refunded: nothing was taken).
  CancelOrder(order, key, 3000);
  ASSERT_TRUE(Eventually([&] { return CountObserved("refund", "nothing_to_refund", order) == 1; }));
  EXPECT_EQ(S().counting->Cancels(key), 0);
}

TEST_F(PaymentKafkaTest, ReusedPaymentKeyFailsTheSecondOrderOnceAndLeavesTheFirstAlone) {
  const std::string first = NewOrderId(), second = NewOrderId();
  const std::string key = S().sandbox.OpenWindow(first, 4000, {}).value();
  RequestConfirm(first, key, 4000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.confirm_response, first) == 1; }));

  // Another order finished with the first order's paymentKey: payment-failed for it, keyed by its own id.
  const events::Headers reused = RequestConfirm(second, key, 4000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.failed, second) == 1; }));
  eda::events::v1::PaymentFailed failed;
  ASSERT_TRUE(failed.ParseFromString(FirstProduced(S().topics.failed, second)->payload));
  EXPECT_EQ(failed.order_id(), second);
  EXPECT_EQ(failed.payment_key(), key);
  EXPECT_EQ(failed.amount(), 4000);
  EXPECT_EQ(failed.error_code(), kPaymentKeyAlreadyUsed);
  ASSERT_TRUE(Eventually([&] { return CountObserved("confirm", "key_reused", second) == 1; }));

  // The same event again: no second payment-failed.
  Publish(S().topics.confirm_request, second, ConfirmRequestPayload(second, key, 4000), reused);
  ASSERT_TRUE(Eventually([&] { return CountObserved("confirm", "redelivered", second) == 1; }));
  EXPECT_EQ(CountProduced(S().topics.failed, second), 1);

  // No row and no Toss call for the second order; the first order's row and payment are untouched.
  EXPECT_FALSE(Row(second).has_value());
  EXPECT_EQ(Row(first)->status, PaymentStatus::kDone);
  EXPECT_EQ(CountProduced(S().topics.failed, first), 0);
  EXPECT_EQ(S().counting->Confirms(key), 1);
  EXPECT_EQ(S().sandbox.ApprovedCountFor(first), 1);
}

TEST_F(PaymentKafkaTest, SweeperFinishesARefundLeftPendingAndWebhookReconcilesACancelMadeAtToss) {
  // Approve two orders through the consumer.
  const std::string a = NewOrderId(), b = NewOrderId();
  const std::string key_a = S().sandbox.OpenWindow(a, 5000, {{"memberId", "7"}}).value();
  const std::string key_b = S().sandbox.OpenWindow(b, 6000, {{"memberId", "7"}}).value();
  RequestConfirm(a, key_a, 5000);
  RequestConfirm(b, key_b, 6000);
  ASSERT_TRUE(Eventually([&] {
    return CountProduced(S().topics.confirm_response, a) == 1 && CountProduced(S().topics.confirm_response, b) == 1;
  }));

  // a: the refund was decided, then the process died before calling Toss. The sweeper finishes it.
  auto start = S().store->BeginCancel(OrderId(a), "stock rejected: crash test", std::chrono::system_clock::now(), std::nullopt);
  ASSERT_TRUE(start.ok());
  ASSERT_EQ(start->action, CompensationAction::kCancelAtToss);
  const SweepReport report = S().service->Sweep({0ms, 1000});
  EXPECT_GE(report.resumed, 1);
  EXPECT_EQ(S().sandbox.StatusOf(key_a), "CANCELED");
  EXPECT_EQ(Row(a)->status, PaymentStatus::kCanceled);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.refunded, a) == 1; }));
  (void)S().service->Sweep({0ms, 1000});  // nothing left for a
  EXPECT_EQ(S().counting->Cancels(key_a), 1);

  // b: cancelled at Toss directly (e.g. from the dashboard); the webhook only names the key.
  auto cancelled = S().client->Cancel({key_b, "dashboard", std::nullopt, NewUuid()});
  ASSERT_TRUE(cancelled.ok());
  auto r = S().service->Reconcile(PaymentKey(key_b));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, "refunded");
  EXPECT_EQ(Row(b)->status, PaymentStatus::kCanceled);
  EXPECT_EQ(Row(b)->balance_amount, 0);
  auto again = S().service->Reconcile(PaymentKey(key_b));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, "in_sync");
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.refunded, b) == 1; }));
  EXPECT_EQ(S().service->Reconcile(PaymentKey("pk_unknown_" + NewUuid()))->outcome, "unknown_payment");
}

TEST_F(PaymentKafkaTest, TossOutageIsARetryableErrorAndTheRetryChargesOnce) {
  const std::string order = NewOrderId();
  const std::string key = S().sandbox.OpenWindow(order, 7000).value();
  const events::IncomingEvent ev = ConfirmRequestEvent(order, key, 7000);

  S().sandbox.SetFaults(1.0, 0);  // every Toss call answers 500 without doing anything
  const Status first = S().handlers->HandleConfirmRequest(ev);
  S().sandbox.SetFaults(0, 0);
  ASSERT_FALSE(first.ok());
  EXPECT_TRUE(first.error().retryable) << first.error().code;  // → the consumer's retry topic, then DLQ
  EXPECT_EQ(first.error().code, "payment.toss_unavailable");
  EXPECT_EQ(Row(order)->status, PaymentStatus::kReady);

  // The consumer's retry (same event, same persisted Idempotency-Key): approved, one charge.
  ASSERT_TRUE(S().handlers->HandleConfirmRequest(ev).ok());
  EXPECT_EQ(Row(order)->status, PaymentStatus::kDone);
  EXPECT_EQ(S().sandbox.ApprovedCountFor(order), 1);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.confirm_response, order) == 1; }));
}

// Tokens are "member:<id>:<ROLE>" here (the real verifier is libs/auth's; the routes only see the principal).
using auth::testing::PlainTestToken;

TEST_F(PaymentKafkaTest, RoutesOnTheRealServiceRefundNothingAndNeverTrustTheWebhookBody) {
  http::BlockingPool blocking(2);
  http::Router router;
  AddPaymentRoutes(router, *S().service, blocking);
  const http::Dispatcher dispatcher(router, http::Authenticator(PlainTestToken));
  const auto call = [&](http::Method m, const std::string& target, const std::string& body, const std::string& token) {
    http::Headers headers;
    if (!token.empty()) headers.Set("Authorization", "Bearer " + token);
    headers.Set("Content-Type", "application/json");
    http::Request req(m, target, headers, body);
    return dispatcher.DispatchBlocking(req);
  };

  const std::string order = NewOrderId();
  const std::string key = S().sandbox.OpenWindow(order, 9000, {{"memberId", "55"}}).value();
  RequestConfirm(order, key, 9000);
  ASSERT_TRUE(Eventually([&] { return CountProduced(S().topics.confirm_response, order) == 1; }));

  // A forged webhook claiming the payment was cancelled changes nothing: Toss still says DONE.
  auto forged = call(http::Method::kPost, "/payments/webhooks/toss",
                     R"({"eventType":"PAYMENT_STATUS_CHANGED","data":{"paymentKey":")" + key +
                         R"(","status":"CANCELED","balanceAmount":0}})",
                     "");
  ASSERT_EQ(forged.status(), 200) << forged.body();
  EXPECT_NE(forged.body().find("in_sync"), std::string::npos) << forged.body();
  EXPECT_EQ(Row(order)->status, PaymentStatus::kDone);

  const std::string lookup = R"({"paymentKey":")" + key + R"("})";
  EXPECT_EQ(call(http::Method::kPost, "/payments/payment", lookup, "member:56:USER").status(), 403);
  auto seen = call(http::Method::kPost, "/payments/payment", lookup, "member:55:USER");
  ASSERT_EQ(seen.status(), 200) << seen.body();
  EXPECT_NE(seen.body().find("\"paymentStatus\":\"DONE\""), std::string::npos) << seen.body();

  // The seed's cancel route refunds nothing: the order's cancel does, once its shipment is stopped.
  const std::string cancel = R"({"paymentKey":")" + key + R"(","cancelReason":"changed my mind"})";
  EXPECT_EQ(call(http::Method::kDelete, "/payments/cancel", cancel, "member:56:USER").status(), 403);
  auto refused = call(http::Method::kDelete, "/payments/cancel", cancel, "member:55:USER");
  EXPECT_EQ(refused.status(), 409) << refused.body();
  EXPECT_NE(refused.body().find("cancel_through_order"), std::string::npos) << refused.body();
  EXPECT_EQ(S().sandbox.StatusOf(key), "DONE");
  EXPECT_EQ(Row(order)->status, PaymentStatus::kDone);
  EXPECT_EQ(S().counting->Cancels(key), 0);
}

TEST_F(PaymentKafkaTest, AWrongSecretKeyIsRetriedNeverAPaymentFailed) {
  // The window was opened with the widget client key; this service confirms with the API secret key
  // (test_sk_…): Toss answers INVALID_API_KEY. That is our configuration, not the buyer's card.
  const std::string order = NewOrderId();
  toss_sandbox::WindowRequest w;
  w.order_id = order;
  w.order_name = "widget";
  w.amount = 2500;
  w.client_key = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm";
  const std::string key = S().sandbox.app().ledger().Authenticate(w).value().payment_key;
  const events::IncomingEvent ev = ConfirmRequestEvent(order, key, 2500);
  const Status s = S().handlers->HandleConfirmRequest(ev);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.error().retryable);
  EXPECT_EQ(s.error().code, "payment.toss_misconfigured");
  EXPECT_EQ(Row(order)->status, PaymentStatus::kReady);
  EXPECT_TRUE(IsKeyMisconfiguration("UNAUTHORIZED_KEY"));
  EXPECT_FALSE(IsKeyMisconfiguration("REJECT_CARD_PAYMENT"));
}

}  // namespace
}  // namespace eda::payment
