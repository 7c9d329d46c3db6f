#include "toss-sandbox/api/sandbox_app.hpp"

#include <cmath>
#include <functional>
#include <optional>
#include <stdexcept>

#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "eda/core/uuid.hpp"
#include "eda/http/headers.hpp"
#include "eda/http/request.hpp"
#include "eda/http/response.hpp"
#include "eda/log/log.hpp"
#include "toss-sandbox/api/checkout_page.hpp"
#include "toss-sandbox/api/payment_json.hpp"

namespace eda::toss_sandbox {

namespace asio = boost::asio;
namespace json = boost::json;
using asio::awaitable;

namespace {

// ---------- small helpers ----------

std::optional<std::string> DecodeBase64(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

http::Response TossJson(int status, const json::value& body) {
  http::Response res = http::Response::Text(status, json::serialize(body), "application/json");
  std::string trace = NewUuid();
  std::erase(trace, '-');
  res.SetHeader("X-TossPayments-Trace-Id", trace);
  return res;
}

http::Response TossErrorResponse(const TossError& e) { return TossJson(e.http_status, ErrorToJson(e)); }

awaitable<void> Sleep(std::chrono::milliseconds d) {
  if (d.count() <= 0) co_return;
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
}

bool English(const http::Request& req) {
  const std::string_view lang = req.header("Accept-Language");
  return lang.substr(0, 2) == "en";
}

// A JSON amount: an integral number, or a string of digits (the official sample forwards the
// browser's query string as is).
std::optional<std::int64_t> AmountOf(const json::value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) {
    const double d = v->as_double();
    if (std::floor(d) == d && std::fabs(d) < 9e15) return static_cast<std::int64_t>(d);
    return std::nullopt;
  }
  if (v->is_string()) {
    const std::string_view s = v->as_string();
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::int64_t n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return std::nullopt;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  json::value v(s);
  return AmountOf(&v);
}

const json::value* Field(const json::object& o, std::string_view name) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::optional<std::string> StringField(const json::object& o, std::string_view name) {
  const json::value* v = Field(o, name);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

// ---------- the payment window ----------

using Getter = std::function<std::optional<std::string>(std::string_view)>;

constexpr std::string_view kWindowParams[] = {
    "clientKey",   "customerKey", "orderId",    "orderName",    "amount",        "currency",
    "taxFreeAmount", "method",    "successUrl", "failUrl",      "customerEmail", "customerName",
    "customerMobilePhone", "metadata", "outcome"};

Result<WindowRequest, TossError> WindowFrom(const Getter& get) {
  WindowRequest w;
  w.order_id = get("orderId").value_or("");
  w.order_name = get("orderName").value_or("");
  const auto amount = ParseInt(get("amount").value_or(""));
  if (!amount) return MakeTossError("INVALID_REQUEST", "amount는 0보다 큰 정수여야 합니다.");
  w.amount = *amount;
  if (auto tf = get("taxFreeAmount"); tf && !tf->empty()) {
    const auto n = ParseInt(*tf);
    if (!n) return MakeTossError("INVALID_REQUEST", "taxFreeAmount는 정수여야 합니다.");
    w.tax_free_amount = *n;
  }
  const std::string currency = get("currency").value_or("KRW");
  if (!currency.empty() && currency != "KRW") return MakeTossError("INVALID_REQUEST", "sandbox는 KRW만 지원합니다.");
  const std::string method = get("method").value_or("CARD");
  if (!method.empty() && method != "CARD" && method != "카드") {
    return MakeTossError("INVALID_REQUEST", "sandbox는 카드(CARD) 결제만 지원합니다.");
  }
  w.client_key = get("clientKey").value_or("");
  w.customer_key = get("customerKey").value_or("");
  w.customer_name = get("customerName").value_or("");
  w.customer_email = get("customerEmail").value_or("");
  w.customer_mobile_phone = get("customerMobilePhone").value_or("");
  if (auto meta = get("metadata"); meta && !meta->empty()) {
    std::error_code ec;
    const json::value parsed = json::parse(*meta, ec);
    if (ec || !parsed.is_object()) return MakeTossError("INVALID_REQUEST", "metadata는 JSON 객체여야 합니다.");
    for (const auto& kv : parsed.as_object()) {
      w.metadata.emplace_back(std::string(kv.key()), json::serialize(kv.value()));
    }
  }
  return w;
}

// What the window ends with: a created payment and the success query, or the fail query.
struct WindowEnd {
  bool success = false;
  Params query;  // paymentType/orderId/paymentKey/amount, or code/message/orderId
  std::optional<Payment> payment;
};

Result<WindowEnd, TossError> RunWindow(PaymentLedger& ledger, const Getter& get) {
  const std::string outcome = get("outcome").value_or("approve");
  const std::string order_id = get("orderId").value_or("");
  WindowEnd end;
  if (outcome == "cancel") {
    end.query = {{"code", "PAY_PROCESS_CANCELED"}, {"message", "사용자에 의해 결제가 취소되었습니다."}, {"orderId", order_id}};
    return end;
  }
  if (outcome == "reject") {
    end.query = {{"code", "REJECT_CARD_COMPANY"}, {"message", "카드사에서 결제를 거절했습니다."}, {"orderId", order_id}};
    return end;
  }
  if (outcome != "approve" && outcome != "decline") {
    return MakeTossError("INVALID_REQUEST", "outcome은 approve, decline, cancel, reject 중 하나여야 합니다.");
  }
  auto w = WindowFrom(get);
  if (!w) return w.error();
  w->outcome = outcome == "decline" ? WindowOutcome::kDeclineOnConfirm : WindowOutcome::kApprove;
  auto p = ledger.Authenticate(*w);
  if (!p) return p.error();
  end.success = true;
  end.query = {{"paymentType", "NORMAL"},
               {"orderId", p->order_id},
               {"paymentKey", p->payment_key},
               {"amount", std::to_string(p->total_amount)}};
  end.payment = std::move(*p);
  return end;
}

http::Response Html(int status, std::string body) { return http::Response::Text(status, std::move(body), "text/html; charset=utf-8"); }

json::object ConfigJson(const FaultSettings& f, const PaymentLedger& ledger, const WebhookDispatcher& hooks) {
  return json::object{
      {"latencyMs", f.latency.count()},
      {"error5xxRate", f.error_5xx_rate},
      {"processed5xxRate", f.processed_5xx_rate},
      {"timeoutRate", f.timeout_rate},
      {"hangMs", f.hang.count()},
      {"seed", f.seed},
      {"confirmWindowMs", ledger.confirm_window().count()},
      {"webhookUrl", hooks.url()},
      {"webhookTimeScale", hooks.time_scale()},
  };
}

}  // namespace

// ---------- the app ----------

SandboxApp::SandboxApp(SandboxSettings settings)
    : settings_(std::move(settings)),
      work_(asio::make_work_guard(background_)),
      ledger_(PaymentLedger::Settings{settings_.confirm_window, "tvivarepublica"},
              [] { return std::chrono::system_clock::now(); }, settings_.faults.seed),
      idempotency_(settings_.idempotency_ttl, [] { return std::chrono::system_clock::now(); }),
      faults_(settings_.faults) {
  auto hooks = WebhookDispatcher::Create(background_.get_executor(),
                                         WebhookDispatcher::Settings{settings_.webhook_url, settings_.webhook_time_scale,
                                                                     settings_.webhook_timeout});
  if (!hooks) throw std::runtime_error("webhook client: " + hooks.error().message);
  webhooks_ = std::move(*hooks);
  ledger_.SetObserver([this](const Payment& p) { webhooks_->Enqueue(p); });
  sweeper_ = std::make_unique<asio::steady_timer>(background_);
}

SandboxApp::~SandboxApp() { Stop(); }

void SandboxApp::Start() {
  if (thread_.joinable()) return;
  SweepSoon();
  thread_ = std::thread([this] { background_.run(); });
}

void SandboxApp::Stop() {
  if (!thread_.joinable()) return;
  background_.stop();
  thread_.join();
}

void SandboxApp::SweepSoon() {
  sweeper_->expires_after(settings_.sweep_interval);
  sweeper_->async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    if (const std::size_t n = ledger_.ExpireOverdue(); n > 0) log::Info("payments expired", {{"count", n}});
    idempotency_.Purge();
    SweepSoon();
  });
}

bool SandboxApp::IsKnownSecretKey(std::string_view key) const {
  if (key.empty()) return false;
  for (const auto& k : DocsTestSecretKeys()) {
    if (k == key) return true;
  }
  for (const auto& k : settings_.extra_secret_keys) {
    if (k.Reveal() == key) return true;
  }
  return false;
}

void SandboxApp::AddRoutes(http::Router& router) {
  // The common path of every /v1 call: auth, TossPayments-Test-Code, faults, Idempotency-Key, work.
  using Work = std::function<StoredResponse(const std::string& secret_key, bool english)>;
  auto v1 = [this](http::Request& req, Work work) -> awaitable<http::Response> {
    // Basic auth: base64(secretKey + ":").
    const std::string_view auth = req.header("Authorization");
    if (auth.size() < 6 || !http::EqualsIgnoreCase(auth.substr(0, 6), "Basic ")) {
      co_return TossErrorResponse(MakeTossError("UNAUTHORIZED_KEY"));
    }
    std::string_view encoded = auth.substr(6);
    while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
    const auto decoded = DecodeBase64(encoded);
    if (!decoded) co_return TossErrorResponse(MakeTossError("UNAUTHORIZED_KEY"));
    const auto colon = decoded->find(':');
    if (colon == std::string::npos) co_return TossErrorResponse(MakeTossError("INCORRECT_BASIC_AUTH_FORMAT"));
    const std::string secret = decoded->substr(0, colon);
    if (!IsKnownSecretKey(secret)) co_return TossErrorResponse(MakeTossError("UNAUTHORIZED_KEY"));

    // Documented error injection; test keys only, no state change.
    if (const std::string_view code = req.header("TossPayments-Test-Code"); !code.empty() && secret.rfind("test_", 0) == 0) {
      auto e = FindDocumentedError(code);
      if (!e) e = MakeTossError("INVALID_REQUEST", "알 수 없는 TossPayments-Test-Code 입니다: " + std::string(code));
      co_return TossErrorResponse(*e);
    }

    const FaultDecision fault = faults_.Decide();
    co_await Sleep(fault.latency);
    if (fault.kind == FaultKind::kFailBeforeProcessing) {
      co_return TossErrorResponse(MakeTossError("FAILED_INTERNAL_SYSTEM_PROCESSING"));
    }

    const bool english = English(req);
    StoredResponse result;
    const std::string_view idem_key = req.header("Idempotency-Key");
    if (req.method() == http::Method::kPost && !idem_key.empty()) {
      if (idem_key.size() > IdempotencyStore::kMaxKeyLength) {
        co_return TossErrorResponse(MakeTossError("INVALID_IDEMPOTENCY_KEY"));
      }
      const IdempotencyStore::Scope scope{std::string(idem_key), secret, std::string(req.path()), "POST"};
      auto begin = idempotency_.Begin(scope);
      if (std::holds_alternative<IdempotencyStore::InFlight>(begin)) {
        co_return TossErrorResponse(MakeTossError("IDEMPOTENT_REQUEST_PROCESSING"));
      }
      if (auto* stored = std::get_if<StoredResponse>(&begin)) {
        http::Response replay = http::Response::Text(stored->status, stored->body, "application/json");
        replay.SetHeader("X-Sandbox-Idempotent-Replay", "true");
        co_return replay;
      }
      try {
        result = work(secret, english);
      } catch (...) {
        idempotency_.Abandon(scope);
        throw;
      }
      idempotency_.Complete(scope, result);
    } else {
      result = work(secret, english);
    }

    if (fault.kind == FaultKind::kTimeoutAfterProcessing) co_await Sleep(fault.hang);
    if (fault.kind == FaultKind::kFailAfterProcessing || fault.kind == FaultKind::kTimeoutAfterProcessing) {
      co_return TossErrorResponse(MakeTossError("FAILED_INTERNAL_SYSTEM_PROCESSING"));
    }
    http::Response res = http::Response::Text(result.status, std::move(result.body), "application/json");
    std::string trace = NewUuid();
    std::erase(trace, '-');
    res.SetHeader("X-TossPayments-Trace-Id", trace);
    co_return res;
  };

  auto stored = [](const Result<Payment, TossError>& r, bool english) {
    if (!r) return StoredResponse{r.error().http_status, json::serialize(ErrorToJson(r.error()))};
    return StoredResponse{200, json::serialize(PaymentToJson(*r, english))};
  };
  auto invalid = [](std::string message) {
    return StoredResponse{400, json::serialize(ErrorToJson(MakeTossError("INVALID_REQUEST", message)))};
  };

  router.Post("/v1/payments/confirm", [this, v1, stored, invalid](http::Request& req) -> awaitable<http::Response> {
    co_return co_await v1(req, [&](const std::string& secret, bool english) {
      std::error_code ec;
      const json::value body = json::parse(req.body(), ec);
      if (ec || !body.is_object()) return invalid("요청 본문이 올바른 JSON 객체가 아닙니다.");
      const auto& o = body.as_object();
      const auto key = StringField(o, "paymentKey");
      const auto order_id = StringField(o, "orderId");
      const auto amount = AmountOf(Field(o, "amount"));
      if (!key || key->empty() || key->size() > 200) return invalid("paymentKey는 필수 값이며 200자 이하여야 합니다.");
      if (!order_id || !IsValidOrderId(*order_id)) return invalid("orderId는 6자 이상 64자 이하의 [A-Za-z0-9_=-] 문자열이어야 합니다.");
      if (!amount) return invalid("amount는 필수 값이며 숫자여야 합니다.");
      return stored(ledger_.Confirm(ConfirmRequest{*key, *order_id, *amount}, secret), english);
    });
  });

  router.Get("/v1/payments/orders/{orderId}", [this, v1, stored](http::Request& req) -> awaitable<http::Response> {
    co_return co_await v1(req, [&](const std::string&, bool english) {
      return stored(ledger_.FindByOrderId(req.path_param("orderId")), english);
    });
  });

  router.Get("/v1/payments/{paymentKey}", [this, v1, stored](http::Request& req) -> awaitable<http::Response> {
    co_return co_await v1(req, [&](const std::string&, bool english) {
      return stored(ledger_.FindByKey(req.path_param("paymentKey")), english);
    });
  });

  router.Post("/v1/payments/{paymentKey}/cancel", [this, v1, stored, invalid](http::Request& req) -> awaitable<http::Response> {
    co_return co_await v1(req, [&](const std::string&, bool english) {
      std::error_code ec;
      const json::value body = json::parse(req.body(), ec);
      if (ec || !body.is_object()) return invalid("요청 본문이 올바른 JSON 객체가 아닙니다.");
      const auto& o = body.as_object();
      CancelRequest c;
      const auto reason = StringField(o, "cancelReason");
      if (!reason || reason->empty()) return invalid("cancelReason은 필수 값입니다.");
      c.cancel_reason = *reason;
      if (const json::value* v = Field(o, "cancelAmount")) {
        if (v->is_string()) return invalid("cancelAmount는 숫자여야 합니다.");
        c.cancel_amount = AmountOf(v);
        if (!c.cancel_amount) return invalid("cancelAmount는 정수여야 합니다.");
      }
      if (const json::value* v = Field(o, "refundableAmount")) {
        c.refundable_amount = AmountOf(v);
        if (!c.refundable_amount || v->is_string()) return invalid("refundableAmount는 숫자여야 합니다.");
      }
      if (const json::value* v = Field(o, "taxFreeAmount")) {
        const auto n = AmountOf(v);
        if (!n || v->is_string() || *n < 0) return invalid("taxFreeAmount는 0 이상의 숫자여야 합니다.");
        c.tax_free_amount = *n;
      }
      return stored(ledger_.Cancel(req.path_param("paymentKey"), c), english);
    });
  });

  // ---------- the payment window (HTML) ----------
  router.Get("/sandbox/checkout", [](http::Request& req) -> awaitable<http::Response> {
    Params params;
    for (std::string_view name : kWindowParams) {
      if (auto v = req.query(name)) params.emplace_back(std::string(name), *v);
    }
    co_return Html(200, CheckoutPageHtml(params));
  });

  router.Post("/sandbox/checkout", [this](http::Request& req) -> awaitable<http::Response> {
    // The form is application/x-www-form-urlencoded: the same syntax as a query string.
    const http::Request form(http::Method::kGet, "/?" + req.body());
    const Getter get = [&](std::string_view name) { return form.query(name); };
    auto end = RunWindow(ledger_, get);
    if (!end) co_return Html(end.error().http_status, CheckoutErrorHtml(end.error().code, end.error().message));
    const std::string target = get(end->success ? "successUrl" : "failUrl").value_or("");
    if (target.empty()) {
      co_return Html(200, CheckoutErrorHtml(end->success ? "DONE" : end->query[0].second,
                                            "No " + std::string(end->success ? "successUrl" : "failUrl") +
                                                " given; query: " + AppendQuery("", end->query)));
    }
    http::Response res = http::Response::Empty(303);
    res.SetHeader("Location", AppendQuery(target, end->query));
    co_return res;
  });

  // ---------- the payment window for programs ----------
  router.Post("/sandbox/payments", [this](http::Request& req) -> awaitable<http::Response> {
    std::error_code ec;
    const json::value body = json::parse(req.body(), ec);
    if (ec || !body.is_object()) co_return TossErrorResponse(MakeTossError("INVALID_REQUEST", "body must be a JSON object"));
    const auto& o = body.as_object();
    const Getter get = [&](std::string_view name) -> std::optional<std::string> {
      const json::value* v = Field(o, name);
      if (v == nullptr) return std::nullopt;
      if (v->is_string()) return std::string(v->as_string());
      return json::serialize(*v);
    };
    auto end = RunWindow(ledger_, get);
    if (!end) co_return TossErrorResponse(end.error());
    json::object out;
    for (const auto& [k, v] : end->query) out[k] = v;
    if (end->success) out["amount"] = end->payment->total_amount;
    out["outcome"] = end->success ? "success" : "fail";
    if (end->payment) out["status"] = StatusName(end->payment->status);
    out["query"] = AppendQuery("", end->query).substr(1);
    if (auto target = get(end->success ? "successUrl" : "failUrl"); target && !target->empty()) {
      out["redirectUrl"] = AppendQuery(*target, end->query);
    }
    co_return http::Response::Json(end->success ? 201 : 200, out);
  });

  // ---------- records for tests (read-only) and runtime configuration ----------
  router.Get("/sandbox/payments", [this](http::Request& req) -> awaitable<http::Response> {
    const auto order_id = req.query("orderId");
    json::array list;
    for (const Payment& p : ledger_.All()) {
      if (order_id && p.order_id != *order_id) continue;
      list.push_back(PaymentToJson(p));
    }
    const std::size_t count = list.size();
    co_return http::Response::Json(json::object{{"count", count}, {"payments", std::move(list)}});
  });

  router.Get("/sandbox/summary", [this](http::Request&) -> awaitable<http::Response> {
    const LedgerSummary s = ledger_.Summary();
    json::object counts;
    for (const auto& [status, n] : s.counts_by_status) counts[status] = n;
    co_return http::Response::Json(json::object{
        {"charged", s.charged}, {"refunded", s.refunded}, {"balance", s.balance}, {"counts", std::move(counts)}});
  });

  router.Get("/sandbox/webhooks", [this](http::Request&) -> awaitable<http::Response> {
    json::array list;
    for (const WebhookAttempt& a : webhooks_->Attempts()) {
      list.push_back(json::object{{"transmissionId", a.transmission_id},
                                  {"paymentKey", a.payment_key},
                                  {"status", a.status},
                                  {"retriedCount", a.retried_count},
                                  {"httpStatus", a.http_status},
                                  {"error", a.error_code.empty() ? json::value(nullptr) : json::value(a.error_code)},
                                  {"at", FormatKstMicros(a.at)}});
    }
    co_return http::Response::Json(json::object{{"attempts", std::move(list)}});
  });

  router.Get("/sandbox/config", [this](http::Request&) -> awaitable<http::Response> {
    co_return http::Response::Json(ConfigJson(faults_.settings(), ledger_, *webhooks_));
  });

  router.Post("/sandbox/config", [this](http::Request& req) -> awaitable<http::Response> {
    std::error_code ec;
    const json::value body = json::parse(req.body(), ec);
    if (ec || !body.is_object()) co_return http::Problem::BadRequest("body must be a JSON object");
    const auto& o = body.as_object();
    FaultSettings f = faults_.settings();
    std::vector<http::FieldError> errors;
    auto number = [&](std::string_view name, double min, double max) -> std::optional<double> {
      const json::value* v = Field(o, name);
      if (v == nullptr) return std::nullopt;
      if (!v->is_number() || v->to_number<double>() < min || v->to_number<double>() > max) {
        errors.push_back({std::string(name), "must be a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]"});
        return std::nullopt;
      }
      return v->to_number<double>();
    };
    if (auto v = number("latencyMs", 0, 600'000)) f.latency = std::chrono::milliseconds(static_cast<std::int64_t>(*v));
    if (auto v = number("error5xxRate", 0, 1)) f.error_5xx_rate = *v;
    if (auto v = number("processed5xxRate", 0, 1)) f.processed_5xx_rate = *v;
    if (auto v = number("timeoutRate", 0, 1)) f.timeout_rate = *v;
    if (auto v = number("hangMs", 0, 600'000)) f.hang = std::chrono::milliseconds(static_cast<std::int64_t>(*v));
    if (auto v = number("seed", 0, 9e15)) f.seed = static_cast<std::uint64_t>(*v);
    const auto window = number("confirmWindowMs", 1, 86'400'000);
    const auto scale = number("webhookTimeScale", 0, 1000);
    std::optional<std::string> url;
    if (const json::value* v = Field(o, "webhookUrl")) {
      if (!v->is_string()) errors.push_back({"webhookUrl", "must be a string"});
      else url = std::string(v->as_string());
    } else if (auto it = o.find("webhookUrl"); it != o.end()) {
      url = std::string();  // null turns webhooks off
    }
    if (f.error_5xx_rate + f.processed_5xx_rate + f.timeout_rate > 1.0) {
      errors.push_back({"error5xxRate", "the three fault rates must add up to at most 1"});
    }
    if (!errors.empty()) co_return http::Problem::Validation(std::move(errors));
    faults_.Update(f);
    if (window) ledger_.SetConfirmWindow(std::chrono::milliseconds(static_cast<std::int64_t>(*window)));
    if (scale) webhooks_->SetTimeScale(*scale);
    if (url) webhooks_->SetUrl(*url);
    co_return http::Response::Json(ConfigJson(faults_.settings(), ledger_, *webhooks_));
  });

  router.Post("/sandbox/reset", [this](http::Request&) -> awaitable<http::Response> {
    ledger_.Reset();
    idempotency_.Reset();
    webhooks_->ClearAttempts();
    co_return http::Response::Empty(204);
  });
}

}  // namespace eda::toss_sandbox
