#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "eda/e2e/blocking_http.hpp"
#include "eda/e2e/e2e_failure.hpp"
#include "eda/e2e/shop_types.hpp"
#include "eda/e2e/stack_urls.hpp"

namespace eda::e2e {

// The Toss sandbox's test routes (/sandbox/*): what money moved, and its fault settings.
// The sandbox is shared by every test and user of the stack: prefer per-order payments to the global
// summary, and never Reset() while others may be running.
// Convenience calls throw E2eFailure on an unexpected answer. Thread safety: all methods const, safe.
class SandboxClient {
 public:
  explicit SandboxClient(StackUrls urls = StackUrls::FromEnv(),
                         std::chrono::milliseconds request_timeout = std::chrono::seconds(15));

  // GET /sandbox/payments?orderId=: every payment of that order (usually one).
  std::vector<SandboxPayment> PaymentsForOrder(std::string_view order_id) const;
  // Sum over PaymentsForOrder of totalAmount for payments that were confirmed (DONE, PARTIAL_CANCELED,
  // CANCELED), and of balanceAmount: what the buyer paid and what they are still out of pocket.
  struct OrderMoney {
    std::int64_t charged = 0;
    std::int64_t balance = 0;
    int confirmed_payments = 0;
  };
  OrderMoney MoneyForOrder(std::string_view order_id) const;

  SandboxSummary Summary() const;

  // GET /sandbox/config: {latencyMs, error5xxRate, processed5xxRate, timeoutRate, hangMs, seed,
  // confirmWindowMs, webhookUrl, webhookTimeScale}.
  boost::json::object Config() const;
  // POST /sandbox/config with a partial update; returns the new config. Throws on 4xx (bad values).
  boost::json::object SetConfig(const boost::json::object& partial) const;
  // POST /sandbox/reset: forgets every payment (204). Only for a stack nobody else uses.
  void Reset() const;

  // Sets fault rates for the lifetime of the guard and restores the previous latencyMs, error5xxRate,
  // processed5xxRate, timeoutRate and hangMs when destroyed (errors on restore are printed, not thrown).
  class ScopedConfig {
   public:
    ScopedConfig(const SandboxClient& sandbox, const boost::json::object& partial);
    ~ScopedConfig();
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

   private:
    const SandboxClient& sandbox_;
    boost::json::object saved_;
  };

 private:
  StackUrls urls_;
  std::shared_ptr<BlockingHttp> http_;
};

}  // namespace eda::e2e
