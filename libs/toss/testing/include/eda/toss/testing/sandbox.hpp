#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "eda/core/result.hpp"

namespace eda::toss_sandbox {
class SandboxApp;
}

namespace eda::toss::testing {

// tools/toss-sandbox running in this process on an ephemeral loopback port, for tests of Toss
// clients (target eda::toss_testing). The ledger, faults and summary are reached directly.
// Start in the constructor, stop in the destructor; not copyable. Thread-safe like the sandbox.
class InProcessSandbox {
 public:
  InProcessSandbox();
  ~InProcessSandbox();
  InProcessSandbox(const InProcessSandbox&) = delete;
  InProcessSandbox& operator=(const InProcessSandbox&) = delete;

  // http://127.0.0.1:<port>
  const std::string& base_url() const noexcept { return base_url_; }

  // The buyer authenticated in the payment window: a new IN_PROGRESS payment; returns its paymentKey.
  // `decline`: the confirm will be refused by the card company (REJECT_CARD_PAYMENT-like decline).
  Result<std::string> OpenWindow(const std::string& order_id, std::int64_t amount,
                                 const std::map<std::string, std::string>& metadata = {}, bool decline = false);

  // Σ of approved totals / refunds over every payment (the sandbox ledger's summary).
  std::int64_t Charged() const;
  std::int64_t Refunded() const;
  // The sandbox's status name and balance of one payment ("" / -1 when unknown).
  std::string StatusOf(const std::string& payment_key) const;
  std::int64_t BalanceOf(const std::string& payment_key) const;
  // How many payments (any status) exist for `order_id`, and how many of those were approved.
  int ApprovedCountFor(const std::string& order_id) const;

  // Faults on /v1 calls: every request answers 500 without doing anything (rate 0..1), or does the
  // work and then answers 500 (processed rate 0..1).
  void SetFaults(double error_5xx_rate, double processed_5xx_rate, std::uint64_t seed = 1);

  toss_sandbox::SandboxApp& app();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string base_url_;
};

}  // namespace eda::toss::testing
