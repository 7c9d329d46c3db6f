#include "eda/http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace eda::http {
namespace {

boost::asio::awaitable<Response> Ok(Request&) { co_return Response::Empty(204); }

TEST(RouterTest, MatchesLiteralAndParams) {
  Router r;
  r.Get("/catalog/products/{productId}", Ok);
  r.Get("/catalog/products/{productId}/reviews/{reviewId}", Ok);
  auto m = r.Find(Method::kGet, "/catalog/products/42/reviews/a%20b");
  ASSERT_EQ(m.outcome, Router::Match::Outcome::kFound);
  EXPECT_EQ(m.route->pattern, "/catalog/products/{productId}/reviews/{reviewId}");
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"productId", "42"}));
  EXPECT_EQ(m.params[1].second, "a b");  // percent-decoded
}

TEST(RouterTest, LiteralBeatsParam) {
  Router r;
  r.Get("/products/{id}", Ok);
  r.Get("/products/search", Ok);
  EXPECT_EQ(r.Find(Method::kGet, "/products/search").route->pattern, "/products/search");
  EXPECT_EQ(r.Find(Method::kGet, "/products/7").route->pattern, "/products/{id}");
}

TEST(RouterTest, NotFound) {
  Router r;
  r.Get("/a/{x}", Ok);
  EXPECT_EQ(r.Find(Method::kGet, "/b/1").outcome, Router::Match::Outcome::kNotFound);
  EXPECT_EQ(r.Find(Method::kGet, "/a").outcome, Router::Match::Outcome::kNotFound);
  EXPECT_EQ(r.Find(Method::kGet, "/a/1/2").outcome, Router::Match::Outcome::kNotFound);
  EXPECT_EQ(r.Find(Method::kGet, "/a//").outcome, Router::Match::Outcome::kNotFound);  // empty param
}

TEST(RouterTest, MethodNotAllowedListsAllow) {
  Router r;
  r.Get("/orders/{id}", Ok);
  r.Delete("/orders/{id}", Ok);
  r.Post("/orders", Ok);
  auto m = r.Find(Method::kPut, "/orders/9");
  ASSERT_EQ(m.outcome, Router::Match::Outcome::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, HEAD, DELETE");
}

TEST(RouterTest, TrailingSlashIgnoredAndRoot) {
  Router r;
  r.Get("/", Ok);
  r.Post("/orders", Ok);
  EXPECT_EQ(r.Find(Method::kPost, "/orders/").outcome, Router::Match::Outcome::kFound);
  EXPECT_EQ(r.Find(Method::kGet, "/").outcome, Router::Match::Outcome::kFound);
}

TEST(RouterTest, HeadFallsBackToGet) {
  Router r;
  r.Get("/x", Ok);
  auto m = r.Find(Method::kHead, "/x");
  ASSERT_EQ(m.outcome, Router::Match::Outcome::kFound);
  EXPECT_EQ(m.route->method, Method::kGet);
}

TEST(RouterTest, RejectsMalformedAndDuplicatePatterns) {
  Router r;
  EXPECT_THROW(r.Get("no-slash", Ok), std::invalid_argument);
  EXPECT_THROW(r.Get("/a/{x", Ok), std::invalid_argument);
  EXPECT_THROW(r.Get("/a/{}", Ok), std::invalid_argument);
  EXPECT_THROW(r.Get("/a/b{x}", Ok), std::invalid_argument);
  r.Get("/a/{x}", Ok);
  EXPECT_THROW(r.Get("/a/{y}", Ok), std::invalid_argument);  // same shape
  EXPECT_NO_THROW(r.Post("/a/{y}", Ok));
}

TEST(RouterTest, RolesImplyRequiredAuth) {
  Router r;
  auto& route = r.Get("/admin", Ok, RouteOptions{AuthMode::kNone, {"ADMIN"}});
  EXPECT_EQ(route.options.auth, AuthMode::kRequired);
  EXPECT_EQ(r.routes().size(), 1u);
}

}  // namespace
}  // namespace eda::http
