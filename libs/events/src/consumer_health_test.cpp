#include "consumer_health.hpp"

#include <gtest/gtest.h>

namespace eda::events::detail {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kStats = R"({
  "name": "eda#consumer-1", "type": "consumer",
  "cgrp": {"state": "up", "join_state": "steady", "rebalance_cnt": 1},
  "topics": {
    "orders": {"topic": "orders", "partitions": {
      "0": {"partition": 0, "fetch_state": "active"},
      "1": {"partition": 1, "fetch_state": "none"},
      "-1": {"partition": -1, "fetch_state": "none"}}},
    "orders.retry": {"topic": "orders.retry", "partitions": {
      "0": {"partition": 0, "fetch_state": "active"}}},
    "other": {"topic": "other", "partitions": {"0": {"partition": 0, "fetch_state": "none"}}}
  }})";

TEST(ParseClientStats, ReadsGroupStateAndTheSubscribedTopicsPartitions) {
  auto s = ParseClientStats(kStats, {"orders", "orders.retry"});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->group_steady);
  EXPECT_EQ(s->fetch_state, (std::map<std::string, std::string>{
                                {"orders/0", "active"}, {"orders/1", "none"}, {"orders.retry/0", "active"}}));
}

TEST(ParseClientStats, AJoiningGroupIsNotSteadyAndGarbageIsAnError) {
  auto s = ParseClientStats(R"({"cgrp": {"state": "up", "join_state": "wait-join"}})", {"orders"});
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->group_steady);
  EXPECT_TRUE(s->fetch_state.empty());
  EXPECT_FALSE(ParseClientStats("not json", {"orders"}).ok());
}

ClientSnapshot Steady(std::map<std::string, std::string> states) { return {true, std::move(states)}; }
const std::map<std::string, std::int64_t> kNoneWaiting;

TEST(StallDetector, AnOwnedPartitionThatNeverFetchesIsReportedAfterTheGracePeriod) {
  StallDetector d(30s);
  const auto t0 = Clock::now();
  const auto client = Steady({{"orders/0", "active"}, {"orders/1", "offset-query"}});
  EXPECT_FALSE(d.Observe(t0, client, {"orders/0", "orders/1"}, {}, kNoneWaiting));
  EXPECT_FALSE(d.Observe(t0 + 29s, client, {"orders/0", "orders/1"}, {}, kNoneWaiting));
  auto why = d.Observe(t0 + 30s, client, {"orders/0", "orders/1"}, {}, kNoneWaiting);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("orders/1 owned here but not fetching (offset-query)"), std::string::npos) << *why;
  EXPECT_EQ(why->find("orders/0"), std::string::npos) << *why;
}

TEST(StallDetector, APartitionPausedOnPurposeIsFine) {
  StallDetector d(10s);
  const auto t0 = Clock::now();
  const auto client = Steady({{"orders/0", "none"}});
  EXPECT_FALSE(d.Observe(t0, client, {"orders/0"}, {"orders/0"}, kNoneWaiting));
  EXPECT_FALSE(d.Observe(t0 + 60s, client, {"orders/0"}, {"orders/0"}, kNoneWaiting));
}

TEST(StallDetector, RecordsWaitingWhereNoMemberConsumesAreReported) {
  StallDetector d(10s);
  const auto t0 = Clock::now();
  const auto client = Steady({{"orders/0", "active"}});
  // orders.retry/0 is not assigned here and its committed offset stays at 4 with records behind it.
  EXPECT_FALSE(d.Observe(t0, client, {"orders/0"}, {}, {{"orders.retry/0", 4}}));
  auto why = d.Observe(t0 + 10s, client, {"orders/0"}, {}, {{"orders.retry/0", 4}});
  ASSERT_TRUE(why);
  EXPECT_EQ(*why, "orders.retry/0 has records no member consumes (committed offset 4)");
}

TEST(StallDetector, AnotherMembersProgressIsNotAStall) {
  StallDetector d(10s);
  const auto t0 = Clock::now();
  const auto client = Steady({{"orders/0", "active"}});
  // Another member owns orders/1 and moves its committed offset: each move restarts the clock.
  for (int i = 0; i < 6; ++i)
    EXPECT_FALSE(d.Observe(t0 + i * 5s, client, {"orders/0"}, {}, {{"orders/1", 100 + i}}));
  // Caught up: nothing waits any more.
  EXPECT_FALSE(d.Observe(t0 + 60s, client, {"orders/0"}, {}, kNoneWaiting));
}

TEST(StallDetector, AConditionThatClearsOrARebalanceRestartsTheClock) {
  StallDetector d(10s);
  const auto t0 = Clock::now();
  const auto stuck = Steady({{"orders/0", "none"}});
  EXPECT_FALSE(d.Observe(t0, stuck, {"orders/0"}, {}, kNoneWaiting));
  EXPECT_FALSE(d.Observe(t0 + 5s, Steady({{"orders/0", "active"}}), {"orders/0"}, {}, kNoneWaiting));
  EXPECT_FALSE(d.Observe(t0 + 12s, stuck, {"orders/0"}, {}, kNoneWaiting));  // seen again: a new clock
  EXPECT_FALSE(d.Observe(t0 + 13s, ClientSnapshot{false, stuck.fetch_state}, {"orders/0"}, {}, kNoneWaiting));
  EXPECT_FALSE(d.Observe(t0 + 20s, stuck, {"orders/0"}, {}, kNoneWaiting));
  EXPECT_TRUE(d.Observe(t0 + 30s, stuck, {"orders/0"}, {}, kNoneWaiting));
  d.Reset();
  EXPECT_FALSE(d.Observe(t0 + 31s, stuck, {"orders/0"}, {}, kNoneWaiting));
}

}  // namespace
}  // namespace eda::events::detail
