// The outbox relay is killed with SIGKILL mid-way (a real process crash, not a graceful stop); a new
// relay then finishes: every committed event is in the topic, none missing, per key in order.
// A separate binary because it forks before any thread exists.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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

[[noreturn]] void RunRelayChild(int go_fd, const std::string& table) {
  char c = 0;
  if (read(go_fd, &c, 1) != 1) _exit(3);
  sql::Pool pool(testing::SqlSettings());
  ProducerSettings ps;
  ps.brokers = Brokers();
  ps.credentials = Credentials();
  Producer producer(ps);
  if (!producer.Start().ok()) _exit(4);
  OutboxRelaySettings rs;
  rs.table = table;
  rs.batch_size = 40;  // many small rounds, so the kill lands inside one
  OutboxRelay relay(rs, pool, producer);
  relay.Start();
  for (;;) pause();
}

TEST(OutboxCrash, KilledRelayLosesNothingAndKeepsPerKeyOrder) {
  const std::string suffix = testing::Suffix();
  const std::string table = "outbox_c" + suffix;
  int go[2];
  ASSERT_EQ(pipe(go), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) RunRelayChild(go[0], table);
  close(go[0]);
  struct Reaper {
    pid_t pid;
    ~Reaper() {
      if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
    }
  } reaper{child};

  const std::string topic = "eda-test-crash-" + suffix;
  ASSERT_TRUE(EnsureTopics(Brokers(), Credentials(), {{topic, 3, 3}}).ok());
  Outbox outbox(table);
  auto applied = sql::ApplyMigrations(testing::SqlSettings(), "events-test-" + suffix, {outbox.Migration(1)});
  ASSERT_TRUE(applied.ok()) << applied.error();
  sql::Pool pool(testing::SqlSettings());
  constexpr int kChanges = 1000, kKeys = 10;
  std::map<std::string, int> seq;
  for (int done = 0; done < kChanges; done += 50) {
    auto s = sql::RetryTransaction(pool, [&](sql::Transaction& tx) -> Status {
      for (int i = done; i < done + 50; ++i) {
        const std::string key = "key-" + std::to_string(i % kKeys);
        OutgoingEvent ev;
        ev.topic = topic;
        ev.key = key;
        ev.event_type = "test.Changed";
        ev.payload = std::to_string(i / kKeys + 1);
        ev.source = "crash-test";
        if (auto r = outbox.Add(tx, ev); !r) return std::move(r).error();
      }
      return {};
    });
    ASSERT_TRUE(s.ok()) << s.error();
  }
  auto published = [&] {
    auto conn = pool.Acquire();
    auto r = conn->Query("SELECT COUNT(*) AS n FROM " + table + " WHERE published_at IS NOT NULL");
    return r ? r->front().Get<std::int64_t>("n") : -1;
  };
  ASSERT_EQ(write(go[1], "g", 1), 1);
  ASSERT_TRUE(testing::WaitFor([&] { return published() >= 300; }, 60s));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  reaper.pid = 0;
  const auto at_kill = published();
  EXPECT_LT(at_kill, kChanges) << "the relay finished before it was killed";

  ProducerSettings ps;
  ps.brokers = Brokers();
  ps.credentials = Credentials();
  Producer producer(ps);
  ASSERT_TRUE(producer.Start().ok());
  OutboxRelaySettings rs;
  rs.table = table;
  OutboxRelay relay(rs, pool, producer);
  relay.Start();
  EXPECT_TRUE(testing::WaitFor([&] { return published() == kChanges; }, 60s));
  relay.Stop();
  producer.Stop();

  auto records = testing::ReadAll(topic, kChanges + 200, 20s);  // reads until the timeout: duplicates welcome
  std::sort(records.begin(), records.end(), [](const auto& x, const auto& y) {
    return std::tie(x.partition, x.offset) < std::tie(y.partition, y.offset);
  });
  std::set<std::string> ids;
  std::map<std::string, std::vector<int>> first_seen;
  for (const auto& r : records) {
    auto env = DecodeEnvelope(r.headers);
    ASSERT_TRUE(env.ok());
    if (ids.insert(env->event_id).second) first_seen[r.key].push_back(std::stoi(r.payload));
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kChanges));
  std::cout << "relay killed after " << at_kill << " marked rows; topic holds " << records.size() << " records for "
            << ids.size() << " events\n";
  for (const auto& [key, seqs] : first_seen) {
    ASSERT_EQ(seqs.size(), static_cast<std::size_t>(kChanges / kKeys)) << key;
    for (std::size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], static_cast<int>(i + 1)) << key;
  }
  if (auto conn = pool.Acquire(); conn.ok()) {
    (void)conn->Execute("DROP TABLE IF EXISTS " + table);
    (void)conn->Execute("DROP TABLE IF EXISTS " + table + "_lock");
    (void)conn->Execute("DROP TABLE IF EXISTS `events-test-" + suffix + "_schema_migrations`");
  }
  (void)DeleteTopics(Brokers(), Credentials(), {topic});
}

}  // namespace
}  // namespace eda::events
