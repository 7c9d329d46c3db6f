#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "catalog/api/catalog_routes.hpp"
#include "catalog/api/openapi_document.hpp"
#include "catalog/domain/testing/fake_ports.hpp"
#include "eda/auth/http_token_verifier.hpp"
#include "eda/auth/testing/test_tokens.hpp"
#include "eda/http/dispatcher.hpp"
#include "eda/http/openapi_check.hpp"

namespace eda::catalog {
namespace {

using auth::Role;

class CatalogApiTest : public ::testing::Test {
 protected:
  CatalogApiTest()
      : service_(CatalogService::Ports{store_, ledger_, ledger_}, CatalogService::Settings{}), blocking_(2) {
    AddCatalogRoutes(router_, service_, blocking_,
                     [this](ProductId id) -> boost::asio::awaitable<Result<std::optional<Product>>> {
                       co_return store_.Find(id);
                     });
  }

  http::Response Call(http::Method method, std::string target, std::string body = {}, std::string token = {}) {
    http::Headers headers;
    if (!token.empty()) headers.Set("Authorization", "Bearer " + token);
    headers.Set("Content-Type", "application/json");
    http::Request req(method, std::move(target), std::move(headers), std::move(body));
    const http::Dispatcher d(router_, http::Authenticator(auth::MakeHttpTokenVerifier(tokens_.verifier(), tokens_.revocations())));
    return d.DispatchBlocking(req);
  }
  static boost::json::value Json(const http::Response& r) { return boost::json::parse(r.body()); }
  std::string SellerToken(std::int64_t id) { return tokens_.AccessToken(id, {Role::kSeller}); }

  std::int64_t Register(std::int64_t seller = 7) {
    auto r = Call(http::Method::kPost, "/catalog/products/register",
                  R"({"sellerId":)" + std::to_string(seller) +
                      R"(,"productName":"Pen","productDescription":"blue","productPrice":1500,"stockCount":10,"tags":["Office"," pen ","office"]})",
                  SellerToken(seller));
    EXPECT_EQ(r.status(), 200) << r.body();
    return Json(r).at("productId").as_int64();
  }

  auth::testing::TestTokens tokens_;
  testing::FakeProductStore store_;
  testing::FakeProductLedger ledger_;
  CatalogService service_;
  http::BlockingPool blocking_;
  http::Router router_;
};

TEST_F(CatalogApiTest, OpenApiDocumentsEveryRoute) {
  auto missing = http::UndocumentedRoutes(router_, OpenApiDocument());
  ASSERT_TRUE(missing.ok()) << missing.error().message;
  EXPECT_TRUE(missing->empty()) << missing->front();
}

TEST_F(CatalogApiTest, RegisterReturnsTheSeedProductJson) {
  const auto id = Register();
  auto r = Call(http::Method::kGet, "/catalog/products/" + std::to_string(id));
  ASSERT_EQ(r.status(), 200);
  const auto j = Json(r).as_object();
  EXPECT_EQ(j.size(), 7U);
  EXPECT_EQ(j.at("productId").as_int64(), id);
  EXPECT_EQ(j.at("sellerId").as_int64(), 7);
  EXPECT_EQ(j.at("productName").as_string(), "Pen");
  EXPECT_EQ(j.at("productDescription").as_string(), "blue");
  EXPECT_EQ(j.at("productPrice").as_int64(), 1500);
  EXPECT_EQ(j.at("stockCount").as_int64(), 10);
  EXPECT_EQ(boost::json::serialize(j.at("tags")), R"(["office","pen"])");
}

TEST_F(CatalogApiTest, WritesNeedTheOwningSeller) {
  const std::string body = R"({"sellerId":7,"productName":"Pen","productPrice":1,"stockCount":1})";
  EXPECT_EQ(Call(http::Method::kPost, "/catalog/products/register", body).status(), 401);
  auto r = Call(http::Method::kPost, "/catalog/products/register", body, SellerToken(8));
  EXPECT_EQ(r.status(), 403);
  EXPECT_EQ(Json(r).at("code").as_string(), "forbidden");
  EXPECT_EQ(Call(http::Method::kPost, "/catalog/products/register", body, tokens_.AccessToken(7, {Role::kBuyer})).status(),
            403);
  EXPECT_EQ(Call(http::Method::kPost, "/catalog/products/register", body, tokens_.AccessToken(1, {Role::kAdmin})).status(),
            200);
  const auto id = Register();
  const std::string path = "/catalog/products/" + std::to_string(id);
  EXPECT_EQ(Call(http::Method::kDelete, path, {}, SellerToken(8)).status(), 403);
  EXPECT_EQ(Call(http::Method::kPatch, path, R"({"productPrice":5})", SellerToken(8)).status(), 403);
  EXPECT_EQ(Call(http::Method::kPost, path + "/increaseStockCount", R"({"incrementStockCount":1})", SellerToken(8)).status(),
            403);
}

TEST_F(CatalogApiTest, ValidationProblemsNameTheFields) {
  auto r = Call(http::Method::kPost, "/catalog/products/register",
                R"({"sellerId":7,"productName":"","productPrice":0,"stockCount":-1})", SellerToken(7));
  ASSERT_EQ(r.status(), 400);
  const auto j = Json(r);
  EXPECT_EQ(j.at("code").as_string(), "validation_failed");
  std::set<std::string> fields;
  for (const auto& e : j.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.contains("productPrice"));
  EXPECT_TRUE(fields.contains("stockCount"));
  EXPECT_TRUE(fields.contains("productName"));
  EXPECT_EQ(Call(http::Method::kGet, "/catalog/products/abc").status(), 400);
}

TEST_F(CatalogApiTest, ControlCharactersHugePricesAndDuplicatedKeysAre400) {
  const auto fields_of = [](const http::Response& r) {
    const boost::json::value problem = Json(r);
    std::set<std::string> fields;
    for (const auto& e : problem.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
    return fields;
  };
  auto r = Call(http::Method::kPost, "/catalog/products/register",
                R"({"sellerId":7,"productName":"Pen\u0000","productDescription":"a\r\nb","productPrice":1500,)"
                R"("stockCount":10,"tags":["ok","x\ny"]})",
                SellerToken(7));
  ASSERT_EQ(r.status(), 400) << r.body();
  EXPECT_EQ(fields_of(r), (std::set<std::string>{"productName", "productDescription", "tags"}));
  EXPECT_NE(r.body().find("control characters"), std::string::npos);

  r = Call(http::Method::kPost, "/catalog/products/register",
           R"({"sellerId":7,"productName":"Pen","productPrice":9223372036854775807,"stockCount":1000000001})",
           SellerToken(7));
  ASSERT_EQ(r.status(), 400) << r.body();
  EXPECT_EQ(fields_of(r), (std::set<std::string>{"productPrice", "stockCount"}));

  r = Call(http::Method::kPost, "/catalog/products/register",
           R"({"sellerId":7,"productName":"Pen","productPrice":1500,"productPrice":1,"stockCount":10,"tags":[]})",
           SellerToken(7));
  ASSERT_EQ(r.status(), 400) << r.body();
  EXPECT_EQ(Json(r).at("code").as_string(), "duplicate_key") << r.body();
}

TEST_F(CatalogApiTest, UpdateDeleteAnd404) {
  const auto id = Register();
  const std::string path = "/catalog/products/" + std::to_string(id);
  auto r = Call(http::Method::kPatch, path, R"({"tags":["desk"]})", SellerToken(7));
  ASSERT_EQ(r.status(), 200) << r.body();
  EXPECT_EQ(boost::json::serialize(Json(r).at("tags")), R"(["desk"])");
  EXPECT_EQ(Call(http::Method::kPut, path, R"({"productName":"x"})", SellerToken(7)).status(), 400) << "PUT needs all";
  r = Call(http::Method::kPut, path, R"({"productName":"Desk","productDescription":"","productPrice":9,"tags":[]})",
           SellerToken(7));
  ASSERT_EQ(r.status(), 200) << r.body();
  EXPECT_EQ(Json(r).at("productPrice").as_int64(), 9);
  EXPECT_EQ(Call(http::Method::kDelete, path, {}, SellerToken(7)).status(), 204);
  r = Call(http::Method::kGet, path);
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(Json(r).at("code").as_string(), "product_not_found");
  EXPECT_EQ(Call(http::Method::kGet, "/catalog/products/999999").status(), 404);
}

TEST_F(CatalogApiTest, StockRoutesNeverClamp) {
  const auto id = Register();
  const std::string path = "/catalog/products/" + std::to_string(id);
  auto r = Call(http::Method::kPost, path + "/decreaseStockCount", R"({"decrementStockCount":11})", SellerToken(7));
  EXPECT_EQ(r.status(), 409);
  EXPECT_EQ(Json(r).at("code").as_string(), "insufficient_stock");
  r = Call(http::Method::kPost, path + "/decreaseStockCount", R"({"decrementStockCount":10})", SellerToken(7));
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(Json(r).at("stockCount").as_int64(), 0);
  r = Call(http::Method::kPost, path + "/increaseStockCount", R"({"incrementStockCount":4})", SellerToken(7));
  EXPECT_EQ(Json(r).at("stockCount").as_int64(), 4);
  EXPECT_EQ(Call(http::Method::kPost, path + "/increaseStockCount", R"({"incrementStockCount":0})", SellerToken(7)).status(),
            400);
}

TEST_F(CatalogApiTest, SellerListPagesWithTheNextCursorHeader) {
  for (int i = 0; i < 3; ++i) Register();
  Register(8);
  auto r = Call(http::Method::kGet, "/catalog/sellers/7/products?size=2");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(Json(r).as_array().size(), 2U);
  const std::string cursor(r.headers().Get("X-Next-Cursor"));
  ASSERT_FALSE(cursor.empty());
  r = Call(http::Method::kGet, "/catalog/sellers/7/products?size=2&cursor=" + cursor);
  EXPECT_EQ(Json(r).as_array().size(), 1U);
  EXPECT_EQ(Call(http::Method::kGet, "/catalog/sellers/7/products?size=0").status(), 400);
}

}  // namespace
}  // namespace eda::catalog
