#include "eda/http/dispatcher.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include <boost/json/parse.hpp>

#include "eda/http/openapi_check.hpp"
#include "eda/metrics/registry.hpp"
#include "route_metrics.hpp"

namespace eda::http {
namespace {

using boost::asio::awaitable;

Result<Principal> VerifyGoodToken(std::string_view token) {
  if (token == "good") return Principal{42, {"USER"}};
  return Error::Permanent("auth.invalid", "bad token");
}

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() {
    router_.Get("/products/{id}", [](Request& req) -> awaitable<Response> {
      auto id = req.path_param_int("id");
      if (!id) co_return Problem::BadRequest("id must be an integer");
      co_return Response::Json(boost::json::object{{"id", *id}});
    });
    router_.Post("/products", [](Request&) -> awaitable<Response> { co_return Response::Empty(201); });
    router_.Get("/me", [](Request& req) -> awaitable<Response> {
      co_return Response::Json(boost::json::object{{"memberId", req.principal()->member_id}});
    }, RequireAuth());
    router_.Get("/boom", [](Request&) -> awaitable<Response> {
      throw std::runtime_error("database exploded");
      co_return Response{};
    });
    // Built after the routes: RouteMetrics sizes itself from the router.
    metrics_ = std::make_unique<RouteMetrics>(registry_, "test", router_);
    dispatcher_ = std::make_unique<Dispatcher>(router_, Authenticator(VerifyGoodToken), CorsPolicy(cors_), metrics_.get());
  }

  Response Call(Method m, std::string target, Headers h = {}) {
    Request req(m, std::move(target), std::move(h));
    return dispatcher_->DispatchBlocking(req);
  }

  Router router_;
  metrics::Registry registry_;
  CorsSettings cors_ = [] {
    CorsSettings c;
    c.allowed_origins = {"http://shop.local"};
    return c;
  }();
  std::unique_ptr<RouteMetrics> metrics_;
  std::unique_ptr<Dispatcher> dispatcher_;
};

boost::json::object Body(const Response& r) { return boost::json::parse(r.body()).as_object(); }

TEST_F(DispatcherTest, FoundRouteWithParams) {
  auto r = Call(Method::kGet, "/products/5?x=1");
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), R"({"id":5})");
  EXPECT_EQ(r.headers().Get("X-Request-Id").size(), 36u);
  EXPECT_TRUE(TraceContext::Parse(r.headers().Get("traceparent")).has_value());
}

TEST_F(DispatcherTest, NotFoundProblem) {
  auto r = Call(Method::kGet, "/nope");
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(r.content_type(), "application/problem+json");
  auto b = Body(r);
  EXPECT_EQ(b.at("code").as_string(), "not_found");
  EXPECT_EQ(b.at("instance").as_string(), "/nope");
}

TEST_F(DispatcherTest, MethodNotAllowedWithAllowHeader) {
  auto r = Call(Method::kDelete, "/products");
  EXPECT_EQ(r.status(), 405);
  EXPECT_EQ(r.headers().Get("Allow"), "POST");
  EXPECT_EQ(Body(r).at("code").as_string(), "method_not_allowed");
}

TEST_F(DispatcherTest, AuthOutcomes) {
  auto none = Call(Method::kGet, "/me");
  EXPECT_EQ(none.status(), 401);
  EXPECT_EQ(none.headers().Get("WWW-Authenticate"), "Bearer");
  Headers bad;
  bad.Add("Authorization", "Bearer nope");
  EXPECT_EQ(Call(Method::kGet, "/me", bad).status(), 401);
  Headers good;
  good.Add("Authorization", "Bearer good");
  auto ok = Call(Method::kGet, "/me", good);
  EXPECT_EQ(ok.status(), 200);
  EXPECT_EQ(ok.body(), R"({"memberId":42})");
}

TEST_F(DispatcherTest, HandlerExceptionBecomes500WithErrorId) {
  auto r = Call(Method::kGet, "/boom");
  EXPECT_EQ(r.status(), 500);
  auto b = Body(r);
  EXPECT_EQ(b.at("code").as_string(), "internal_error");
  EXPECT_EQ(b.at("errorId").as_string().size(), 36u);
  EXPECT_EQ(r.body().find("database exploded"), std::string::npos);  // internals stay in the log
}

TEST_F(DispatcherTest, HandlerProblemGetsInstance) {
  auto r = Call(Method::kGet, "/products/abc");
  EXPECT_EQ(r.status(), 400);
  EXPECT_EQ(Body(r).at("instance").as_string(), "/products/abc");
}

TEST_F(DispatcherTest, EchoesRequestIdAndTrace) {
  Headers h;
  h.Add("X-Request-Id", "rid-1");
  h.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  auto r = Call(Method::kGet, "/products/1", h);
  EXPECT_EQ(r.headers().Get("X-Request-Id"), "rid-1");
  auto t = TraceContext::Parse(r.headers().Get("traceparent"));
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_NE(t->span_id(), "00f067aa0ba902b7");
}

TEST_F(DispatcherTest, CorsPreflightAndDecoration) {
  Headers pre;
  pre.Add("Origin", "http://shop.local");
  pre.Add("Access-Control-Request-Method", "POST");
  auto r = Call(Method::kOptions, "/products", pre);
  EXPECT_EQ(r.status(), 204);
  EXPECT_EQ(r.headers().Get("Access-Control-Allow-Origin"), "http://shop.local");
  EXPECT_FALSE(r.headers().Get("Access-Control-Allow-Methods").empty());

  Headers evil;
  evil.Add("Origin", "http://evil.local");
  evil.Add("Access-Control-Request-Method", "POST");
  auto denied = Call(Method::kOptions, "/products", evil);
  EXPECT_EQ(denied.status(), 405);  // not a preflight we answer: routed normally
  EXPECT_TRUE(denied.headers().Get("Access-Control-Allow-Origin").empty());

  Headers simple;
  simple.Add("Origin", "http://shop.local");
  EXPECT_EQ(Call(Method::kGet, "/products/1", simple).headers().Get("Access-Control-Allow-Origin"), "http://shop.local");
}

TEST_F(DispatcherTest, RecordsPerRouteMetrics) {
  Call(Method::kGet, "/products/1");
  Call(Method::kGet, "/products/2");
  Call(Method::kGet, "/missing");
  auto text = registry_.Serialize();
  EXPECT_NE(text.find(R"(eda_http_requests_total{method="GET",route="/products/{id}",service="test",status="200"} 2)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(eda_http_requests_total{method="GET",route="unmatched",service="test",status="404"} 1)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(eda_http_request_duration_seconds_count{method="GET",route="/products/{id}",service="test"} 2)"),
            std::string::npos)
      << text;
}

TEST(OpenApiCheckTest, ReportsUndocumentedRoutes) {
  Router r;
  auto h = [](Request&) -> awaitable<Response> { co_return Response{}; };
  r.Get("/orders/{orderId}", h);
  r.Post("/orders", h);
  r.Delete("/orders/{orderId}", h);
  auto doc = R"({"openapi":"3.1.0","paths":{"/orders/{id}":{"get":{}},"/orders":{"post":{}}}})";
  auto missing = UndocumentedRoutes(r, doc);
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(*missing, std::vector<std::string>{"DELETE /orders/{orderId}"});
  EXPECT_FALSE(UndocumentedRoutes(r, "not json").ok());
  EXPECT_FALSE(UndocumentedRoutes(r, R"({"openapi":"3.1.0"})").ok());
}

}  // namespace
}  // namespace eda::http
