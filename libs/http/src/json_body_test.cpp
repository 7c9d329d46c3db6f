#include "eda/http/json_body.hpp"

#include <gtest/gtest.h>

namespace eda::http {
namespace {

TEST(JsonBodyTest, MalformedJsonIs400) {
  auto b = JsonBody::Parse("{\"a\": ");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().status, 400);
  EXPECT_EQ(b.error().code, "malformed_json");
}

TEST(JsonBodyTest, NonObjectIs400) {
  auto b = JsonBody::Parse("[1,2]");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, "invalid_body");
}

TEST(JsonBodyTest, ExtractsTypedFields) {
  auto b = JsonBody::Parse(R"({"name":"pen","price":1200,"ratio":0.5,"active":true,"note":null})");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->String("name", StringRule::NonEmpty()), "pen");
  EXPECT_EQ(b->Int("price", IntRule::AtLeast(0)), 1200);
  EXPECT_DOUBLE_EQ(b->Number("ratio"), 0.5);
  EXPECT_DOUBLE_EQ(b->Number("price"), 1200.0);
  EXPECT_TRUE(b->Bool("active"));
  EXPECT_FALSE(b->OptionalString("note").has_value());
  EXPECT_FALSE(b->OptionalInt("missing").has_value());
  EXPECT_TRUE(b->ok());
}

TEST(JsonBodyTest, CollectsErrorsNamingEachField) {
  auto b = JsonBody::Parse(R"({"name":"","price":"12","qty":1.5,"big":18446744073709551615,"active":"yes","count":-1})");
  ASSERT_TRUE(b.ok());
  b->String("name", StringRule::NonEmpty());
  b->Int("price");
  b->Int("qty");
  b->Int("big");
  b->Bool("active");
  b->Int("count", IntRule::AtLeast(0));
  b->String("missing");
  ASSERT_FALSE(b->ok());
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : b->errors()) got.emplace_back(e.field, e.message);
  std::vector<std::pair<std::string, std::string>> want{{"name", "must not be empty"},
                                                        {"price", "must be an integer"},
                                                        {"qty", "must be an integer"},
                                                        {"big", "is out of range"},
                                                        {"active", "must be a boolean"},
                                                        {"count", "must be >= 0"},
                                                        {"missing", "is required"}};
  EXPECT_EQ(got, want);
  auto p = b->ToProblem();
  EXPECT_EQ(p.status, 400);
  EXPECT_EQ(p.code, "validation_failed");
  EXPECT_EQ(p.errors.size(), 7u);
}

TEST(JsonBodyTest, NestedObjectsUseDottedNames) {
  auto b = JsonBody::Parse(R"({"address":{"city":5},"other":"x"})");
  ASSERT_TRUE(b.ok());
  auto addr = b->Object("address");
  addr.String("city");
  addr.String("zipCode");
  auto none = b->Object("shipping");
  none.String("street");  // parent missing: reported once, not per child
  auto bad = b->Object("other");
  ASSERT_EQ(b->errors().size(), 4u);
  EXPECT_EQ(b->errors()[0].field, "address.city");
  EXPECT_EQ(b->errors()[0].message, "must be a string");
  EXPECT_EQ(b->errors()[1].field, "address.zipCode");
  EXPECT_EQ(b->errors()[2].field, "shipping");
  EXPECT_EQ(b->errors()[3].field, "other");
  EXPECT_EQ(b->errors()[3].message, "must be an object");
}

TEST(JsonBodyTest, ArraysAndCustomErrors) {
  auto b = JsonBody::Parse(R"({"items":[1,2],"tags":"x"})");
  ASSERT_TRUE(b.ok());
  const auto* items = b->Array("items");
  ASSERT_NE(items, nullptr);
  EXPECT_EQ(items->size(), 2u);
  EXPECT_EQ(b->Array("tags"), nullptr);
  b->AddError("items[1]", "duplicate item");
  ASSERT_EQ(b->errors().size(), 2u);
  EXPECT_EQ(b->errors()[1].field, "items[1]");
}

TEST(JsonBodyTest, StringLengthLimits) {
  auto b = JsonBody::Parse(R"({"s":"abcdef"})");
  ASSERT_TRUE(b.ok());
  b->String("s", StringRule::Length(0, 3));
  ASSERT_EQ(b->errors().size(), 1u);
  EXPECT_EQ(b->errors()[0].message, "must be at most 3 characters");
}

}  // namespace
}  // namespace eda::http

namespace eda::http {
namespace {

TEST(JsonBodyTest, ADuplicatedKeyIs400AtAnyDepth) {
  for (const char* body : {R"({"productCount":1,"productCount":1000})",
                           R"({"a":{"b":1,"c":[{"d":1,"d":2}]}})",
                           R"({"n":1,"\u006e":2})"}) {
    auto parsed = JsonBody::Parse(body);
    ASSERT_FALSE(parsed.ok()) << body;
    EXPECT_EQ(parsed.error().status, 400);
    EXPECT_EQ(parsed.error().code, "duplicate_key") << body;
  }
  EXPECT_NE(JsonBody::Parse(R"({"productCount":1,"productCount":1000})").error().detail.find("\"productCount\""),
            std::string::npos);
  // The same key in sibling objects, as a value, or inside a string is no duplicate.
  for (const char* body : {R"({"a":{"k":1},"b":{"k":2}})", R"({"k":"k","v":["k","k"]})",
                           R"({"x":"\"k\":1,\"k\":2","k":{}})", R"({"e\\":1,"e":2})"}) {
    EXPECT_TRUE(JsonBody::Parse(body).ok()) << body;
  }
}

TEST(JsonBodyTest, StringsWithControlCharactersAreRefused) {
  for (const char* bad : {R"({"name":"a\u0000b"})", R"({"name":"line\r\nInjected: 1"})", R"({"name":"tab\there"})",
                          R"({"name":"del\u007f"})", R"({"name":"c1\u0085"})"}) {
    auto body = JsonBody::Parse(bad);
    ASSERT_TRUE(body.ok()) << bad;
    EXPECT_FALSE(body->OptionalString("name").has_value()) << bad;
    ASSERT_EQ(body->errors().size(), 1u) << bad;
    EXPECT_NE(body->errors()[0].message.find("control characters"), std::string::npos);
  }
  auto fine = JsonBody::Parse(R"({"name":"상품 — ünïcode € ok"})");
  EXPECT_EQ(fine->String("name"), "상품 — ünïcode € ok");
  EXPECT_TRUE(fine->ok());
}

}  // namespace
}  // namespace eda::http
