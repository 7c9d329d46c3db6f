#include "payment/events/payment_sweeper.hpp"

#include "eda/log/log.hpp"

namespace eda::payment {

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
