#include "eda/http/problem.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "eda/http/response.hpp"

namespace eda::http {
namespace {

TEST(ProblemTest, SerializesRfc9457FieldsAndCode) {
  auto p = Problem::NotFound("product 7 does not exist");
  auto v = boost::json::parse(p.ToJson("/catalog/products/7")).as_object();
  EXPECT_EQ(v.at("type").as_string(), "urn:eda:problem:not_found");
  EXPECT_EQ(v.at("title").as_string(), "Not Found");
  EXPECT_EQ(v.at("status").as_int64(), 404);
  EXPECT_EQ(v.at("detail").as_string(), "product 7 does not exist");
  EXPECT_EQ(v.at("instance").as_string(), "/catalog/products/7");
  EXPECT_EQ(v.at("code").as_string(), "not_found");
  EXPECT_FALSE(v.contains("errors"));
  EXPECT_FALSE(v.contains("errorId"));
}

TEST(ProblemTest, ValidationListsFieldErrors) {
  auto p = Problem::Validation({{"price", "must be >= 0"}});
  auto v = boost::json::parse(p.ToJson("")).as_object();
  EXPECT_EQ(v.at("status").as_int64(), 400);
  auto& errors = v.at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("field").as_string(), "price");
  EXPECT_EQ(errors[0].at("message").as_string(), "must be >= 0");
}

TEST(ProblemTest, InternalCarriesErrorIdNotDetails) {
  auto p = Problem::Internal("abc-123");
  auto v = boost::json::parse(p.ToJson("/x")).as_object();
  EXPECT_EQ(v.at("status").as_int64(), 500);
  EXPECT_EQ(v.at("errorId").as_string(), "abc-123");
  EXPECT_EQ(v.at("code").as_string(), "internal_error");
}

TEST(ProblemTest, CustomTypeAndTitleKept) {
  auto p = Problem::Make(409, "order.already_paid", "order 5 is already paid");
  p.type = "https://example.com/problems/already-paid";
  p.title = "Order already paid";
  auto v = boost::json::parse(p.ToJson("")).as_object();
  EXPECT_EQ(v.at("type").as_string(), "https://example.com/problems/already-paid");
  EXPECT_EQ(v.at("title").as_string(), "Order already paid");
}

TEST(ProblemTest, ResponseFromProblemRendersWithInstance) {
  Response r = Problem::Forbidden("no");
  EXPECT_EQ(r.status(), 403);
  ASSERT_TRUE(r.problem().has_value());
  r.RenderProblem("/admin");
  EXPECT_FALSE(r.problem().has_value());
  EXPECT_EQ(r.content_type(), "application/problem+json");
  auto v = boost::json::parse(r.body()).as_object();
  EXPECT_EQ(v.at("instance").as_string(), "/admin");
  EXPECT_EQ(ReasonPhrase(413), "Content Too Large");
}

TEST(ResponseTest, JsonAndText) {
  auto r = Response::Json(201, boost::json::object{{"id", 5}});
  EXPECT_EQ(r.status(), 201);
  EXPECT_EQ(r.body(), R"({"id":5})");
  EXPECT_EQ(r.content_type(), "application/json");
  EXPECT_EQ(Response::Empty().status(), 204);
}

}  // namespace
}  // namespace eda::http
