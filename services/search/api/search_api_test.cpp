// Routes through the real Dispatcher (routing, auth, problem rendering) with a fake index.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "eda/auth/http_token_verifier.hpp"
#include "eda/auth/testing/test_tokens.hpp"
#include "eda/http/authenticator.hpp"
#include "eda/http/dispatcher.hpp"
#include "eda/http/openapi_check.hpp"
#include "search/api/openapi_document.hpp"
#include "search/api/search_routes.hpp"
#include "search/domain/testing/fake_search_index.hpp"

namespace eda::search {
namespace {

class FakeRebuild final : public RebuildTrigger {
 public:
  Result<void, SearchError> Start() override {
    if (running) return SearchError{SearchErrc::kRebuildRunning, "running", {}};
    running = true;
    ++starts;
    return {};
  }
  RebuildStatus Status() override {
    RebuildStatus s;
    s.running = running;
    s.active_generation = "3";
    return s;
  }
  bool running = false;
  int starts = 0;
};

class SearchApiTest : public ::testing::Test {
 protected:
  SearchApiTest() {
    AddSearchRoutes(router, service, rebuild,
                    [](const std::function<void()>& fn) -> boost::asio::awaitable<void> {
                      fn();
                      co_return;
                    });
    dispatcher = std::make_unique<http::Dispatcher>(router, http::Authenticator(auth::MakeHttpTokenVerifier(tokens.verifier(), tokens.revocations())));
  }
  http::Response Call(http::Method m, const std::string& target, const std::string& token = {}) {
    http::Headers h;
    if (!token.empty()) h.Set("Authorization", "Bearer " + token);
    http::Request req(m, target, h);
    return dispatcher->DispatchBlocking(req);
  }
  static boost::json::value Body(const http::Response& r) { return boost::json::parse(r.body()); }

  void Upsert(std::int64_t id, std::string name, std::int64_t price, std::vector<std::string> tags) {
    ProductChange c;
    c.product = ProductSummary{id, std::move(name), price, 4, 9, std::move(tags)};
    c.version_ms = 1;
    ASSERT_TRUE(index.ApplyUpsert(MakeDocument(c), {}).ok());
  }

  testing::FakeSearchIndex index;
  SearchService service{index};
  FakeRebuild rebuild;
  auth::testing::TestTokens tokens;
  http::Router router;
  std::unique_ptr<http::Dispatcher> dispatcher;
};

TEST_F(SearchApiTest, SeedTagRouteReturnsNumbers) {
  index.seed["노트북"] = {"12", "3"};
  auto r = Call(http::Method::kGet, "/search/tags/%EB%85%B8%ED%8A%B8%EB%B6%81");
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), "[3,12]");
  auto empty = Call(http::Method::kGet, "/search/tags/unknown");
  EXPECT_EQ(empty.status(), 200);
  EXPECT_EQ(empty.body(), "[]");
}

TEST_F(SearchApiTest, ProductsQueryShape) {
  Upsert(5, "Gaming Laptop", 1200, {"laptop"});
  Upsert(6, "Office Laptop", 800, {"laptop"});
  auto r = Call(http::Method::kGet, "/search/products?tags=laptop&q=lap&sort=price_asc&size=1");
  ASSERT_EQ(r.status(), 200) << r.body();
  const auto body = Body(r).as_object();
  EXPECT_EQ(body.at("total").as_int64(), 2);
  EXPECT_EQ(body.at("page").as_int64(), 0);
  EXPECT_EQ(body.at("size").as_int64(), 1);
  const auto& item = body.at("items").as_array().at(0).as_object();
  EXPECT_EQ(item.at("productId").as_int64(), 6);
  EXPECT_EQ(item.at("productName").as_string(), "Office Laptop");
  EXPECT_EQ(item.at("productPrice").as_int64(), 800);
  EXPECT_EQ(item.at("stockCount").as_int64(), 4);
  EXPECT_EQ(item.at("tags").as_array().at(0).as_string(), "laptop");
}

TEST_F(SearchApiTest, NewestWithoutQueryListsEveryProduct) {
  Upsert(5, "Gaming Laptop", 1200, {"laptop"});
  Upsert(8, "Desk Lamp", 300, {"lighting"});
  Upsert(6, "Office Laptop", 800, {"laptop"});
  auto r = Call(http::Method::kGet, "/search/products?sort=newest&size=2");
  ASSERT_EQ(r.status(), 200) << r.body();
  const auto body = Body(r).as_object();
  EXPECT_EQ(body.at("total").as_int64(), 3);
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at(0).at("productId").as_int64(), 8);
  EXPECT_EQ(items.at(1).at("productId").as_int64(), 6);
  auto narrowed = Call(http::Method::kGet, "/search/products?sort=newest&tags=laptop");
  ASSERT_EQ(narrowed.status(), 200) << narrowed.body();
  EXPECT_EQ(Body(narrowed).at("items").as_array().at(0).at("productId").as_int64(), 6);
  // Any other order still needs a tag or a word.
  auto bare = Call(http::Method::kGet, "/search/products?sort=price_asc");
  EXPECT_EQ(bare.status(), 400);
  EXPECT_EQ(Body(bare).at("errors").as_array().at(0).at("field").as_string(), "q");
}

TEST_F(SearchApiTest, ValidationIs400ProblemWithFields) {
  auto r = Call(http::Method::kGet, "/search/products?tags=a&size=500&mode=both");
  EXPECT_EQ(r.status(), 400);
  const auto body = Body(r).as_object();
  EXPECT_EQ(body.at("code").as_string(), "validation_failed");
  EXPECT_EQ(body.at("errors").as_array().size(), 2u);
  EXPECT_EQ(body.at("instance").as_string(), "/search/products");
}

TEST_F(SearchApiTest, RedisDownIs503) {
  index.fail_next = Error::Transient("redis.connection", "refused");
  auto r = Call(http::Method::kGet, "/search/tags/x");
  EXPECT_EQ(r.status(), 503);
  EXPECT_EQ(Body(r).as_object().at("code").as_string(), "service_unavailable");
}

TEST_F(SearchApiTest, RebuildNeedsAdmin) {
  EXPECT_EQ(Call(http::Method::kPost, "/search/admin/rebuild").status(), 401);
  EXPECT_EQ(Call(http::Method::kPost, "/search/admin/rebuild", tokens.AccessToken(1, {auth::Role::kBuyer})).status(), 403);
  const std::string admin = tokens.AccessToken(2, {auth::Role::kAdmin});
  EXPECT_EQ(Call(http::Method::kPost, "/search/admin/rebuild", admin).status(), 202);
  auto again = Call(http::Method::kPost, "/search/admin/rebuild", admin);
  EXPECT_EQ(again.status(), 409);
  EXPECT_EQ(Body(again).as_object().at("code").as_string(), "rebuild_running");
  auto status = Call(http::Method::kGet, "/search/admin/rebuild", admin);
  EXPECT_EQ(status.status(), 200);
  EXPECT_TRUE(Body(status).as_object().at("running").as_bool());
  EXPECT_EQ(rebuild.starts, 1);
}

TEST_F(SearchApiTest, EveryRouteIsDocumented) {
  auto missing = http::UndocumentedRoutes(router, OpenApiDocument());
  ASSERT_TRUE(missing.ok());
  EXPECT_THAT(*missing, ::testing::IsEmpty());
}

}  // namespace
}  // namespace eda::search
