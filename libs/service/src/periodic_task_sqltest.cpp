// PeriodicTask led through MariaDB (label sql): two instances of a service are two pools.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "eda/service/periodic_task.hpp"
#include "eda/sql/testing/test_db.hpp"

namespace eda::service {
namespace {

using namespace std::chrono_literals;

TEST(PeriodicTaskLeader, OnlyOneInstanceRunsRoundsAndTheOtherTakesOverWhenItStops) {
  sql::Pool a_pool(sql::testing::TestSettings(2)), b_pool(sql::testing::TestSettings(2));
  const std::string name = sql::testing::UniqueName("sweeper");
  std::atomic<int> a_rounds{0}, b_rounds{0};
  PeriodicTask a({.name = name, .interval = 20ms, .leader_pool = &a_pool, .standby_interval = 20ms}, [&] { ++a_rounds; });
  PeriodicTask b({.name = name, .interval = 20ms, .leader_pool = &b_pool, .standby_interval = 20ms}, [&] { ++b_rounds; });
  a.Start();
  for (int i = 0; i < 200 && a_rounds < 3; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_GE(a_rounds, 3);
  b.Start();
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(b_rounds, 0) << "the second instance stands by while the first leads";

  a.Stop();
  for (int i = 0; i < 200 && b_rounds < 3; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_GE(b_rounds, 3) << "the standby took over";
  b.Stop();
}

}  // namespace
}  // namespace eda::service
