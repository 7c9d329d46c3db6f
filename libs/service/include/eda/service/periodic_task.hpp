#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "eda/metrics/registry.hpp"
#include "eda/sql/leader_lock.hpp"
#include "eda/sql/pool.hpp"

namespace eda::service {

struct PeriodicTaskSettings {
  std::string name;                           // e.g. "order-sweeper": logs, metrics label, lock name
  std::chrono::milliseconds interval{60'000};
  bool round_at_start = true;                 // false: the first round comes one interval after Start
  // Set: of the instances sharing this database, only the one holding the named lock
  // "eda:<name>" (sql::LeaderLock) runs rounds; the others stand by and ask for the lock every
  // standby_interval (or interval when shorter), so a dead leader is replaced that fast.
  sql::Pool* leader_pool = nullptr;
  std::chrono::milliseconds standby_interval{5'000};
  metrics::Registry* metrics = nullptr;       // eda_periodic_leader{task} 1 while this instance runs it
};

// A background job that must run every `interval` — a sweeper, a poller, a repairer — on its own
// thread, once per round however many instances of the service run (with leader_pool). Wake() runs
// a round now. `round` runs on the task's thread; an exception it throws is logged and the next round
// comes as usual. Start/Stop/Wake from any thread; Stop waits for a running round.
class PeriodicTask {
 public:
  PeriodicTask(PeriodicTaskSettings settings, std::function<void()> round);
  ~PeriodicTask();  // Stop()
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Start();
  void Stop();
  void Wake();

 private:
  void Loop();
  bool Lead();

  PeriodicTaskSettings settings_;
  std::function<void()> round_;
  std::unique_ptr<sql::LeaderLock> leader_;
  metrics::Gauge* leading_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool wake_ = false;
  std::thread thread_;
};

}  // namespace eda::service
