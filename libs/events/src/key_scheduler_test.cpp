#include "key_scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace eda::events::detail {
namespace {

using Scheduler = KeyScheduler<int>;

std::vector<int> Items(const std::vector<Scheduler::Entry>& entries) {
  std::vector<int> out;
  for (const auto& e : entries) out.push_back(e.item);
  return out;
}

TEST(KeyScheduler, DifferentKeysRunTogetherOneKeyOneAtATime) {
  Scheduler s;
  s.Add("a", "g", 1);
  s.Add("a", "g", 2);
  s.Add("b", "g", 3);
  auto batch = s.Take(10);
  EXPECT_EQ(Items(batch), (std::vector<int>{1, 3})) << "one item per key, oldest first";
  EXPECT_TRUE(s.Take(10).empty()) << "a and b are busy";
  EXPECT_EQ(s.running(), 2u);
  EXPECT_EQ(s.queued(), 1u);
  s.Done("a");
  EXPECT_EQ(Items(s.Take(10)), (std::vector<int>{2}));
  s.Done("a");
  s.Done("b");
  EXPECT_FALSE(s.HasReady());
  EXPECT_EQ(s.running(), 0u);
  EXPECT_EQ(s.queued(), 0u);
}

TEST(KeyScheduler, ABatchHoldsOneGroupAndAtMostMaxItems) {
  Scheduler s;
  s.Add("k1", "stock", 1);
  s.Add("k2", "refund", 2);
  s.Add("k3", "stock", 3);
  s.Add("k4", "stock", 4);
  EXPECT_EQ(Items(s.Take(2)), (std::vector<int>{1, 3})) << "the oldest item's group, two at most";
  EXPECT_EQ(Items(s.Take(5)), (std::vector<int>{2})) << "now the refund is the oldest ready item";
  EXPECT_EQ(Items(s.Take(5)), (std::vector<int>{4}));
}

TEST(KeyScheduler, AFreedKeyGoesBeforeYoungerKeys) {
  Scheduler s;
  s.Add("a", "g", 1);
  s.Add("a", "g", 2);
  s.Add("b", "g", 3);
  s.Add("c", "g", 4);
  EXPECT_EQ(Items(s.Take(1)), (std::vector<int>{1}));
  s.Done("a");  // item 2 is older than 3 and 4
  EXPECT_EQ(Items(s.Take(3)), (std::vector<int>{2, 3, 4}));
}

TEST(KeyScheduler, DropQueuedLeavesRunningItemsAlone) {
  Scheduler s;
  s.Add("a", "g", 10);
  s.Add("a", "g", 11);
  s.Add("b", "g", 20);
  s.Add("c", "g", 30);
  EXPECT_EQ(Items(s.Take(1)), (std::vector<int>{10}));
  auto dropped = s.DropQueued([](int item) { return item == 11 || item == 20; });
  std::sort(dropped.begin(), dropped.end());
  EXPECT_EQ(dropped, (std::vector<int>{11, 20}));
  EXPECT_EQ(s.running(), 1u);
  EXPECT_EQ(Items(s.Take(10)), (std::vector<int>{30}));
  s.Done("a");
  s.Done("c");
  EXPECT_FALSE(s.HasReady());
  EXPECT_EQ(s.queued(), 0u);
}

// Random interleavings of Add/Take/Done: every key's items come out in the order they went in, no
// key ever has two items running, and nothing is lost.
TEST(KeyScheduler, RandomScheduleKeepsPerKeyOrder) {
  std::mt19937 rng(7);
  Scheduler s;
  std::map<std::string, int> next_in, next_out;
  std::vector<Scheduler::Entry> running;
  int added = 0, finished = 0;
  for (int step = 0; step < 20000; ++step) {
    const int action = std::uniform_int_distribution<int>(0, 2)(rng);
    if (action == 0 && added < 5000) {
      const std::string key = "k" + std::to_string(std::uniform_int_distribution<int>(0, 20)(rng));
      s.Add(key, key.size() % 2 ? "odd" : "even", next_in[key]++);
      ++added;
    } else if (action == 1) {
      for (auto& e : s.Take(std::uniform_int_distribution<std::size_t>(1, 6)(rng))) {
        for (const auto& r : running) ASSERT_NE(r.key, e.key) << "two items of one key running";
        ASSERT_EQ(e.item, next_out[e.key]++) << "key " << e.key << " out of order";
        running.push_back(std::move(e));
      }
    } else if (!running.empty()) {
      const std::size_t i = std::uniform_int_distribution<std::size_t>(0, running.size() - 1)(rng);
      s.Done(running[i].key);
      running.erase(running.begin() + static_cast<long>(i));
      ++finished;
    }
  }
  while (!running.empty() || s.HasReady()) {
    for (auto& e : s.Take(8)) {
      ASSERT_EQ(e.item, next_out[e.key]++);
      running.push_back(std::move(e));
    }
    for (auto& r : running) s.Done(r.key), ++finished;
    running.clear();
  }
  EXPECT_EQ(finished, added);
  EXPECT_EQ(next_in, next_out);
}

}  // namespace
}  // namespace eda::events::detail
