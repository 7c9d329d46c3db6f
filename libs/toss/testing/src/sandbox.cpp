#include "eda/toss/testing/sandbox.hpp"

#include <stdexcept>

#include "eda/http/server.hpp"
#include "eda/metrics/registry.hpp"
#include "toss-sandbox/api/sandbox_app.hpp"

namespace eda::toss::testing {

using namespace std::chrono_literals;

struct InProcessSandbox::Impl {
  metrics::Registry registry;
  std::unique_ptr<toss_sandbox::SandboxApp> app;
  std::unique_ptr<http::Server> server;
};

InProcessSandbox::InProcessSandbox() : impl_(std::make_unique<Impl>()) {
  toss_sandbox::SandboxSettings s;
  s.sweep_interval = 200ms;
  s.faults.hang = 2s;
  impl_->app = std::make_unique<toss_sandbox::SandboxApp>(s);
  http::Router router;
  impl_->app->AddRoutes(router);
  http::ServerSettings hs;
  hs.address = "127.0.0.1";
  hs.port = 0;
  hs.io_threads = 1;
  hs.access_log = false;
  hs.shutdown_timeout = 200ms;
  impl_->server = std::make_unique<http::Server>(hs, std::move(router), impl_->registry);
  if (auto st = impl_->server->Start(); !st.ok()) throw std::runtime_error("sandbox server: " + st.error().message);
  impl_->app->Start();
  base_url_ = "http://127.0.0.1:" + std::to_string(impl_->server->port());
}

InProcessSandbox::~InProcessSandbox() {
  impl_->server->Stop();
  impl_->app->Stop();
}

toss_sandbox::SandboxApp& InProcessSandbox::app() { return *impl_->app; }

Result<std::string> InProcessSandbox::OpenWindow(const std::string& order_id, std::int64_t amount,
                                                 const std::map<std::string, std::string>& metadata, bool decline) {
  toss_sandbox::WindowRequest w;
  w.order_id = order_id;
  w.order_name = "테스트 상품 외 1건";
  w.amount = amount;
  for (const auto& [k, v] : metadata) w.metadata.emplace_back(k, "\"" + v + "\"");
  w.outcome = decline ? toss_sandbox::WindowOutcome::kDeclineOnConfirm : toss_sandbox::WindowOutcome::kApprove;
  auto p = impl_->app->ledger().Authenticate(w);
  if (!p) return Error::Permanent("sandbox.window", p.error().code + ": " + p.error().message);
  return p->payment_key;
}

std::int64_t InProcessSandbox::Charged() const { return impl_->app->ledger().Summary().charged; }
std::int64_t InProcessSandbox::Refunded() const { return impl_->app->ledger().Summary().refunded; }

std::string InProcessSandbox::StatusOf(const std::string& payment_key) const {
  auto p = impl_->app->ledger().FindByKey(payment_key);
  return p ? std::string(toss_sandbox::StatusName(p->status)) : std::string();
}

std::int64_t InProcessSandbox::BalanceOf(const std::string& payment_key) const {
  auto p = impl_->app->ledger().FindByKey(payment_key);
  return p ? p->balance_amount : -1;
}

int InProcessSandbox::ApprovedCountFor(const std::string& order_id) const {
  int n = 0;
  for (const auto& p : impl_->app->ledger().All()) {
    if (p.order_id == order_id && p.approved_at.has_value()) ++n;
  }
  return n;
}

void InProcessSandbox::SetFaults(double error_5xx_rate, double processed_5xx_rate, std::uint64_t seed) {
  toss_sandbox::FaultSettings f = impl_->app->faults().settings();
  f.error_5xx_rate = error_5xx_rate;
  f.processed_5xx_rate = processed_5xx_rate;
  f.seed = seed;
  impl_->app->faults().Update(f);
}

}  // namespace eda::toss::testing
