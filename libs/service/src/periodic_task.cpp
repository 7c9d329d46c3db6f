#include "eda/service/periodic_task.hpp"

#include <algorithm>
#include <exception>

#include "eda/log/log.hpp"
#include "eda/metrics/registry.hpp"
#include "eda/sql/leader_lock.hpp"

namespace eda::service {

PeriodicTask::PeriodicTask(PeriodicTaskSettings settings, std::function<void()> round)
    : settings_(std::move(settings)), round_(std::move(round)) {
  if (settings_.leader_pool != nullptr) {
    leader_ = std::make_unique<sql::LeaderLock>(*settings_.leader_pool, "eda:" + settings_.name);
  }
  if (settings_.metrics != nullptr) {
    leading_ = &settings_.metrics->AddGauge("eda_periodic_leader",
                                            "1 while this instance runs the periodic task (the others stand by)",
                                            {{"task", settings_.name}});
  }
}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void PeriodicTask::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  // Hand the lead over at once rather than when the process exits.
  if (leader_) leader_->Release();
}

void PeriodicTask::Wake() {
  {
    std::lock_guard lock(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

bool PeriodicTask::Lead() {
  if (!leader_) return true;
  const bool was = leader_->held();
  const bool now = leader_->Ensure();
  if (now != was) log::Info(now ? "periodic task: this instance leads" : "periodic task: lead lost", {{"task", settings_.name}});
  if (leading_ != nullptr) leading_->Set(now ? 1 : 0);
  return now;
}

void PeriodicTask::Loop() {
  bool first = true;
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (!first || !settings_.round_at_start) {
      const auto wait = leader_ && !leader_->held() ? std::min(settings_.interval, settings_.standby_interval)
                                                    : settings_.interval;
      cv_.wait_for(lock, wait, [this] { return stop_ || wake_; });
      wake_ = false;
      if (stop_) break;
    }
    first = false;
    lock.unlock();
    if (Lead()) {
      try {
        round_();
      } catch (const std::exception& e) {
        log::Error("periodic task round failed", {{"task", settings_.name}, {"error", e.what()}});
      }
    }
    lock.lock();
  }
}

}  // namespace eda::service
