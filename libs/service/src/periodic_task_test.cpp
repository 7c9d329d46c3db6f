#include "eda/service/periodic_task.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace eda::service {
namespace {

using namespace std::chrono_literals;

// Waits up to 5 s for `pred`.
template <class P>
bool Eventually(P pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

TEST(PeriodicTask, RunsARoundAtStartThenEveryIntervalAndStopsAtOnce) {
  std::atomic<int> rounds{0};
  PeriodicTask task({.name = "t", .interval = 20ms}, [&] { ++rounds; });
  task.Start();
  EXPECT_TRUE(Eventually([&] { return rounds >= 3; }));
  const auto t0 = std::chrono::steady_clock::now();
  task.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
  const int after = rounds;
  std::this_thread::sleep_for(60ms);
  EXPECT_EQ(rounds, after) << "no round after Stop";
}

TEST(PeriodicTask, WaitsOneIntervalFirstWhenAskedAndWakeRunsARoundNow) {
  std::atomic<int> rounds{0};
  PeriodicTask task({.name = "t", .interval = 1h, .round_at_start = false}, [&] { ++rounds; });
  task.Start();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(rounds, 0);
  task.Wake();
  EXPECT_TRUE(Eventually([&] { return rounds == 1; }));
  task.Stop();  // does not wait for the hour
}

TEST(PeriodicTask, ARoundThatThrowsDoesNotEndTheTask) {
  std::atomic<int> rounds{0};
  PeriodicTask task({.name = "t", .interval = 10ms}, [&] {
    if (++rounds == 1) throw std::runtime_error("boom");
  });
  task.Start();
  EXPECT_TRUE(Eventually([&] { return rounds >= 3; }));
}

}  // namespace
}  // namespace eda::service
