#include "toss-sandbox/domain/toss_error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace eda::toss_sandbox {
namespace {

TEST(TossErrorTest, DocumentedStatuses) {
  const std::pair<const char*, int> expected[] = {
      {"ALREADY_PROCESSED_PAYMENT", 400}, {"INVALID_REQUEST", 400},          {"PROVIDER_ERROR", 400},
      {"INVALID_API_KEY", 400},           {"ALREADY_CANCELED_PAYMENT", 400}, {"NOT_MATCHES_REFUNDABLE_AMOUNT", 400},
      {"INVALID_IDEMPOTENCY_KEY", 400},   {"UNAUTHORIZED_KEY", 401},         {"INCORRECT_BASIC_AUTH_FORMAT", 403},
      {"REJECT_CARD_PAYMENT", 403},       {"REJECT_CARD_COMPANY", 403},      {"NOT_CANCELABLE_AMOUNT", 403},
      {"NOT_CANCELABLE_PAYMENT", 403},    {"FORBIDDEN_CONSECUTIVE_REQUEST", 403}, {"NOT_FOUND_PAYMENT", 404},
      {"NOT_FOUND_PAYMENT_SESSION", 404}, {"IDEMPOTENT_REQUEST_PROCESSING", 409},
      {"FAILED_INTERNAL_SYSTEM_PROCESSING", 500}, {"FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", 500},
      {"UNKNOWN_PAYMENT_ERROR", 500},
  };
  for (const auto& [code, status] : expected) {
    auto e = FindDocumentedError(code);
    ASSERT_TRUE(e.has_value()) << code;
    EXPECT_EQ(e->http_status, status) << code;
    EXPECT_FALSE(e->message.empty()) << code;
  }
}

TEST(TossErrorTest, EveryEntryIsUniqueWellFormedAndAnErrorStatus) {
  std::set<std::string> seen;
  for (const auto& e : ErrorCatalogue()) {
    EXPECT_TRUE(seen.insert(std::string(e.code)).second) << "duplicate " << e.code;
    EXPECT_TRUE(e.http_status == 400 || e.http_status == 401 || e.http_status == 403 || e.http_status == 404 ||
                e.http_status == 409 || e.http_status == 500)
        << e.code;
    EXPECT_EQ(e.code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_"), std::string_view::npos) << e.code;
  }
}

TEST(TossErrorTest, UnknownCodes) {
  EXPECT_FALSE(FindDocumentedError("NO_SUCH_CODE").has_value());
  EXPECT_THROW(MakeTossError("NO_SUCH_CODE"), std::invalid_argument);
  EXPECT_EQ(MakeTossError("INVALID_REQUEST", "custom").message, "custom");
}

}  // namespace
}  // namespace eda::toss_sandbox
