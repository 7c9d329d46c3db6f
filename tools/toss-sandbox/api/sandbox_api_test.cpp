// Drives the sandbox over real HTTP: the sandbox and a webhook receiver run in-process on ephemeral
// loopback ports; requests go through libs/httpclient. No external server: label unit.
#include "toss-sandbox/api/sandbox_app.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "eda/http/openapi_check.hpp"
#include "eda/http/server.hpp"
#include "eda/httpclient/client.hpp"
#include "toss-sandbox/api/openapi_document.hpp"

namespace eda::toss_sandbox {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using httpclient::Method;

constexpr const char* kSecret = "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R";

// Receives webhooks; answers 500 to the first `fail_first` deliveries.
struct Receiver {
  std::mutex mu;
  std::vector<json::value> bodies;
  std::vector<std::pair<std::string, std::string>> ids_and_counts;  // transmission-id, retried-count
  std::atomic<int> calls{0};
  std::atomic<int> fail_first{0};

  http::Router MakeRouter() {
    http::Router r;
    r.Post("/hook", [this](http::Request& req) -> boost::asio::awaitable<http::Response> {
      const int n = calls.fetch_add(1);
      {
        std::lock_guard lk(mu);
        bodies.push_back(json::parse(req.body()));
        ids_and_counts.emplace_back(std::string(req.header("tosspayments-webhook-transmission-id")),
                                    std::string(req.header("tosspayments-webhook-transmission-retried-count")));
      }
      if (n < fail_first.load()) co_return http::Response::Text(500, "down");
      co_return http::Response::Text(200, "ok");
    });
    return r;
  }
};

class SandboxApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http::ServerSettings hs;
    hs.address = "127.0.0.1";
    hs.port = 0;
    hs.io_threads = 2;
    hs.access_log = false;
    hs.shutdown_timeout = 200ms;
    receiver_server_ = std::make_unique<http::Server>(hs, receiver_.MakeRouter(), registry_);
    ASSERT_TRUE(receiver_server_->Start().ok());

    SandboxSettings s;
    s.webhook_url = "http://127.0.0.1:" + std::to_string(receiver_server_->port()) + "/hook";
    s.webhook_time_scale = 0.001;  // 1, 4, 16 minutes → 60, 240, 960 ms
    s.sweep_interval = 50ms;
    s.extra_secret_keys.emplace_back("test_sk_custom_from_env");
    app_ = std::make_unique<SandboxApp>(s);
    http::Router router;
    app_->AddRoutes(router);
    router_routes_ = router.routes().size();
    server_ = std::make_unique<http::Server>(hs, std::move(router), registry_);
    ASSERT_TRUE(server_->Start().ok());
    app_->Start();
    base_ = "http://127.0.0.1:" + std::to_string(server_->port());

    client_thread_ = std::thread([this] { ioc_.run(); });
    client_ = std::make_unique<httpclient::Client>(httpclient::Client::Create(ioc_.get_executor()).value());
  }

  void TearDown() override {
    server_->Stop();
    receiver_server_->Stop();
    app_->Stop();
    client_.reset();
    work_.reset();
    ioc_.stop();
    client_thread_.join();
  }

  Result<httpclient::Response> Call(Method method, const std::string& path, const std::string& body = "",
                                    std::vector<std::pair<std::string, std::string>> headers = {},
                                    std::chrono::milliseconds timeout = 10s, const std::string& secret = kSecret) {
    httpclient::Request req;
    req.method = method;
    req.url = base_ + path;
    req.body = body;
    req.timeout = timeout;
    if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json");
    if (!secret.empty()) req.headers.emplace_back("Authorization", httpclient::BasicAuthorization(secret, ""));
    for (auto& h : headers) req.headers.push_back(std::move(h));
    return client_->SendBlocking(std::move(req));
  }
  httpclient::Response Must(Method method, const std::string& path, const std::string& body = "",
                            std::vector<std::pair<std::string, std::string>> headers = {}) {
    auto r = Call(method, path, body, std::move(headers));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : httpclient::Response{};
  }
  static json::object Body(const httpclient::Response& r) { return json::parse(r.body).as_object(); }

  // Opens the window for programs and returns the paymentKey.
  std::string Window(const std::string& order_id, std::int64_t amount, const std::string& outcome = "approve") {
    const json::object req{{"orderId", order_id}, {"orderName", "생수 외 1건"}, {"amount", amount},
                           {"outcome", outcome},  {"metadata", json::object{{"memberId", "7"}}},
                           {"successUrl", "http://shop.local/success"}};
    const auto r = Must(Method::kPost, "/sandbox/payments", json::serialize(req));
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(Body(r).at("paymentKey").as_string());
  }
  static std::string ConfirmBody(const std::string& key, const std::string& order, std::int64_t amount) {
    return json::serialize(json::object{{"paymentKey", key}, {"orderId", order}, {"amount", amount}});
  }
  void Config(const json::object& o) { ASSERT_EQ(Must(Method::kPost, "/sandbox/config", json::serialize(o)).status, 200); }

  template <class Pred>
  bool WaitFor(Pred pred, std::chrono::milliseconds limit = 5s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      if (pred()) return true;
      std::this_thread::sleep_for(20ms);
    }
    return pred();
  }

  metrics::Registry registry_;
  Receiver receiver_;
  std::unique_ptr<http::Server> receiver_server_;
  std::unique_ptr<SandboxApp> app_;
  std::unique_ptr<http::Server> server_;
  std::size_t router_routes_ = 0;
  std::string base_;
  boost::asio::io_context ioc_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      boost::asio::make_work_guard(ioc_)};
  std::thread client_thread_;
  std::unique_ptr<httpclient::Client> client_;
};

TEST_F(SandboxApiTest, WindowConfirmLookupPartialAndFullCancel) {
  const std::string key = Window("order_happy01", 15000);
  EXPECT_EQ(key.substr(0, 5), "tgen_");

  const auto confirmed = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_happy01", 15000));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  auto p = Body(confirmed);
  EXPECT_EQ(p.at("status").as_string(), "DONE");
  EXPECT_EQ(p.at("method").as_string(), "카드");
  EXPECT_EQ(p.at("totalAmount").as_int64(), 15000);
  EXPECT_EQ(p.at("vat").as_int64(), 1364);
  EXPECT_EQ(p.at("metadata").at("memberId").as_string(), "7");
  EXPECT_TRUE(std::string(p.at("approvedAt").as_string()).ends_with("+09:00"));
  EXPECT_TRUE(confirmed.Header("X-TossPayments-Trace-Id").has_value());

  const auto by_key = Must(Method::kGet, "/v1/payments/" + key);
  ASSERT_EQ(by_key.status, 200);
  EXPECT_EQ(Body(by_key).at("lastTransactionKey"), p.at("lastTransactionKey"));
  const auto by_order = Must(Method::kGet, "/v1/payments/orders/order_happy01");
  ASSERT_EQ(by_order.status, 200);
  EXPECT_EQ(Body(by_order).at("paymentKey").as_string(), key);

  const auto partial = Must(Method::kPost, "/v1/payments/" + key + "/cancel",
                            R"({"cancelReason":"고객 변심","cancelAmount":5000})");
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_EQ(Body(partial).at("status").as_string(), "PARTIAL_CANCELED");
  EXPECT_EQ(Body(partial).at("balanceAmount").as_int64(), 10000);
  EXPECT_EQ(Body(partial).at("vat").as_int64(), 909);
  EXPECT_EQ(Body(partial).at("cancels").as_array().size(), 1u);

  const auto over = Must(Method::kPost, "/v1/payments/" + key + "/cancel", R"({"cancelReason":"x","cancelAmount":10001})");
  EXPECT_EQ(over.status, 403);
  EXPECT_EQ(Body(over).at("code").as_string(), "NOT_CANCELABLE_AMOUNT");

  const auto full = Must(Method::kPost, "/v1/payments/" + key + "/cancel", R"({"cancelReason":"재고 부족"})");
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(Body(full).at("status").as_string(), "CANCELED");
  EXPECT_EQ(Body(full).at("balanceAmount").as_int64(), 0);
  EXPECT_EQ(Body(full).at("cancels").as_array().size(), 2u);

  const auto again = Must(Method::kPost, "/v1/payments/" + key + "/cancel", R"({"cancelReason":"again"})");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(Body(again).at("code").as_string(), "ALREADY_CANCELED_PAYMENT");

  const auto summary = Body(Must(Method::kGet, "/sandbox/summary"));
  EXPECT_EQ(summary.at("charged").as_int64(), 15000);
  EXPECT_EQ(summary.at("refunded").as_int64(), 15000);
  EXPECT_EQ(summary.at("balance").as_int64(), 0);
  EXPECT_EQ(summary.at("counts").at("CANCELED").as_int64(), 1);
  const auto records = Body(Must(Method::kGet, "/sandbox/payments?orderId=order_happy01"));
  EXPECT_EQ(records.at("count").as_int64(), 1);
}

TEST_F(SandboxApiTest, ConfirmErrors) {
  const std::string key = Window("order_err0001", 20000);
  const auto mismatch = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_err0001", 100));
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(Body(mismatch).at("code").as_string(), "INVALID_REQUEST");
  const auto missing = Must(Method::kPost, "/v1/payments/confirm", R"({"paymentKey":"x"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(Body(missing).at("code").as_string(), "INVALID_REQUEST");
  // amount as a numeric string, as the official sample sends it
  const auto ok = Must(Method::kPost, "/v1/payments/confirm",
                       json::serialize(json::object{{"paymentKey", key}, {"orderId", "order_err0001"}, {"amount", "20000"}}));
  ASSERT_EQ(ok.status, 200) << ok.body;
  const auto second = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_err0001", 20000));
  EXPECT_EQ(second.status, 400);
  EXPECT_EQ(Body(second).at("code").as_string(), "ALREADY_PROCESSED_PAYMENT");
  const auto unknown = Must(Method::kGet, "/v1/payments/tgen_unknown");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Body(unknown).at("code").as_string(), "NOT_FOUND_PAYMENT");
}

TEST_F(SandboxApiTest, AuthErrors) {
  const auto wrong = Call(Method::kGet, "/v1/payments/x", "", {}, 5s, "test_sk_wrong");
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(Body(*wrong).at("code").as_string(), "UNAUTHORIZED_KEY");
  const auto none = Call(Method::kGet, "/v1/payments/x", "", {}, 5s, "");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->status, 401);
  // base64("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R") without the colon
  const auto no_colon = Call(Method::kGet, "/v1/payments/x", "",
                             {{"Authorization", "Basic dGVzdF9za196WExrS0V5cE5BcldtbzUwblgzbG1lYXhZRzVS"}}, 5s, "");
  ASSERT_TRUE(no_colon.ok());
  EXPECT_EQ(no_colon->status, 403);
  EXPECT_EQ(Body(*no_colon).at("code").as_string(), "INCORRECT_BASIC_AUTH_FORMAT");
  // the widget docs key and a key from EDA_TOSS_SECRET_KEY are accepted
  for (const char* k : {"test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "test_sk_custom_from_env"}) {
    const auto r = Call(Method::kGet, "/v1/payments/x", "", {}, 5s, k);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 404) << k;
  }
}

TEST_F(SandboxApiTest, IdempotencyReplaysTheFirstResponse) {
  const std::string key = Window("order_idem0001", 30000);
  const std::vector<std::pair<std::string, std::string>> idem = {{"Idempotency-Key", "confirm-order_idem0001"}};
  const auto first = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_idem0001", 30000), idem);
  ASSERT_EQ(first.status, 200);
  const auto replay = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_idem0001", 30000), idem);
  EXPECT_EQ(replay.status, 200) << "a replay, not ALREADY_PROCESSED_PAYMENT";
  EXPECT_EQ(replay.body, first.body);
  EXPECT_EQ(replay.Header("X-Sandbox-Idempotent-Replay").value_or(""), "true");
  // Same key, other body: the body is not part of the scope (documented), so the first response again.
  const auto other = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody("tgen_other", "order_other01", 1), idem);
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, first.body);

  const std::vector<std::pair<std::string, std::string>> cancel_key = {{"Idempotency-Key", "cancel-1"}};
  const std::string cancel = R"({"cancelReason":"부분","cancelAmount":1000})";
  ASSERT_EQ(Must(Method::kPost, "/v1/payments/" + key + "/cancel", cancel, cancel_key).status, 200);
  ASSERT_EQ(Must(Method::kPost, "/v1/payments/" + key + "/cancel", cancel, cancel_key).status, 200);
  EXPECT_EQ(Body(Must(Method::kGet, "/v1/payments/" + key)).at("balanceAmount").as_int64(), 29000) << "cancelled once";

  const auto long_key = Must(Method::kPost, "/v1/payments/" + key + "/cancel", cancel, {{"Idempotency-Key", std::string(301, 'k')}});
  EXPECT_EQ(long_key.status, 400);
  EXPECT_EQ(Body(long_key).at("code").as_string(), "INVALID_IDEMPOTENCY_KEY");
}

TEST_F(SandboxApiTest, TestCodeHeaderInjectsTheDocumentedErrorWithoutStateChange) {
  const std::string key = Window("order_code0001", 5000);
  const auto rejected = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_code0001", 5000),
                             {{"TossPayments-Test-Code", "REJECT_CARD_PAYMENT"}});
  EXPECT_EQ(rejected.status, 403);
  EXPECT_EQ(Body(rejected).at("code").as_string(), "REJECT_CARD_PAYMENT");
  const auto provider = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_code0001", 5000),
                             {{"TossPayments-Test-Code", "PROVIDER_ERROR"}});
  EXPECT_EQ(provider.status, 400);
  EXPECT_EQ(Body(provider).at("code").as_string(), "PROVIDER_ERROR");
  EXPECT_EQ(Body(Must(Method::kGet, "/v1/payments/" + key)).at("status").as_string(), "IN_PROGRESS");
  EXPECT_EQ(Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_code0001", 5000)).status, 200);
}

TEST_F(SandboxApiTest, DeclinedCardAbortsAndWindowFailRedirects) {
  const std::string key = Window("order_decl0001", 5000, "decline");
  const auto r = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_decl0001", 5000));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Body(r).at("code").as_string(), "REJECT_CARD_PAYMENT");
  const auto p = Body(Must(Method::kGet, "/v1/payments/" + key));
  EXPECT_EQ(p.at("status").as_string(), "ABORTED");
  EXPECT_EQ(p.at("failure").at("code").as_string(), "REJECT_CARD_PAYMENT");

  const auto cancel = Must(Method::kPost, "/sandbox/payments",
                           R"({"orderId":"order_fail0001","orderName":"x","amount":1000,"outcome":"cancel","failUrl":"http://shop.local/fail"})");
  ASSERT_EQ(cancel.status, 200);
  EXPECT_EQ(Body(cancel).at("code").as_string(), "PAY_PROCESS_CANCELED");
  EXPECT_TRUE(std::string(Body(cancel).at("redirectUrl").as_string()).starts_with("http://shop.local/fail?code=PAY_PROCESS_CANCELED&message="));
}

TEST_F(SandboxApiTest, HtmlWindowRedirectsToSuccessAndFailUrls) {
  const auto page = Must(Method::kGet, "/sandbox/checkout?orderId=order_html0001&orderName=%EC%83%9D%EC%88%98&amount=15000"
                                       "&successUrl=http%3A%2F%2Fshop.local%2Fok&failUrl=http%3A%2F%2Fshop.local%2Ffail");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("생수"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/sandbox/checkout\""), std::string::npos);

  const std::string form = "orderId=order_html0001&orderName=%EC%83%9D%EC%88%98&amount=15000"
                           "&successUrl=http%3A%2F%2Fshop.local%2Fok&failUrl=http%3A%2F%2Fshop.local%2Ffail"
                           "&metadata=%7B%22memberId%22%3A%227%22%7D";
  auto post = [&](const std::string& outcome) {
    httpclient::Request req;
    req.method = Method::kPost;
    req.url = base_ + "/sandbox/checkout";
    req.body = form + "&outcome=" + outcome;
    req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return client_->SendBlocking(std::move(req));
  };
  const auto ok = post("approve");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->status, 303);
  const std::string location(ok->Header("Location").value_or(""));
  EXPECT_TRUE(location.starts_with("http://shop.local/ok?paymentType=NORMAL&orderId=order_html0001&paymentKey=tgen_")) << location;
  EXPECT_TRUE(location.ends_with("&amount=15000")) << location;
  const auto p = Body(Must(Method::kGet, "/v1/payments/orders/order_html0001"));
  EXPECT_EQ(p.at("status").as_string(), "IN_PROGRESS");
  EXPECT_EQ(p.at("metadata").at("memberId").as_string(), "7");

  const auto fail = post("cancel");
  ASSERT_TRUE(fail.ok());
  ASSERT_EQ(fail->status, 303);
  EXPECT_TRUE(std::string(fail->Header("Location").value_or("")).starts_with("http://shop.local/fail?code=PAY_PROCESS_CANCELED"));
}

TEST_F(SandboxApiTest, Injected5xxDoesNothingButProcessed5xxAndTimeoutDoTheWork) {
  const std::string a = Window("order_fault001", 1000);
  Config(json::object{{"error5xxRate", 1.0}});
  const auto plain = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(a, "order_fault001", 1000));
  EXPECT_EQ(plain.status, 500);
  EXPECT_EQ(Body(plain).at("code").as_string(), "FAILED_INTERNAL_SYSTEM_PROCESSING");
  Config(json::object{{"error5xxRate", 0.0}});
  EXPECT_EQ(Body(Must(Method::kGet, "/v1/payments/" + a)).at("status").as_string(), "IN_PROGRESS");

  // processed, answered 500: the lookup shows DONE, and a retry with the same key replays the 200
  Config(json::object{{"processed5xxRate", 1.0}});
  const std::vector<std::pair<std::string, std::string>> idem = {{"Idempotency-Key", "confirm-fault001"}};
  const auto lost = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(a, "order_fault001", 1000), idem);
  EXPECT_EQ(lost.status, 500);
  Config(json::object{{"processed5xxRate", 0.0}});
  EXPECT_EQ(Body(Must(Method::kGet, "/v1/payments/" + a)).at("status").as_string(), "DONE");
  const auto retried = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(a, "order_fault001", 1000), idem);
  EXPECT_EQ(retried.status, 200);
  EXPECT_EQ(Body(retried).at("status").as_string(), "DONE");

  // processed, answer held back: the client times out, the payment is DONE
  const std::string b = Window("order_fault002", 2000);
  Config(json::object{{"timeoutRate", 1.0}, {"hangMs", 1500}});
  const auto timed_out = Call(Method::kPost, "/v1/payments/confirm", ConfirmBody(b, "order_fault002", 2000), {}, 300ms);
  ASSERT_FALSE(timed_out.ok());
  EXPECT_EQ(timed_out.error().code, "http.timeout");
  Config(json::object{{"timeoutRate", 0.0}});
  EXPECT_EQ(Body(Must(Method::kGet, "/v1/payments/" + b)).at("status").as_string(), "DONE");

  // latency is added
  Config(json::object{{"latencyMs", 150}});
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(Must(Method::kGet, "/v1/payments/" + b).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 150ms);
}

TEST_F(SandboxApiTest, WebhookDeliveredWithRetries) {
  receiver_.fail_first = 2;
  const std::string key = Window("order_hook0001", 7000);
  ASSERT_EQ(Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_hook0001", 7000)).status, 200);
  ASSERT_TRUE(WaitFor([&] { return receiver_.calls.load() >= 3; }));
  std::this_thread::sleep_for(300ms);  // no fourth attempt after the 200
  EXPECT_EQ(receiver_.calls.load(), 3);
  std::lock_guard lk(receiver_.mu);
  ASSERT_EQ(receiver_.ids_and_counts.size(), 3u);
  EXPECT_TRUE(receiver_.ids_and_counts[0].first.starts_with("whtrans_"));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(receiver_.ids_and_counts[i].first, receiver_.ids_and_counts[0].first);
    EXPECT_EQ(receiver_.ids_and_counts[i].second, std::to_string(i));
  }
  const auto& body = receiver_.bodies.back().as_object();
  EXPECT_EQ(body.at("eventType").as_string(), "PAYMENT_STATUS_CHANGED");
  EXPECT_EQ(body.at("data").at("status").as_string(), "DONE");
  EXPECT_EQ(body.at("data").at("paymentKey").as_string(), key);
  const auto attempts = Body(Must(Method::kGet, "/sandbox/webhooks")).at("attempts").as_array();
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[2].at("httpStatus").as_int64(), 200);
}

TEST_F(SandboxApiTest, UnconfirmedPaymentExpires) {
  Config(json::object{{"confirmWindowMs", 200}});
  const std::string key = Window("order_exp00001", 3000);
  ASSERT_TRUE(WaitFor([&] {
    return Body(Must(Method::kGet, "/sandbox/summary")).at("counts").at("EXPIRED").as_int64() == 1;
  }));
  const auto p = Body(Must(Method::kGet, "/v1/payments/" + key));
  EXPECT_EQ(p.at("status").as_string(), "EXPIRED");
  EXPECT_EQ(p.at("failure").at("code").as_string(), "EXPIRED_PAYMENT");
  const auto late = Must(Method::kPost, "/v1/payments/confirm", ConfirmBody(key, "order_exp00001", 3000));
  EXPECT_EQ(late.status, 404);
  EXPECT_EQ(Body(late).at("code").as_string(), "NOT_FOUND_PAYMENT_SESSION");
  ASSERT_TRUE(WaitFor([&] { return receiver_.calls.load() >= 1; }));
  std::lock_guard lk(receiver_.mu);
  EXPECT_EQ(receiver_.bodies[0].at("data").at("status").as_string(), "EXPIRED");
}

TEST_F(SandboxApiTest, EveryRouteIsDocumentedInOpenApi) {
  http::Router router;
  app_->AddRoutes(router);
  auto missing = http::UndocumentedRoutes(router, OpenApiDocument());
  ASSERT_TRUE(missing.ok()) << missing.error().message;
  EXPECT_TRUE(missing->empty()) << (*missing)[0];
  EXPECT_EQ(router.routes().size(), 13u);
  EXPECT_EQ(json::parse(OpenApiDocument()).at("openapi").as_string(), "3.1.0");
}

}  // namespace
}  // namespace eda::toss_sandbox
