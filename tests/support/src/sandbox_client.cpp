#include "eda/e2e/sandbox_client.hpp"

#include <iostream>

#include <boost/json.hpp>
#include <boost/url/url.hpp>

#include "response_fields.hpp"

namespace eda::e2e {
namespace {

namespace json = boost::json;

bool WasConfirmed(std::string_view status) {
  return status == "DONE" || status == "PARTIAL_CANCELED" || status == "CANCELED";
}

}  // namespace

SandboxClient::SandboxClient(StackUrls urls, std::chrono::milliseconds request_timeout)
    : urls_(std::move(urls)), http_(std::make_shared<BlockingHttp>(request_timeout)) {}

std::vector<SandboxPayment> SandboxClient::PaymentsForOrder(std::string_view order_id) const {
  boost::urls::url u(urls_.toss_sandbox + "/sandbox/payments");
  u.params().append({"orderId", order_id});
  const HttpResult r = http_->Get(std::string(u.buffer()));
  if (r.status != 200 || !r.json.is_object()) Fail("sandbox payments of " + std::string(order_id), r);
  std::vector<SandboxPayment> out;
  const json::value* list = r.json.as_object().if_contains("payments");
  if (list == nullptr || !list->is_array()) Fail("sandbox payments: no payments[]", r);
  for (const json::value& p : list->as_array()) {
    if (!p.is_object()) continue;
    const json::object& o = p.as_object();
    SandboxPayment s;
    s.payment_key = StringAt(o, "paymentKey");
    s.order_id = StringAt(o, "orderId");
    s.status = StringAt(o, "status");
    s.total_amount = IntAt(o, "totalAmount");
    s.balance_amount = IntAt(o, "balanceAmount");
    if (const json::value* c = o.if_contains("cancels"); c != nullptr && c->is_array()) s.cancel_count = c->as_array().size();
    s.json = p;
    out.push_back(std::move(s));
  }
  return out;
}

SandboxClient::OrderMoney SandboxClient::MoneyForOrder(std::string_view order_id) const {
  OrderMoney m;
  for (const SandboxPayment& p : PaymentsForOrder(order_id)) {
    if (!WasConfirmed(p.status)) continue;
    ++m.confirmed_payments;
    m.charged += p.total_amount;
    m.balance += p.balance_amount;
  }
  return m;
}

SandboxSummary SandboxClient::Summary() const {
  const HttpResult r = http_->Get(urls_.toss_sandbox + "/sandbox/summary");
  if (r.status != 200 || !r.json.is_object()) Fail("sandbox summary", r);
  const json::object& o = r.json.as_object();
  SandboxSummary s{IntAt(o, "charged"), IntAt(o, "refunded"), IntAt(o, "balance"), {}};
  if (const json::value* c = o.if_contains("counts")) s.counts = *c;
  return s;
}

json::object SandboxClient::Config() const {
  const HttpResult r = http_->Get(urls_.toss_sandbox + "/sandbox/config");
  if (r.status != 200 || !r.json.is_object()) Fail("sandbox config", r);
  return r.json.as_object();
}

json::object SandboxClient::SetConfig(const json::object& partial) const {
  const HttpResult r = http_->PostJson(urls_.toss_sandbox + "/sandbox/config", partial);
  if (r.status != 200 || !r.json.is_object()) Fail("set sandbox config " + json::serialize(partial), r);
  return r.json.as_object();
}

void SandboxClient::Reset() const {
  const HttpResult r = http_->Send("POST", urls_.toss_sandbox + "/sandbox/reset", {});
  if (r.status != 204) Fail("sandbox reset", r);
}

SandboxClient::ScopedConfig::ScopedConfig(const SandboxClient& sandbox, const json::object& partial) : sandbox_(sandbox) {
  const json::object current = sandbox_.Config();
  for (std::string_view key : {"latencyMs", "error5xxRate", "processed5xxRate", "timeoutRate", "hangMs"}) {
    if (const json::value* v = current.if_contains(key)) saved_[key] = *v;
  }
  sandbox_.SetConfig(partial);
}

SandboxClient::ScopedConfig::~ScopedConfig() {
  try {
    sandbox_.SetConfig(saved_);
  } catch (const std::exception& e) {
    std::cerr << "[e2e] could not restore the sandbox config " << json::serialize(saved_) << ": " << e.what() << "\n";
  }
}

}  // namespace eda::e2e
