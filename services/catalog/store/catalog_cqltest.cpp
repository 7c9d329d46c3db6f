// Integration tests against the test stack (Cassandra + MariaDB): eval "$(./eda infra env --profile test)".
// Unique keyspace, outbox and inbox tables per run; dropped at the end.

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "catalog/domain/catalog_service.hpp"
#include "catalog/domain/stock_service.hpp"
#include "catalog/events/catalog_events.hpp"
#include "catalog/events/stock_handlers.hpp"
#include "catalog/store/cql_product_store.hpp"
#include "catalog/store/schema.hpp"
#include "catalog/store/sql_product_ledger.hpp"
#include "eda/core/uuid.hpp"
#include "eda/cql/testing/run.hpp"
#include "eda/events/inbox_handler.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/testing/test_db.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::catalog {
namespace {

class CatalogCqlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suffix_ = new std::string(cql::testing::UniqueSuffix());
    runner_ = new CqlRunner(2);
    runner_->Start();
    CassandraSchemaSettings schema;
    schema.keyspace = "catalog_test_" + *suffix_;
    auto admin = runner_->Block(cql::Session::Connect(runner_->executor(), cql::testing::TestSettings()));
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    auto applied = runner_->Block(ApplyCassandraSchema(**admin, schema));
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    admin_ = new std::shared_ptr<cql::Session>(*admin);
    auto settings = cql::testing::TestSettings();
    settings.keyspace = schema.keyspace;
    settings.connections_per_node = 2;
    auto session = runner_->Block(cql::Session::Connect(runner_->executor(), settings));
    ASSERT_TRUE(session.ok()) << session.error().message;
    session_ = new std::shared_ptr<cql::Session>(*session);
    auto store = runner_->Block(CqlProductStore::Create(*session, *runner_));
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = store->release();

    sql_settings_ = new sql::Settings(sql::testing::TestSettings(16));
    outbox_ = new events::Outbox("catalog_outbox_t" + *suffix_);
    inbox_ = new events::Inbox("catalog_inbox_t" + *suffix_);
    auto migrated = sql::ApplyMigrations(*sql_settings_, "catalog", CatalogMigrations());
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    ASSERT_TRUE(events::ApplyEventMigrations(*sql_settings_, "catalog_t" + *suffix_, *outbox_, *inbox_).ok());
    pool_ = new sql::Pool(*sql_settings_);
    ledger_ = new SqlProductLedger(*pool_, *outbox_);
  }

  static void TearDownTestSuite() {
    if (pool_ != nullptr) {
      if (auto c = pool_->Acquire(); c) {
        for (const auto& t : {outbox_->table(), outbox_->table() + "_lock", inbox_->table()}) {
          (void)c->Execute("DROP TABLE IF EXISTS " + t);
        }
        (void)c->Execute("DELETE FROM schema_migrations WHERE service = ?", {"catalog_t" + *suffix_ + ".events"});
      }
      pool_->Stop();
    }
    if (admin_ != nullptr) {
      (void)runner_->Block((*admin_)->Query("DROP KEYSPACE IF EXISTS catalog_test_" + *suffix_));
      runner_->Block((*admin_)->Close());
    }
    if (session_ != nullptr) runner_->Block((*session_)->Close());
    delete store_;
    runner_->Stop();
  }

  static std::int64_t CountOutbox(const std::string& topic, const std::string& key = {}) {
    auto c = pool_->Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = key.empty()
                    ? c->Query("SELECT COUNT(*) AS n FROM " + outbox_->table() + " WHERE topic = ?", {topic})
                    : c->Query("SELECT COUNT(*) AS n FROM " + outbox_->table() + " WHERE topic = ? AND aggregate_key = ?",
                               {topic, key});
    EXPECT_TRUE(rows.ok());
    return rows->front().Get<std::int64_t>("n");
  }

  static std::vector<std::string> TagsOfLast(const std::string& topic, const std::string& key) {
    auto c = pool_->Acquire();
    auto rows = c->Query("SELECT payload FROM " + outbox_->table() + " WHERE topic = ? AND aggregate_key = ? ORDER BY id DESC LIMIT 1",
                         {topic, key});
    EXPECT_TRUE(rows.ok() && !rows->empty());
    edaordersystem::protobuf::ProductTags m;
    EXPECT_TRUE(m.ParseFromString(rows->front().Get<std::string>("payload")));
    return {m.tags().begin(), m.tags().end()};
  }

  static inline std::string* suffix_ = nullptr;
  static inline CqlRunner* runner_ = nullptr;
  static inline std::shared_ptr<cql::Session>* admin_ = nullptr;
  static inline std::shared_ptr<cql::Session>* session_ = nullptr;
  static inline CqlProductStore* store_ = nullptr;
  static inline sql::Settings* sql_settings_ = nullptr;
  static inline events::Outbox* outbox_ = nullptr;
  static inline events::Inbox* inbox_ = nullptr;
  static inline sql::Pool* pool_ = nullptr;
  static inline SqlProductLedger* ledger_ = nullptr;
};

Caller Seller(std::int64_t id) { return Caller{true, id, true, false}; }

TEST_F(CatalogCqlTest, RegisterGetListUpdateDeleteWithTagEvents) {
  const CatalogService service({*store_, *ledger_}, {});
  const std::int64_t seller = 1'000'000 + static_cast<std::int64_t>(std::hash<std::string>{}(*suffix_) % 1'000'000);
  auto p = service.Register(Seller(seller), ProductDraft{SellerId{seller}, "Pen", "blue", 1500, 10, {"Office", "pen"}});
  ASSERT_TRUE(p.ok()) << p.error().cause;
  const std::string key = std::to_string(p->id.value());
  auto got = service.Get(p->id);
  ASSERT_TRUE(got.ok()) << got.error().cause;
  EXPECT_EQ(got->name, "Pen");
  EXPECT_EQ(got->stock, 10);
  EXPECT_EQ(got->tags, (std::vector<std::string>{"office", "pen"}));
  EXPECT_EQ(CountOutbox("product_tags_added", key), 1);
  EXPECT_EQ(CountOutbox("product-changed", key), 1);

  auto second = service.Register(Seller(seller), ProductDraft{SellerId{seller}, "Ink", "", 300, 1, {}});
  ASSERT_TRUE(second.ok());
  auto page = service.ListBySeller(SellerId{seller}, "", 1);
  ASSERT_TRUE(page.ok()) << page.error().cause;
  ASSERT_EQ(page->items.size(), 1U);
  ASSERT_FALSE(page->next_cursor.empty());
  auto next = service.ListBySeller(SellerId{seller}, page->next_cursor, 1);
  ASSERT_TRUE(next.ok()) << next.error().cause;
  ASSERT_EQ(next->items.size(), 1U);
  EXPECT_NE(next->items[0].id, page->items[0].id);

  ProductPatch patch;
  patch.tags = std::vector<std::string>{"pen", "desk"};
  EXPECT_EQ(service.Update(Seller(seller + 1), p->id, patch).error().code, CatalogErrc::kForbidden);
  auto updated = service.Update(Seller(seller), p->id, patch);
  ASSERT_TRUE(updated.ok()) << updated.error().cause;
  EXPECT_EQ(service.Get(p->id)->tags, (std::vector<std::string>{"desk", "pen"}));
  EXPECT_EQ(CountOutbox("product_tags_added", key), 2);
  EXPECT_EQ(TagsOfLast("product_tags_added", key), (std::vector<std::string>{"desk"}));
  EXPECT_EQ(TagsOfLast("product_tags_removed", key), (std::vector<std::string>{"office"}));

  EXPECT_EQ(service.Delete(Seller(seller + 1), p->id).error().code, CatalogErrc::kForbidden);
  ASSERT_TRUE(service.Delete(Seller(seller), p->id).ok());
  EXPECT_EQ(service.Get(p->id).error().code, CatalogErrc::kProductNotFound);
  EXPECT_EQ(TagsOfLast("product_tags_removed", key), (std::vector<std::string>{"desk", "pen"}));
  ASSERT_TRUE(service.Delete(Seller(seller), p->id).ok());
  EXPECT_EQ(CountOutbox("product_tags_removed", key), 2) << "update diff + delete, not doubled by the retry";
  auto after = service.ListBySeller(SellerId{seller}, "", 10);
  ASSERT_EQ(after->items.size(), 1U);
  EXPECT_EQ(after->items[0].id, second->id);
}

std::string StockRequestPayload(const std::string& order, std::int64_t product, std::int64_t count) {
  edaordersystem::protobuf::stockCountRequestV1 r;
  r.set_order_id(order);
  r.set_product_id(product);
  r.set_decrement_stock_count(count);
  r.set_order_name("pen");
  r.set_member_id(3);
  r.set_payment_key("pk-" + order);
  r.set_amount(1500 * count);
  return r.SerializeAsString();
}

TEST_F(CatalogCqlTest, TwoHundredConcurrentOrdersOnStockFiftyWithRedeliveries) {
  CatalogService::Settings settings;
  settings.max_cas_attempts = 64;
  settings.backoff = [](int attempt) {
    std::this_thread::sleep_for(std::chrono::microseconds(200 * (1 + attempt % 8) + (std::rand() % 500)));
  };
  const CatalogService service({*store_, *ledger_}, settings);
  const StockService stock(*store_, settings);
  auto p = service.Register(Seller(77), ProductDraft{SellerId{77}, "Hot", "", 1000, 50, {}});
  ASSERT_TRUE(p.ok()) << p.error().cause;
  const std::string consumer = "catalog_t" + *suffix_;
  const events::Handler handler =
      events::InboxHandler(*pool_, *inbox_, consumer, MakeStockRequestHandler(stock, *outbox_));

  // 200 orders, each once with its own event id; 100 of them delivered again with the SAME event id
  // (Kafka redelivery: the inbox drops it) and 100 with a NEW event id (a re-published request: the
  // reservation row must stop it).
  struct Job {
    events::IncomingEvent ev;
  };
  std::deque<Job> jobs;
  const std::string run = *suffix_;
  for (int i = 0; i < 200; ++i) {
    events::IncomingEvent ev;
    ev.topic = std::string(kStockRequestTopic);
    ev.key = "ORD" + run + std::to_string(i);
    ev.payload = StockRequestPayload(ev.key, p->id.value(), 1);
    ev.envelope.event_id = NewUuid();
    jobs.push_back({ev});
    events::IncomingEvent again = ev;
    if (i % 2 == 1) again.envelope.event_id = NewUuid();
    jobs.push_back({again});
  }
  std::mutex mu;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 24; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        Job job;
        {
          std::lock_guard lock(mu);
          if (jobs.empty()) return;
          job = std::move(jobs.front());
          jobs.pop_front();
        }
        // As the consumer does: retry retryable failures.
        Status s;
        for (int attempt = 0; attempt < 50; ++attempt) {
          s = handler(job.ev);
          if (s.ok() || !s.error().retryable) break;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (!s.ok()) {
          ++failures;
          ADD_FAILURE() << s.error().code << ": " << s.error().message;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);

  auto snapshot = store_->ReadStock(p->id);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot->stock, 0);
  EXPECT_TRUE(snapshot->ops.empty()) << "every marker cleared";
  int delivery = 0;
  int rejected = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string order = "ORD" + run + std::to_string(i);
    const auto d = CountOutbox("delivery-request", order);
    const auto r = CountOutbox("stock-rejected", order);
    EXPECT_EQ(d + r, 1) << order << ": exactly one outcome event";
    delivery += static_cast<int>(d);
    rejected += static_cast<int>(r);
  }
  EXPECT_EQ(delivery, 50);
  EXPECT_EQ(rejected, 150);

  // delivery-failed for a reserved order puts one back, once (twice delivered, new event ids).
  std::string reserved_order;
  for (int i = 0; i < 200 && reserved_order.empty(); ++i) {
    const std::string order = "ORD" + run + std::to_string(i);
    if (CountOutbox("delivery-request", order) == 1) reserved_order = order;
  }
  ASSERT_FALSE(reserved_order.empty());
  const events::Handler failed_handler =
      events::InboxHandler(*pool_, *inbox_, consumer, MakeDeliveryFailedHandler(stock, *outbox_));
  eda::events::v1::DeliveryFailed f;
  f.set_order_id(reserved_order);
  f.set_product_id(0);  // as the delivery service sends it: the seed's delivery request names no product
  f.set_product_count(1);
  f.set_reason("carrier refused");
  for (int i = 0; i < 2; ++i) {
    events::IncomingEvent ev;
    ev.topic = std::string(kDeliveryFailedTopic);
    ev.key = reserved_order;
    ev.payload = f.SerializeAsString();
    ev.envelope.event_id = NewUuid();
    auto s = failed_handler(ev);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  EXPECT_EQ(store_->ReadStock(p->id)->stock, 1);
  // The request redelivered after the release takes nothing.
  events::IncomingEvent late;
  late.topic = std::string(kStockRequestTopic);
  late.key = reserved_order;
  late.payload = StockRequestPayload(reserved_order, p->id.value(), 1);
  late.envelope.event_id = NewUuid();
  ASSERT_TRUE(handler(late).ok());
  EXPECT_EQ(store_->ReadStock(p->id)->stock, 1);

  // Garbage is a permanent error (the consumer dead-letters it), and the next valid event still works.
  events::IncomingEvent garbage;
  garbage.topic = std::string(kStockRequestTopic);
  garbage.payload = std::string("\xff\xfe garbage \x01\x02", 14);
  garbage.envelope.event_id = NewUuid();
  auto g = handler(garbage);
  ASSERT_FALSE(g.ok());
  EXPECT_FALSE(g.error().retryable);
  events::IncomingEvent empty = garbage;
  empty.payload.clear();
  empty.envelope.event_id = NewUuid();
  ASSERT_FALSE(handler(empty).ok());
  events::IncomingEvent valid = late;
  valid.key = "ORD" + run + "after";
  valid.payload = StockRequestPayload(valid.key, p->id.value(), 1);
  valid.envelope.event_id = NewUuid();
  ASSERT_TRUE(handler(valid).ok());
  EXPECT_EQ(CountOutbox("delivery-request", valid.key), 1);
  EXPECT_EQ(store_->ReadStock(p->id)->stock, 0);
}

}  // namespace
}  // namespace eda::catalog
