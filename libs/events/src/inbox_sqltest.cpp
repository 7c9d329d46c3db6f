#include <gtest/gtest.h>

#include <atomic>
#include <span>
#include <thread>

#include "eda/events/inbox_handler.hpp"
#include "eda/sql/pool.hpp"
#include "test_support.hpp"

namespace eda::events {
namespace {

class InboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    suffix_ = testing::Suffix();
    pool_ = std::make_unique<sql::Pool>(testing::SqlSettings());
    inbox_ = std::make_unique<Inbox>("inbox_t" + suffix_);
    auto applied = sql::ApplyMigrations(testing::SqlSettings(), "events-test-" + suffix_, {inbox_->Migration(1)});
    ASSERT_TRUE(applied.ok()) << applied.error();
    auto conn = pool_->Acquire();
    ASSERT_TRUE(conn.ok()) << conn.error();
    ASSERT_TRUE(conn->Execute("CREATE TABLE effect_t" + suffix_ + " (id INT PRIMARY KEY, n INT NOT NULL)").ok());
    ASSERT_TRUE(conn->Execute("INSERT INTO effect_t" + suffix_ + " VALUES (1, 0)").ok());
  }
  void TearDown() override {
    if (auto conn = pool_->Acquire(); conn.ok()) {
      (void)conn->Execute("DROP TABLE IF EXISTS effect_t" + suffix_);
      (void)conn->Execute("DROP TABLE IF EXISTS " + inbox_->table());
      (void)conn->Execute("DROP TABLE IF EXISTS `events-test-" + suffix_ + "_schema_migrations`");
    }
  }
  Handler MakeHandler(std::atomic<int>& calls) {
    sql::RetryPolicy retry;
    retry.max_attempts = 50;  // 100 contenders on one key may deadlock a few times
    return InboxHandler(
        *pool_, *inbox_, "test-consumer",
        [this, &calls](sql::Transaction& tx, const IncomingEvent&) -> Status {
          ++calls;
          auto r = tx.Execute("UPDATE effect_t" + suffix_ + " SET n = n + 1 WHERE id = 1");
          if (!r) return std::move(r).error();
          return {};
        },
        retry);
  }
  int Effect() {
    auto conn = pool_->Acquire();
    return conn->Query("SELECT n FROM effect_t" + suffix_ + " WHERE id = 1")->front().Get<int>("n");
  }
  IncomingEvent Event() {
    IncomingEvent ev;
    ev.topic = "t";
    ev.envelope = Envelope::New("test.E", "inbox-test");
    return ev;
  }
  std::string suffix_;
  std::unique_ptr<sql::Pool> pool_;
  std::unique_ptr<Inbox> inbox_;
};

TEST_F(InboxTest, SameEventTwiceHasOneEffect) {
  std::atomic<int> calls{0};
  Handler h = MakeHandler(calls);
  IncomingEvent ev = Event();
  ASSERT_TRUE(h(ev).ok());
  ASSERT_TRUE(h(ev).ok());
  EXPECT_EQ(Effect(), 1);
  EXPECT_EQ(calls.load(), 1);
  IncomingEvent other = Event();
  ASSERT_TRUE(h(other).ok());
  EXPECT_EQ(Effect(), 2);
}

TEST_F(InboxTest, HundredConcurrentDuplicatesHaveOneEffect) {
  std::atomic<int> calls{0};
  Handler h = MakeHandler(calls);
  IncomingEvent ev = Event();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 100; ++i)
    threads.emplace_back([&] {
      if (!h(ev).ok()) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Effect(), 1);
}

TEST_F(InboxTest, FailedHandlerLeavesNoInboxRecord) {
  std::atomic<int> calls{0};
  bool fail = true;
  Handler h = InboxHandler(*pool_, *inbox_, "test-consumer", [&](sql::Transaction& tx, const IncomingEvent&) -> Status {
    ++calls;
    auto r = tx.Execute("UPDATE effect_t" + suffix_ + " SET n = n + 1 WHERE id = 1");
    if (!r) return std::move(r).error();
    if (fail) return Error::Permanent("test.rejected", "no");
    return {};
  });
  IncomingEvent ev = Event();
  auto first = h(ev);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, "test.rejected");
  EXPECT_EQ(Effect(), 0);  // rolled back together with the inbox row
  fail = false;
  ASSERT_TRUE(h(ev).ok());  // the retry is not mistaken for a duplicate
  EXPECT_EQ(Effect(), 1);
  EXPECT_EQ(calls.load(), 2);
}

// A batch: one transaction; the event that fails is rolled back to its savepoint alone (its effect
// and inbox row gone), the others commit; processed ones and repeats inside the batch are skipped.
TEST_F(InboxTest, BatchIsolatesTheFailingEventAndSkipsProcessedOnes) {
  std::atomic<int> calls{0};
  IncomingEvent done_before = Event();
  ASSERT_TRUE(MakeHandler(calls)(done_before).ok());
  calls = 0;
  std::vector<IncomingEvent> batch;
  for (int i = 0; i < 13; ++i) batch.push_back(Event());  // 13: statements of 8 + 4 + 1 rows
  batch[5].payload = "fail";
  batch.push_back(done_before);
  batch.push_back(batch[2]);  // the same event twice in one batch
  BatchHandler h = InboxBatchHandler(*pool_, *inbox_, "test-consumer",
                                     [&](sql::Transaction& tx, const IncomingEvent& ev) -> Status {
                                       ++calls;
                                       auto r = tx.Execute("UPDATE effect_t" + suffix_ + " SET n = n + 1 WHERE id = 1");
                                       if (!r) return std::move(r).error();
                                       if (ev.payload == "fail") return Error::Transient("test.rejected", "not now");
                                       return {};
                                     });
  std::vector<Status> results = h(batch);
  ASSERT_EQ(results.size(), batch.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i == 5) {
      ASSERT_FALSE(results[i].ok());
      EXPECT_EQ(results[i].error().code, "test.rejected");
    } else {
      EXPECT_TRUE(results[i].ok()) << i << ": " << results[i].error();
    }
  }
  EXPECT_EQ(calls.load(), 13) << "12 new events + the failing one; the processed one and the repeat skipped";
  EXPECT_EQ(Effect(), 1 + 12) << "the failing event's update was rolled back with its savepoint";
  // Again: everything but the failing event is recorded; it now succeeds, once.
  batch[5].payload.clear();
  calls = 0;
  results = h(batch);
  for (const auto& r : results) EXPECT_TRUE(r.ok());
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(Effect(), 1 + 13);
}

// A batch of one event takes the short path (inbox row first, no savepoint): the same outcomes.
TEST_F(InboxTest, LoneEventBatchHasOneEffectRollsBackOnFailureAndSurvivesConcurrentDuplicates) {
  std::atomic<int> calls{0};
  std::atomic<bool> fail{true};
  BatchHandler h = InboxBatchHandler(*pool_, *inbox_, "test-consumer",
                                     [&](sql::Transaction& tx, const IncomingEvent&) -> Status {
                                       ++calls;
                                       auto r = tx.Execute("UPDATE effect_t" + suffix_ + " SET n = n + 1 WHERE id = 1");
                                       if (!r) return std::move(r).error();
                                       if (fail) return Error::Transient("test.rejected", "not now");
                                       return {};
                                     });
  const IncomingEvent ev = Event();
  std::vector<Status> results = h(std::span<const IncomingEvent>(&ev, 1));
  ASSERT_EQ(results.size(), 1u);
  ASSERT_FALSE(results[0].ok());
  EXPECT_EQ(results[0].error().code, "test.rejected") << "the event's own error, not the transaction's";
  EXPECT_TRUE(results[0].error().retryable);
  EXPECT_EQ(calls.load(), 1) << "a failing event is not run again inside the handler";
  EXPECT_EQ(Effect(), 0) << "rolled back with its inbox row";

  fail = false;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&] {
      for (const Status& s : h(std::span<const IncomingEvent>(&ev, 1)))
        if (!s.ok()) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Effect(), 1) << "twenty concurrent deliveries after the failure: one effect";
  // The batch path sees the lone path's inbox row.
  std::vector<IncomingEvent> batch{ev, Event()};
  results = h(batch);
  for (const auto& r : results) EXPECT_TRUE(r.ok());
  EXPECT_EQ(Effect(), 2);
}

// The relay's wake-up follows every commit that added outbox rows, through any copy of the outbox,
// and no rollback.
TEST_F(InboxTest, OutboxWakesOnlyAfterCommitsThatAddedRows) {
  Outbox outbox("outbox_t" + suffix_);
  auto applied = sql::ApplyMigrations(testing::SqlSettings(), "events-test-outbox-" + suffix_, {outbox.Migration(1)});
  ASSERT_TRUE(applied.ok()) << applied.error();
  std::atomic<int> wakes{0};
  outbox.WakeOnCommit([&] { ++wakes; });
  const Outbox copy = outbox;  // a repository's copy, made before or after the wiring
  OutgoingEvent ev;
  ev.topic = "t";
  ev.key = "k";
  ev.event_type = "test.E";
  ev.source = "inbox-test";
  auto run = [&](bool add, bool commit) {
    auto conn = pool_->Acquire();
    ASSERT_TRUE(conn.ok());
    auto tx = conn->Begin();
    ASSERT_TRUE(tx.ok());
    if (add) {
      ASSERT_TRUE(copy.AddAll(*tx, {ev, ev}, false).ok());
      EXPECT_TRUE(outbox.HasOpenWrites()) << "written, not committed: the relay must not take these rows for another instance's";
    }
    if (commit) ASSERT_TRUE(tx->Commit().ok());
    else ASSERT_TRUE(tx->Rollback().ok());
    EXPECT_FALSE(outbox.HasOpenWrites());
  };
  run(true, true);
  EXPECT_EQ(wakes.load(), 1);
  run(true, false);
  run(false, true);
  EXPECT_EQ(wakes.load(), 1) << "a rollback, or a commit without outbox rows, wakes nobody";
  outbox.WakeOnCommit({});
  run(true, true);
  EXPECT_EQ(wakes.load(), 1) << "cleared: no more calls";
  if (auto conn = pool_->Acquire(); conn.ok()) {
    (void)conn->Execute("DROP TABLE IF EXISTS " + outbox.table());
    (void)conn->Execute("DROP TABLE IF EXISTS " + outbox.table() + "_lock");
    (void)conn->Execute("DROP TABLE IF EXISTS `events-test-outbox-" + suffix_ + "_schema_migrations`");
  }
}

TEST_F(InboxTest, ForgetDeletesOnlyRowsOlderThanTheAgeOldestFirstUpToTheLimit) {
  auto conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok()) << conn.error();
  {
    auto tx = conn->Begin();
    ASSERT_TRUE(tx.ok()) << tx.error();
    ASSERT_TRUE(inbox_->RecordAll(*tx, "c", {"old-1", "old-2", "old-3", "fresh"}).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  const auto age = [&](const char* id, int hours) {
    ASSERT_TRUE(conn->Execute("UPDATE " + inbox_->table() +
                                  " SET processed_at = UTC_TIMESTAMP(6) - INTERVAL ? HOUR WHERE event_id = ?",
                              {hours, std::string(id)})
                    .ok());
  };
  age("old-1", 300);
  age("old-2", 200);
  age("old-3", 100);
  const auto left = [&] {
    std::vector<std::string> ids;
    auto rows = conn->Query("SELECT event_id FROM " + inbox_->table() + " ORDER BY event_id");
    EXPECT_TRUE(rows.ok()) << rows.error();
    if (rows) {
      for (const auto& r : *rows) ids.push_back(r.Get<std::string>("event_id"));
    }
    return ids;
  };

  auto n = inbox_->Forget(*conn, std::chrono::hours(50), 2);
  ASSERT_TRUE(n.ok()) << n.error();
  EXPECT_EQ(*n, 2u);
  EXPECT_EQ(left(), (std::vector<std::string>{"fresh", "old-3"})) << "the two oldest went first";

  n = inbox_->Forget(*conn, std::chrono::hours(50), 100);
  ASSERT_TRUE(n.ok()) << n.error();
  EXPECT_EQ(*n, 1u);
  EXPECT_EQ(left(), (std::vector<std::string>{"fresh"}));

  // A forgotten event is new again: only safe past the broker's retention, which is why Forget takes the age.
  n = inbox_->Forget(*conn, std::chrono::hours(50), 100);
  ASSERT_TRUE(n.ok()) << n.error();
  EXPECT_EQ(*n, 0u);
}

}  // namespace
}  // namespace eda::events
