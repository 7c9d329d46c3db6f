#pragma once

#include <chrono>

#include "payment/events/payment_processor.hpp"

namespace eda::payment {

struct SweepSettings {
  std::chrono::milliseconds interval{15'000};  // EDA_PAYMENT_SWEEP_INTERVAL: how often to look
  std::chrono::milliseconds deadline{60'000};  // EDA_PAYMENT_CANCEL_DEADLINE: CANCEL_PENDING older than this is resumed
  int batch = 50;                              // rows per pass
};

// What one pass did.
struct SweepReport {
  int resumed = 0;  // refunds finished (or found finished)
  int errors = 0;   // still failing (left CANCEL_PENDING for the next pass)
};

// Resumes refunds stuck in CANCEL_PENDING (the consumer gave up, or the process died between the
// decision and the Toss call): PaymentProcessor::ResumeCancel for each due row. Racing the consumer is
// safe (same persisted cancel key; conditional update). main.cpp runs RunOnce every interval as a
// service::PeriodicTask that one instance leads.
class PaymentSweeper {
 public:
  PaymentSweeper(PaymentProcessor& processor, SweepSettings settings) : processor_(processor), settings_(settings) {}

  // One pass on the caller's thread.
  SweepReport RunOnce();

 private:
  PaymentProcessor& processor_;
  SweepSettings settings_;
};

}  // namespace eda::payment
