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

ClientSnapshot Steady(std::map<std::string, std::string> states) {
  ClientSnapshot c{true, std::move(states), {}};
  for (const auto& [tp, state] : c.fetch_state) c.subscribed.insert(tp);
  return c;
}

TEST(StallDetector, AnOwnedPartitionThatNeverFetchesIsReportedAfterTheGracePeriod) {
  StallDetector d(30s);
  const auto t0 = Clock::now();
  const auto client = Steady({{"orders/0", "active"}, {"orders/1", "offset-query"}});
  EXPECT_FALSE(d.Observe(t0, client, {"orders/0", "orders/1"}, {}, std::nullopt));
  EXPECT_FALSE(d.Observe(t0 + 29s, client, {"orders/0", "orders/1"}, {}, std::nullopt));
  auto why = d.Observe(t0 + 30s, client, {"orders/0", "orders/1"}, {}, std::nullopt);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("orders/1 owned here but not fetching (offset-query)"), std::string::npos) << *why;
  EXPECT_EQ(why->find("orders/0"), std::string::npos) << *why;
}

TEST(StallDetector, APartitionPausedOnPurposeOrOwnedElsewhereIsFine) {
  StallDetector d(10s);
  const auto t0 = Clock::now();
  const auto client = Steady({{"orders/0", "none"}, {"orders/1", "none"}});
  // orders/0 is paused here (a retry not due yet); orders/1 belongs to another member.
  const GroupSnapshot group{true, {"orders/0", "orders/1"}};
  EXPECT_FALSE(d.Observe(t0, client, {"orders/0"}, {"orders/0"}, group));
  EXPECT_FALSE(d.Observe(t0 + 60s, client, {"orders/0"}, {"orders/0"}, group));
}

TEST(StallDetector, APartitionOwnedByNoMemberOfAStableGroupIsReported) {
  StallDetector d(10s);
  const auto t0 = Clock::now();
  // orders.retry/0 is in the metadata but this client has no state for it (it was never assigned).
  auto client = Steady({{"orders/0", "active"}});
  client.subscribed.insert("orders.retry/0");
  const GroupSnapshot group{true, {"orders/0"}};
  EXPECT_FALSE(d.Observe(t0, client, {"orders/0"}, {}, group));
  auto why = d.Observe(t0 + 10s, client, {"orders/0"}, {}, group);
  ASSERT_TRUE(why);
  EXPECT_EQ(*why, "orders.retry/0 owned by no member");
  // While the coordinator reports a rebalance, ownership gaps are expected.
  StallDetector d2(10s);
  const GroupSnapshot rebalancing{false, {"orders/0"}};
  EXPECT_FALSE(d2.Observe(t0, client, {"orders/0"}, {}, rebalancing));
  EXPECT_FALSE(d2.Observe(t0 + 20s, client, {"orders/0"}, {}, rebalancing));
}

TEST(StallDetector, AConditionThatClearsOrARebalanceRestartsTheClock) {
  StallDetector d(10s);
  const auto t0 = Clock::now();
  const auto stuck = Steady({{"orders/0", "none"}});
  EXPECT_FALSE(d.Observe(t0, stuck, {"orders/0"}, {}, std::nullopt));
  EXPECT_FALSE(d.Observe(t0 + 5s, Steady({{"orders/0", "active"}}), {"orders/0"}, {}, std::nullopt));
  EXPECT_FALSE(d.Observe(t0 + 12s, stuck, {"orders/0"}, {}, std::nullopt));  // seen again: a new clock
  EXPECT_FALSE(d.Observe(t0 + 13s, ClientSnapshot{false, stuck.fetch_state, stuck.subscribed}, {"orders/0"}, {},
                         std::nullopt));
  EXPECT_FALSE(d.Observe(t0 + 20s, stuck, {"orders/0"}, {}, std::nullopt));
  EXPECT_TRUE(d.Observe(t0 + 30s, stuck, {"orders/0"}, {}, std::nullopt));
  d.Reset();
  EXPECT_FALSE(d.Observe(t0 + 31s, stuck, {"orders/0"}, {}, std::nullopt));
}

}  // namespace
}  // namespace eda::events::detail
