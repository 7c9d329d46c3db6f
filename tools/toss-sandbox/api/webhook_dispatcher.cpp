#include "toss-sandbox/api/webhook_dispatcher.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include "eda/log/log.hpp"
#include "toss-sandbox/api/payment_json.hpp"

namespace eda::toss_sandbox {

namespace asio = boost::asio;

struct WebhookDispatcher::State {
  State(asio::any_io_executor ex, httpclient::Client c, Settings s)
      : executor(std::move(ex)), client(std::move(c)), settings(std::move(s)), rng(std::random_device{}()) {}

  asio::any_io_executor executor;
  httpclient::Client client;
  mutable std::mutex mu;
  Settings settings;
  std::mt19937_64 rng;
  std::vector<WebhookAttempt> attempts;

  std::string NewTransmissionId() {
    static constexpr std::string_view kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::lock_guard lk(mu);
    std::string id = "whtrans_";
    for (int i = 0; i < 24; ++i) id.push_back(kAlnum[rng() % kAlnum.size()]);
    return id;
  }
};

namespace {

asio::awaitable<void> Deliver(std::shared_ptr<WebhookDispatcher::State> state, std::string url, std::string body,
                              std::string transmission_id, std::string payment_key, std::string status) {
  const auto& schedule = WebhookDispatcher::RetrySchedule();
  for (int retried = 0;; ++retried) {
    httpclient::Request req;
    req.method = httpclient::Method::kPost;
    req.url = url;
    req.body = body;
    req.headers = {{"Content-Type", "application/json"},
                   {"tosspayments-webhook-transmission-time", FormatKst(std::chrono::system_clock::now())},
                   {"tosspayments-webhook-transmission-retried-count", std::to_string(retried)},
                   {"tosspayments-webhook-transmission-id", transmission_id}};
    double scale = 1.0;
    {
      std::lock_guard lk(state->mu);
      req.timeout = state->settings.attempt_timeout;
      scale = state->settings.time_scale;
    }
    auto res = co_await state->client.Send(std::move(req));
    WebhookAttempt a;
    a.transmission_id = transmission_id;
    a.payment_key = payment_key;
    a.status = status;
    a.retried_count = retried;
    a.at = std::chrono::system_clock::now();
    if (res.ok()) a.http_status = res->status;
    else a.error_code = res.error().code;
    {
      std::lock_guard lk(state->mu);
      state->attempts.push_back(a);
    }
    if (a.http_status == 200) co_return;
    if (retried >= static_cast<int>(schedule.size())) {
      log::Warn("webhook delivery failed after every retry", {{"transmission_id", transmission_id}, {"payment_key", payment_key}});
      co_return;
    }
    const double ms = std::chrono::duration<double, std::milli>(schedule[retried]).count() * scale;
    const auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(ms));
    asio::steady_timer timer(state->executor, delay);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace

const std::vector<std::chrono::minutes>& WebhookDispatcher::RetrySchedule() {
  static const std::vector<std::chrono::minutes> kSchedule = {
      std::chrono::minutes(1),   std::chrono::minutes(4),    std::chrono::minutes(16),  std::chrono::minutes(64),
      std::chrono::minutes(256), std::chrono::minutes(1024), std::chrono::minutes(4096)};
  return kSchedule;
}

Result<std::unique_ptr<WebhookDispatcher>> WebhookDispatcher::Create(asio::any_io_executor executor, Settings settings) {
  httpclient::Settings client_settings;
  client_settings.max_attempts = 1;  // the documented schedule is the retry policy
  auto client = httpclient::Client::Create(executor, client_settings);
  if (!client) return client.error();
  auto state = std::make_shared<State>(std::move(executor), std::move(*client), std::move(settings));
  return std::unique_ptr<WebhookDispatcher>(new WebhookDispatcher(std::move(state)));
}

WebhookDispatcher::WebhookDispatcher(std::shared_ptr<State> state) : state_(std::move(state)) {}

void WebhookDispatcher::Enqueue(const Payment& payment) {
  std::string url;
  {
    std::lock_guard lk(state_->mu);
    url = state_->settings.url;
  }
  if (url.empty()) return;
  std::string body = boost::json::serialize(WebhookBody(payment, std::chrono::system_clock::now()));
  asio::co_spawn(state_->executor,
                 Deliver(state_, std::move(url), std::move(body), state_->NewTransmissionId(), payment.payment_key,
                         std::string(StatusName(payment.status))),
                 asio::detached);
}

std::vector<WebhookAttempt> WebhookDispatcher::Attempts() const {
  std::lock_guard lk(state_->mu);
  return state_->attempts;
}

void WebhookDispatcher::ClearAttempts() {
  std::lock_guard lk(state_->mu);
  state_->attempts.clear();
}

std::string WebhookDispatcher::url() const {
  std::lock_guard lk(state_->mu);
  return state_->settings.url;
}

void WebhookDispatcher::SetUrl(std::string url) {
  std::lock_guard lk(state_->mu);
  state_->settings.url = std::move(url);
}

double WebhookDispatcher::time_scale() const {
  std::lock_guard lk(state_->mu);
  return state_->settings.time_scale;
}

void WebhookDispatcher::SetTimeScale(double scale) {
  std::lock_guard lk(state_->mu);
  state_->settings.time_scale = scale;
}

}  // namespace eda::toss_sandbox
