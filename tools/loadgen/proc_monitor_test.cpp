#include "loadgen/proc_monitor.hpp"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

namespace eda::loadgen {
namespace {

TEST(ProcParse, StatFieldsAfterAParenthesisedNameWithSpaces) {
  // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
  const std::string stat = "42 (java (x) y) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 60 0";
  auto cpu = CpuSecondsFromStat(stat, 100);
  ASSERT_TRUE(cpu);
  EXPECT_DOUBLE_EQ(*cpu, 3.0);
  EXPECT_FALSE(CpuSecondsFromStat("garbage", 100));
  EXPECT_FALSE(CpuSecondsFromStat("1 (x) S 1 2", 100));
}

TEST(ProcParse, RssFromStatus) {
  auto rss = RssKibFromStatus("Name:\tx\nVmPeak:\t 9 kB\nVmRSS:\t   12345 kB\nThreads: 4\n");
  ASSERT_TRUE(rss);
  EXPECT_EQ(*rss, 12345u);
  EXPECT_FALSE(RssKibFromStatus("Name: kthread\n"));
}

TEST(ProcMonitor, FindsPidFilesAndSamplesThisProcess) {
  const auto dir = std::filesystem::temp_directory_path() / ("loadgen-procmon-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "order");
  std::filesystem::create_directories(dir / "gone");
  std::ofstream(dir / "order" / "order.pid") << getpid() << "\n";
  std::ofstream(dir / "gone" / "gone.pid") << "999999999\n";  // no such process: left out
  ProcMonitor m(dir.string());
  EXPECT_EQ(m.ProcessCount(), 2u);  // order + loadgen
  m.SetWindow(0, 10);
  const auto start = std::chrono::steady_clock::now();
  m.Sample(0);
  // Burn 60 ms of this process's CPU (however long that takes on a busy machine) so the next sample
  // sees several clock ticks of it.
  const std::clock_t cpu0 = std::clock();
  volatile double x = 0;
  while (std::clock() - cpu0 < CLOCKS_PER_SEC * 6 / 100) x = x + 1;
  m.Sample(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  auto j = m.ToJson();
  ASSERT_TRUE(j.contains("order"));
  ASSERT_TRUE(j.contains("loadgen"));
  const auto& o = j.at("order").as_object();
  EXPECT_GT(o.at("rss_idle_mib").as_double(), 0.0);
  EXPECT_GT(o.at("cpu_max_pct").as_double(), 0.0);
  EXPECT_GT(o.at("cpu_seconds").as_double(), 0.0);
  EXPECT_EQ(o.at("series").as_array().size(), 2u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace eda::loadgen
