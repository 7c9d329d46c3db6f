#include "payment/events/payment_sweeper.hpp"

#include "eda/log/log.hpp"

namespace eda::payment {

PaymentSweeper::PaymentSweeper(PaymentProcessor& processor, SweepSettings settings,
                               std::function<void(const SweepReport&)> report)
    : processor_(processor), settings_(settings), report_(std::move(report)) {}

PaymentSweeper::~PaymentSweeper() { Stop(); }

void PaymentSweeper::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = false;
  }
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      if (cv_.wait_for(lock, settings_.interval, [this] { return stop_; })) break;
      lock.unlock();
      const SweepReport r = RunOnce();
      if (report_) report_(r);
      lock.lock();
    }
  });
}

void PaymentSweeper::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

SweepReport PaymentSweeper::RunOnce() {
  SweepReport r;
  const auto older_than = std::chrono::system_clock::now() - settings_.deadline;
  auto due = processor_.store().DueCancels(older_than, settings_.batch);
  if (!due) {
    ++r.errors;
    log::Warn("payment sweep: cannot list pending refunds", {{"code", due.error().code}, {"error", due.error().message}});
    return r;
  }
  for (const std::string& order_id : *due) {
    auto s = processor_.ResumeCancel(order_id);
    if (s) {
      ++r.resumed;
    } else {
      ++r.errors;
      log::Warn("payment sweep: refund still pending",
                {{"order_id", order_id}, {"code", s.error().code}, {"error", s.error().message}});
    }
  }
  return r;
}

}  // namespace eda::payment
