#include <gtest/gtest.h>

#include <map>
#include <set>

#include "eda/events/outbox.hpp"
#include "eda/events/outbox_relay.hpp"
#include "eda/events/producer.hpp"
#include "eda/events/topic_admin.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/retry.hpp"
#include "test_support.hpp"

namespace eda::events {
namespace {

using namespace std::chrono_literals;
using testing::Brokers;
using testing::Credentials;

// Outbox + relay against the real MariaDB and 3-broker Kafka of the test profile.
class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    suffix_ = testing::Suffix();
    topic_ = "eda-test-outbox-" + suffix_;
    ASSERT_TRUE(EnsureTopics(Brokers(), Credentials(), {{topic_, 3, 3}}).ok());
    pool_ = std::make_unique<sql::Pool>(testing::SqlSettings());
    outbox_ = std::make_unique<Outbox>("outbox_t" + suffix_);
    auto applied = sql::ApplyMigrations(testing::SqlSettings(), "events-test-" + suffix_, {outbox_->Migration(1)});
    ASSERT_TRUE(applied.ok()) << applied.error();
    auto conn = pool_->Acquire();
    ASSERT_TRUE(conn.ok()) << conn.error();
    ASSERT_TRUE(conn->Execute("CREATE TABLE state_t" + suffix_ + " (k VARCHAR(32) PRIMARY KEY, seq INT NOT NULL)").ok());
    ProducerSettings ps;
    ps.brokers = Brokers();
    ps.credentials = Credentials();
    producer_ = std::make_unique<Producer>(ps);
    ASSERT_TRUE(producer_->Start().ok());
  }
  void TearDown() override {
    producer_->Stop();
    if (auto conn = pool_->Acquire(); conn.ok()) {
      for (auto t : {"state_t" + suffix_, outbox_->table(), outbox_->table() + "_lock"})
        (void)conn->Execute("DROP TABLE IF EXISTS " + t);
      (void)conn->Execute("DROP TABLE IF EXISTS `events-test-" + suffix_ + "_schema_migrations`");
    }
    (void)DeleteTopics(Brokers(), Credentials(), {topic_});
  }

  // One business transaction: bump the aggregate's sequence (locking its row) and add its event.
  Status Change(const std::string& key) {
    return sql::RetryTransaction(*pool_, [&](sql::Transaction& tx) -> Status {
      auto up = tx.Execute("INSERT INTO state_t" + suffix_ + " (k, seq) VALUES (?, 1) ON DUPLICATE KEY UPDATE seq = seq + 1",
                           {key});
      if (!up) return std::move(up).error();
      auto seq = tx.Query("SELECT seq FROM state_t" + suffix_ + " WHERE k = ?", {key});
      if (!seq) return std::move(seq).error();
      OutgoingEvent ev;
      ev.topic = topic_;
      ev.key = key;
      ev.event_type = "test.Changed";
      ev.payload = std::to_string(seq->front().Get<int>("seq"));
      ev.source = "outbox-test";
      auto added = outbox_->Add(tx, ev);
      if (!added) return std::move(added).error();
      return {};
    });
  }

  OutboxRelaySettings RelaySettings() {
    OutboxRelaySettings s;
    s.table = outbox_->table();
    s.batch_size = 100;
    return s;
  }

  std::string suffix_, topic_;
  std::unique_ptr<sql::Pool> pool_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<Producer> producer_;
};

TEST_F(OutboxTest, ThousandChangesSurviveRelayRestartsNoneMissingInOrderPerKey) {
  constexpr int kChanges = 1000, kKeys = 20;
  std::atomic<int> committed{0};
  std::atomic<bool> first_stopped{false};
  // Writers commit while the first relay runs; it is stopped mid-way (the second half of the changes
  // is written only after that, so the first relay cannot have published them all).
  std::thread writer([&] {
    for (int i = 0; i < kChanges; ++i) {
      while (i == kChanges / 2 && !first_stopped) std::this_thread::sleep_for(5ms);
      ASSERT_TRUE(Change("key-" + std::to_string(i % kKeys)).ok());
      ++committed;
    }
  });
  {
    OutboxRelay first(RelaySettings(), *pool_, *producer_);
    first.Start();
    const bool reached = testing::WaitFor([&] { return first.Stats().published >= 200; }, 60s);
    first.Stop();
    first_stopped = true;
    ASSERT_TRUE(reached);
    EXPECT_LT(first.Stats().published, static_cast<std::uint64_t>(kChanges));
  }
  writer.join();
  // Two relays now compete for the rest: the lock lets one publish at a time.
  OutboxRelay a(RelaySettings(), *pool_, *producer_), b(RelaySettings(), *pool_, *producer_);
  a.Start();
  b.Start();
  auto backlog = [&] {
    auto conn = pool_->Acquire();
    auto r = conn->Query("SELECT COUNT(*) AS n FROM " + outbox_->table() + " WHERE published_at IS NULL");
    return r->front().Get<std::int64_t>("n");
  };
  ASSERT_TRUE(testing::WaitFor([&] { return backlog() == 0; }, 60s));
  a.Stop();
  b.Stop();
  EXPECT_GT(a.Stats().standby_rounds + b.Stats().standby_rounds, 0u);

  auto records = testing::ReadAll(topic_, kChanges, 60s);
  ASSERT_GE(records.size(), static_cast<std::size_t>(kChanges));
  std::map<std::string, std::vector<int>> first_seen;
  std::set<std::string> ids;
  std::map<std::string, std::int32_t> partition_of;
  // Records of a partition come back in offset order; per key, the first occurrences must be 1, 2, 3...
  std::sort(records.begin(), records.end(), [](const auto& x, const auto& y) {
    return std::tie(x.partition, x.offset) < std::tie(y.partition, y.offset);
  });
  for (const auto& r : records) {
    auto env = DecodeEnvelope(r.headers);
    ASSERT_TRUE(env.ok()) << env.error();
    EXPECT_EQ(env->source, "outbox-test");
    if (!ids.insert(env->event_id).second) continue;  // a duplicate (at-least-once) is allowed
    first_seen[r.key].push_back(std::stoi(r.payload));
    auto [it, inserted] = partition_of.emplace(r.key, r.partition);
    EXPECT_EQ(it->second, r.partition) << "key moved partitions";
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kChanges));
  ASSERT_EQ(first_seen.size(), static_cast<std::size_t>(kKeys));
  for (const auto& [key, seqs] : first_seen) {
    ASSERT_EQ(seqs.size(), static_cast<std::size_t>(kChanges / kKeys)) << key;
    for (std::size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], static_cast<int>(i + 1)) << key;
  }
}

TEST_F(OutboxTest, RolledBackChangeIsNeverPublished) {
  {
    auto conn = pool_->Acquire();
    ASSERT_TRUE(conn.ok());
    auto tx = conn->Begin();
    ASSERT_TRUE(tx.ok());
    OutgoingEvent ev;
    ev.topic = topic_;
    ev.key = "ghost";
    ev.event_type = "test.Ghost";
    ev.payload = "boo";
    ev.source = "outbox-test";
    ASSERT_TRUE(outbox_->Add(*tx, ev).ok());
    ASSERT_TRUE(tx->Rollback().ok());
  }
  ASSERT_TRUE(Change("real").ok());
  OutboxRelay relay(RelaySettings(), *pool_, *producer_);
  auto n = relay.RelayOnce();
  ASSERT_TRUE(n.ok()) << n.error();
  EXPECT_EQ(*n, 1u);
  EXPECT_EQ(*relay.RelayOnce(), 0u);
  auto records = testing::ReadAll(topic_, 2, 5s);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, "real");
}

TEST_F(OutboxTest, UnreachableBrokerLeavesRowsPending) {
  ASSERT_TRUE(Change("k").ok());
  ProducerSettings ps;
  ps.brokers = "127.0.0.1:1";  // nothing listens there
  ps.delivery_timeout = 1500ms;
  Producer dead(ps);
  ASSERT_TRUE(dead.Start().ok());
  OutboxRelay relay(RelaySettings(), *pool_, dead);
  auto r = relay.RelayOnce();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "kafka.timeout");
  dead.Stop(0ms);
  OutboxRelay good(RelaySettings(), *pool_, *producer_);
  EXPECT_EQ(*good.RelayOnce(), 1u);
}

}  // namespace
}  // namespace eda::events
