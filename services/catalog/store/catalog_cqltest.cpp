// Integration tests against the test stack (Cassandra + MariaDB): eval "$(./eda infra env --profile test)".
// Unique keyspace, outbox and inbox tables per run; dropped at the end.

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "catalog/domain/catalog_service.hpp"
#include "catalog/events/catalog_events.hpp"
#include "catalog/events/stock_steps.hpp"
#include "catalog/store/cql_product_store.hpp"
#include "catalog/store/schema.hpp"
#include "catalog/store/sql_product_ledger.hpp"
#include "catalog/store/sql_stock_unit_of_work.hpp"
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
    stock_ = new SqlStockTransactions(*pool_, *outbox_);
  }

  static void TearDownTestSuite() {
    if (pool_ != nullptr) {
      if (auto c = pool_->Acquire(); c) {
        for (const auto& t : {outbox_->table(), outbox_->table() + "_lock", inbox_->table()}) {
          (void)c->Execute("DROP TABLE IF EXISTS " + t);
        }
        (void)c->Execute("DROP TABLE IF EXISTS catalog_t" + *suffix_ + "_schema_migrations");
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
  static inline SqlStockTransactions* stock_ = nullptr;
};

Caller Seller(std::int64_t id) { return Caller{true, id, true, false}; }

TEST_F(CatalogCqlTest, RegisterGetListUpdateDeleteWithTagEvents) {
  const CatalogService service({*store_, *ledger_, *stock_}, {});
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

std::int64_t LedgerStock(sql::Pool& pool, ProductId id) {
  auto c = pool.Acquire();
  auto rows = c->Query("SELECT stock_count FROM seller_product WHERE id = ?", {id.value()});
  EXPECT_TRUE(rows.ok() && !rows->empty());
  return rows->front().Get<std::int64_t>("stock_count");
}

// The 200-buyers-for-50-units race through the stock ledger, the way the consumer runs it: batches
// of mixed orders in one transaction each, eight batches at a time, every order delivered twice.
TEST_F(CatalogCqlTest, TwoHundredConcurrentOrdersOnStockFiftyWithRedeliveries) {
  const CatalogService service({*store_, *ledger_, *stock_}, {});
  auto p = service.Register(Seller(77), ProductDraft{SellerId{77}, "Hot", "", 1000, 50, {}});
  ASSERT_TRUE(p.ok()) << p.error().cause;
  const std::string consumer = "catalog_t" + *suffix_;
  const auto now_us = [] {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const StockUnitOfWorkFactory make_uow = [](sql::Transaction& tx, const std::string& trace) {
    return std::unique_ptr<StockUnitOfWork>(std::make_unique<SqlStockUnitOfWork>(tx, *outbox_, trace));
  };
  events::BatchOptions options;
  options.transaction = StockTransactionOptions();
  options.retry.max_attempts = 20;
  const events::BatchHandler handler =
      events::InboxBatchHandler(*pool_, *inbox_, consumer, StockRequestSteps(*outbox_, make_uow, now_us), options);

  // 200 orders, each once with its own event id; 100 of them delivered again with the SAME event id
  // (Kafka redelivery: the inbox drops it) and 100 with a NEW event id (a re-published request: the
  // reservation row must stop it).
  std::deque<events::IncomingEvent> jobs;
  const std::string run = *suffix_;
  for (int i = 0; i < 200; ++i) {
    events::IncomingEvent ev;
    ev.topic = std::string(saga::kStockRequest);
    ev.key = "ORD" + run + std::to_string(i);
    ev.payload = StockRequestPayload(ev.key, p->id.value(), 1);
    ev.envelope.event_id = NewUuid();
    jobs.push_back(ev);
    events::IncomingEvent again = ev;
    if (i % 2 == 1) again.envelope.event_id = NewUuid();
    jobs.push_back(again);
  }
  std::mutex mu;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (;;) {
        std::vector<events::IncomingEvent> batch;
        {
          std::lock_guard lock(mu);
          // Batches of 1..16 events: the two deliveries of one order may meet in one batch, or race.
          for (int n = 1 + (t * 5 + static_cast<int>(jobs.size())) % 16; n > 0 && !jobs.empty(); --n) {
            batch.push_back(std::move(jobs.front()));
            jobs.pop_front();
          }
        }
        if (batch.empty()) return;
        for (int attempt = 0; attempt < 50 && !batch.empty(); ++attempt) {
          // As the consumer does: events that failed retryably are retried (alone here, as a batch).
          std::vector<Status> results = handler(batch);
          std::vector<events::IncomingEvent> again;
          for (std::size_t i = 0; i < batch.size(); ++i) {
            if (results[i].ok()) continue;
            if (!results[i].error().retryable) {
              ++failures;
              ADD_FAILURE() << results[i].error().code << ": " << results[i].error().message;
              continue;
            }
            again.push_back(batch[i]);
          }
          batch = std::move(again);
          if (!batch.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (!batch.empty()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(LedgerStock(*pool_, p->id), 0);
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

  // order-cancelled for a reserved order puts one back, once (twice delivered, new event ids).
  std::string reserved_order;
  for (int i = 0; i < 200 && reserved_order.empty(); ++i) {
    const std::string order = "ORD" + run + std::to_string(i);
    if (CountOutbox("delivery-request", order) == 1) reserved_order = order;
  }
  ASSERT_FALSE(reserved_order.empty());
  const events::BatchHandler failed_handler =
      events::InboxBatchHandler(*pool_, *inbox_, consumer, OrderCancelledSteps(make_uow, now_us), options);
  eda::events::v1::OrderCancelled f;
  f.set_order_id(reserved_order);
  f.set_product_id(0);  // not named: the reservation row names the product
  f.set_product_count(1);
  f.set_reason("delivery failed: carrier refused");
  std::vector<events::IncomingEvent> failures_twice;
  for (int i = 0; i < 2; ++i) {
    events::IncomingEvent ev;
    ev.topic = std::string(saga::kOrderCancelled);
    ev.key = reserved_order;
    ev.payload = f.SerializeAsString();
    ev.envelope.event_id = NewUuid();
    failures_twice.push_back(ev);
  }
  for (const auto& r : failed_handler(failures_twice)) ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(LedgerStock(*pool_, p->id), 1);
  // The request redelivered after the release takes nothing.
  events::IncomingEvent late;
  late.topic = std::string(saga::kStockRequest);
  late.key = reserved_order;
  late.payload = StockRequestPayload(reserved_order, p->id.value(), 1);
  late.envelope.event_id = NewUuid();
  ASSERT_TRUE(handler({&late, 1}).front().ok());
  EXPECT_EQ(LedgerStock(*pool_, p->id), 1);

  // Garbage is a permanent error (the consumer dead-letters it) and leaves the valid events of its
  // batch alone.
  events::IncomingEvent garbage;
  garbage.topic = std::string(saga::kStockRequest);
  garbage.payload = std::string("\xff\xfe garbage \x01\x02", 14);
  garbage.envelope.event_id = NewUuid();
  events::IncomingEvent empty = garbage;
  empty.payload.clear();
  empty.envelope.event_id = NewUuid();
  events::IncomingEvent valid = late;
  valid.key = "ORD" + run + "after";
  valid.payload = StockRequestPayload(valid.key, p->id.value(), 1);
  valid.envelope.event_id = NewUuid();
  const std::vector<Status> mixed = handler(std::vector<events::IncomingEvent>{garbage, valid, empty});
  ASSERT_FALSE(mixed[0].ok());
  EXPECT_FALSE(mixed[0].error().retryable);
  EXPECT_TRUE(mixed[1].ok()) << mixed[1].error().message;
  ASSERT_FALSE(mixed[2].ok());
  EXPECT_EQ(CountOutbox("delivery-request", valid.key), 1);
  EXPECT_EQ(LedgerStock(*pool_, p->id), 0);

  // Each batch announced the product's stock once; the projection keeps the newest whatever the order.
  auto c = pool_->Acquire();
  auto changes = c->Query("SELECT payload FROM " + outbox_->table() +
                              " WHERE topic = 'product-changed' AND aggregate_key = ? ORDER BY id",
                          {std::to_string(p->id.value())});
  ASSERT_TRUE(changes.ok());
  ASSERT_GE(changes->size(), 3U);
  std::vector<eda::events::v1::ProductChanged> seen;
  for (const auto& row : *changes) {
    eda::events::v1::ProductChanged m;
    ASSERT_TRUE(m.ParseFromString(row.Get<std::string>("payload")));
    if (m.stock_version() > 0) seen.push_back(m);
  }
  ASSERT_GE(seen.size(), 2U);
  EXPECT_EQ(seen.back().stock_count(), 0);
  for (auto it = seen.rbegin(); it != seen.rend(); ++it)  // newest first
    ASSERT_TRUE(store_->ProjectStock(p->id, it->stock_count(), it->stock_version()).ok());
  EXPECT_EQ((*store_->Find(p->id))->stock, 0);
}

}  // namespace
}  // namespace eda::catalog
