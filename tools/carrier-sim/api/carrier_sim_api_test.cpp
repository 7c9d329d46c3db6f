// Drives the simulator over real HTTP: in-process server on an ephemeral loopback port, requests
// through libs/httpclient; time is a fake clock. No external server: label unit.
#include "carrier-sim/api/carrier_sim_app.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "carrier-sim/api/openapi_document.hpp"
#include "eda/http/openapi_check.hpp"
#include "eda/http/server.hpp"
#include "eda/httpclient/client.hpp"

namespace eda::carrier_sim {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using httpclient::Method;

class CarrierSimApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CarrierSimSettings s;
    s.step = 60s;
    app_ = std::make_unique<CarrierSimApp>(s, [this] { return TimePoint{} + std::chrono::seconds{now_s_.load()}; });
    http::Router router;
    app_->AddRoutes(router);
    auto missing = http::UndocumentedRoutes(router, OpenApiDocument());
    ASSERT_TRUE(missing.ok());
    EXPECT_TRUE(missing->empty()) << (missing->empty() ? "" : missing->front());
    http::ServerSettings hs;
    hs.address = "127.0.0.1";
    hs.port = 0;
    hs.io_threads = 1;
    hs.access_log = false;
    hs.shutdown_timeout = 200ms;
    server_ = std::make_unique<http::Server>(hs, std::move(router), registry_);
    ASSERT_TRUE(server_->Start().ok());
    base_ = "http://127.0.0.1:" + std::to_string(server_->port());
    client_thread_ = std::thread([this] { ioc_.run(); });
    client_ = std::make_unique<httpclient::Client>(httpclient::Client::Create(ioc_.get_executor()).value());
  }
  void TearDown() override {
    server_->Stop();
    client_.reset();
    work_.reset();
    ioc_.stop();
    client_thread_.join();
  }
  httpclient::Response Call(Method method, const std::string& path, const std::string& body = "") {
    httpclient::Request req;
    req.method = method;
    req.url = base_ + path;
    req.body = body;
    req.timeout = 10s;
    if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json");
    auto r = client_->SendBlocking(std::move(req));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : httpclient::Response{};
  }
  static json::object Body(const httpclient::Response& r) { return json::parse(r.body).as_object(); }
  static std::string Book(const std::string& order, const std::string& address = "Seoul, Gangnam 1") {
    return json::serialize(json::object{{"orderId", order}, {"address", address}, {"productCount", 2}});
  }

  std::atomic<std::int64_t> now_s_{1'800'000'000};
  metrics::Registry registry_;
  std::unique_ptr<CarrierSimApp> app_;
  std::unique_ptr<http::Server> server_;
  std::string base_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{ioc_.get_executor()};
  std::thread client_thread_;
  std::unique_ptr<httpclient::Client> client_;
};

TEST_F(CarrierSimApiTest, BookIsIdempotentAndTrackingAdvancesWithTime) {
  const auto first = Call(Method::kPost, "/carriers/HANJIN/shipments", Book("ORD-A"));
  ASSERT_EQ(first.status, 201) << first.body;
  const auto second = Call(Method::kPost, "/carriers/HANJIN/shipments", Book("ORD-A"));
  ASSERT_EQ(second.status, 200) << second.body;
  const std::string tn(Body(first).at("trackingNumber").as_string());
  EXPECT_EQ(Body(second).at("trackingNumber").as_string(), tn);
  EXPECT_EQ(Body(first).at("status").as_string(), "ACCEPTED");

  auto track = Call(Method::kGet, "/carriers/HANJIN/shipments/" + tn);
  ASSERT_EQ(track.status, 200);
  EXPECT_EQ(Body(track).at("status").as_string(), "ACCEPTED");
  now_s_ += 60;
  EXPECT_EQ(Body(Call(Method::kGet, "/carriers/HANJIN/shipments/" + tn)).at("status").as_string(), "IN_TRANSIT");
  now_s_ += 60;
  track = Call(Method::kGet, "/carriers/HANJIN/shipments/" + tn);
  const auto body = Body(track);
  EXPECT_EQ(body.at("status").as_string(), "DELIVERED");
  ASSERT_EQ(body.at("events").as_array().size(), 3U);
  EXPECT_EQ(body.at("events").as_array()[0].at("at").as_string(), FormatUtc(TimePoint{} + std::chrono::seconds{1'800'000'000}));
}

TEST_F(CarrierSimApiTest, ErrorsAreProblems) {
  auto r = Call(Method::kPost, "/carriers/DHL/shipments", Book("ORD-B"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r).at("code").as_string(), "unknown_carrier");
  r = Call(Method::kGet, "/carriers/CJ/shipments/CJ-000");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r).at("code").as_string(), "unknown_shipment");
  r = Call(Method::kPost, "/carriers/CJ/shipments", R"({"orderId":"x","productCount":0})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r).at("code").as_string(), "validation_failed");
  r = Call(Method::kPost, "/carriers/LOTTE/shipments", Book("ORD-C", "UNDELIVERABLE island"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(Body(r).at("code").as_string(), "shipment_refused");
}

TEST_F(CarrierSimApiTest, CancelBeforePickupOnly) {
  const std::string held(Body(Call(Method::kPost, "/carriers/CJ/shipments", Book("ORD-H", "Seoul HOLD-AT-HUB"))).at("trackingNumber").as_string());
  const std::string moving(Body(Call(Method::kPost, "/carriers/CJ/shipments", Book("ORD-M"))).at("trackingNumber").as_string());
  now_s_ += 60;
  auto r = Call(Method::kPost, "/carriers/CJ/shipments/" + held + "/cancel", "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r).at("status").as_string(), "CANCELLED");
  EXPECT_EQ(Call(Method::kPost, "/carriers/CJ/shipments/" + held + "/cancel", "").status, 200);
  r = Call(Method::kPost, "/carriers/CJ/shipments/" + moving + "/cancel", "");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Body(r).at("code").as_string(), "already_picked_up");
  EXPECT_EQ(Call(Method::kPost, "/carriers/CJ/shipments/CJ-000/cancel", "").status, 404);
}

TEST_F(CarrierSimApiTest, InjectedFaults) {
  auto r = Call(Method::kPut, "/sim/faults", R"({"errorPercent":100,"latencyMs":50})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto start = std::chrono::steady_clock::now();
  r = Call(Method::kPost, "/carriers/CJ/shipments", Book("ORD-D"));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(Body(r).at("code").as_string(), "carrier_unavailable");
  EXPECT_EQ(app_->registry().size(), 0U);
  EXPECT_EQ(Call(Method::kPut, "/sim/faults", R"({"errorPercent":101,"latencyMs":0})").status, 400);
  ASSERT_EQ(Call(Method::kPut, "/sim/faults", R"({"errorPercent":0,"latencyMs":0})").status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/sim/faults")).at("errorPercent").as_int64(), 0);
  EXPECT_EQ(Call(Method::kPost, "/carriers/CJ/shipments", Book("ORD-D")).status, 201);
}

}  // namespace
}  // namespace eda::carrier_sim
