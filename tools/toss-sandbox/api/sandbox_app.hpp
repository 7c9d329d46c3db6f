#pragma once

#include <memory>
#include <string_view>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>

#include "eda/core/result.hpp"
#include "eda/http/router.hpp"
#include "toss-sandbox/api/sandbox_settings.hpp"
#include "toss-sandbox/api/webhook_dispatcher.hpp"
#include "toss-sandbox/domain/fault_injector.hpp"
#include "toss-sandbox/domain/idempotency_store.hpp"
#include "toss-sandbox/domain/payment_ledger.hpp"

namespace eda::toss_sandbox {

// The sandbox's parts wired together: ledger, idempotency store, faults, webhooks, the expiry
// sweeper (on a background thread), and the routes (AddRoutes). main() and the tests both build one.
//
//   SandboxApp app(settings);            // may throw std::runtime_error if the HTTP client cannot start
//   http::Router router; app.AddRoutes(router);
//   http::Server server(http_settings, std::move(router));
//   app.Start(); server.Run(); app.Stop();
//
// Routes (api/openapi.json): the Toss v1 payment API under /v1, the window and admin routes under
// /sandbox. Handlers never block (all state operations are short, in memory). The app must outlive
// the server using its routes. Start/Stop from one controlling thread.
class SandboxApp {
 public:
  explicit SandboxApp(SandboxSettings settings);
  ~SandboxApp();
  SandboxApp(const SandboxApp&) = delete;
  SandboxApp& operator=(const SandboxApp&) = delete;

  void AddRoutes(http::Router& router);
  // Starts the background thread (webhooks, expiry sweeper). Idempotent.
  void Start();
  // Stops the background thread; pending webhook retries are dropped. Idempotent.
  void Stop();

  PaymentLedger& ledger() { return ledger_; }
  WebhookDispatcher& webhooks() { return *webhooks_; }
  FaultInjector& faults() { return faults_; }

  // Whether `secret_key` is accepted (docs test keys and the configured ones).
  bool IsKnownSecretKey(std::string_view secret_key) const;

 private:
  void SweepSoon();

  SandboxSettings settings_;
  boost::asio::io_context background_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::thread thread_;
  PaymentLedger ledger_;
  IdempotencyStore idempotency_;
  FaultInjector faults_;
  std::unique_ptr<WebhookDispatcher> webhooks_;
  std::unique_ptr<boost::asio::steady_timer> sweeper_;
};

}  // namespace eda::toss_sandbox
