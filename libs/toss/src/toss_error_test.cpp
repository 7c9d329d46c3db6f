// Error decoding and classification (reference §4), from composed error bodies (no network).
#include "eda/toss/toss_error.hpp"

#include <gtest/gtest.h>

namespace eda::toss {
namespace {

TEST(DecodeError, ReadsCodeAndMessageAndIgnoresExtraKeys) {
  TossError e = DecodeError(401, R"({"code":"UNAUTHORIZED_KEY","message":"인증되지 않은 시크릿 키","data":null})",
                            Operation::kConfirm);
  EXPECT_EQ(e.http_status, 401);
  EXPECT_EQ(e.code, "UNAUTHORIZED_KEY");
  EXPECT_EQ(e.message, "인증되지 않은 시크릿 키");
  EXPECT_EQ(e.error_class, ErrorClass::kTerminal);
  EXPECT_FALSE(e.transport());
}

TEST(DecodeError, BodylessFiveHundredOnAPostIsOutcomeUnknown) {
  TossError e = DecodeError(502, "<html>bad gateway</html>", Operation::kConfirm);
  EXPECT_EQ(e.code, "HTTP_502");
  EXPECT_EQ(e.error_class, ErrorClass::kOutcomeUnknown);
  EXPECT_EQ(DecodeError(503, "", Operation::kLookup).error_class, ErrorClass::kTransient);
}

TEST(DecodeError, NewerNestedErrorShape) {
  TossError e = DecodeError(404, R"({"version":"2022-11-16","traceId":"x","error":{"code":"NOT_FOUND","message":"m"}})",
                            Operation::kLookup);
  EXPECT_EQ(e.code, "NOT_FOUND");
  EXPECT_EQ(e.error_class, ErrorClass::kTerminal);
}

struct Case {
  const char* code;
  int status;
  Operation op;
  ErrorClass expected;
};

TEST(ClassifyTossCode, Table) {
  const Case cases[] = {
      // declined, invalid, not found: terminal
      {"REJECT_CARD_PAYMENT", 403, Operation::kConfirm, ErrorClass::kTerminal},
      {"REJECT_CARD_COMPANY", 403, Operation::kConfirm, ErrorClass::kTerminal},
      {"INVALID_CARD_EXPIRATION", 400, Operation::kConfirm, ErrorClass::kTerminal},
      {"INVALID_REQUEST", 400, Operation::kConfirm, ErrorClass::kTerminal},
      {"INVALID_API_KEY", 400, Operation::kConfirm, ErrorClass::kTerminal},
      {"NOT_FOUND_PAYMENT_SESSION", 404, Operation::kConfirm, ErrorClass::kTerminal},
      {"NOT_FOUND_PAYMENT", 404, Operation::kLookup, ErrorClass::kTerminal},
      {"NOT_CANCELABLE_PAYMENT", 403, Operation::kCancel, ErrorClass::kTerminal},
      {"EXCEED_MAX_REFUND_DUE", 403, Operation::kCancel, ErrorClass::kTerminal},
      {"BRAND_NEW_4XX_CODE", 400, Operation::kConfirm, ErrorClass::kTerminal},
      // already done: reconcile by lookup
      {"ALREADY_PROCESSED_PAYMENT", 400, Operation::kConfirm, ErrorClass::kAlreadyDone},
      {"ALREADY_CANCELED_PAYMENT", 400, Operation::kCancel, ErrorClass::kAlreadyDone},
      {"ALREADY_REFUND_PAYMENT", 400, Operation::kCancel, ErrorClass::kAlreadyDone},
      // in flight: same key again
      {"IDEMPOTENT_REQUEST_PROCESSING", 409, Operation::kConfirm, ErrorClass::kInFlight},
      {"ALREADY_PROCESSING_REQUEST", 400, Operation::kConfirm, ErrorClass::kInFlight},
      // transient: PROVIDER_ERROR is a 400 but transient; 429
      {"PROVIDER_ERROR", 400, Operation::kConfirm, ErrorClass::kTransient},
      {"FORBIDDEN_CONSECUTIVE_REQUEST", 403, Operation::kLookup, ErrorClass::kTransient},
      {"WHATEVER", 429, Operation::kCancel, ErrorClass::kTransient},
      {"FAILED_INTERNAL_SYSTEM_PROCESSING", 500, Operation::kLookup, ErrorClass::kTransient},
      // 5xx on a POST: it may have been done
      {"FAILED_INTERNAL_SYSTEM_PROCESSING", 500, Operation::kConfirm, ErrorClass::kOutcomeUnknown},
      {"FAILED_REFUND_PROCESS", 500, Operation::kCancel, ErrorClass::kOutcomeUnknown},
      {"UNKNOWN_PAYMENT_ERROR", 500, Operation::kConfirm, ErrorClass::kOutcomeUnknown},
      {"CARD_PROCESSING_ERROR", 400, Operation::kConfirm, ErrorClass::kOutcomeUnknown},
      {"NEW_5XX_CODE", 503, Operation::kCancel, ErrorClass::kOutcomeUnknown},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyTossCode(c.code, c.status, c.op), c.expected)
        << c.code << " " << c.status << " got " << ErrorClassName(ClassifyTossCode(c.code, c.status, c.op));
  }
}

TEST(ClassifyTransport, TimeoutOnAPostIsOutcomeUnknownButConnectIsTransient) {
  EXPECT_EQ(ClassifyTransport("http.timeout", Operation::kConfirm), ErrorClass::kOutcomeUnknown);
  EXPECT_EQ(ClassifyTransport("http.io", Operation::kCancel), ErrorClass::kOutcomeUnknown);
  EXPECT_EQ(ClassifyTransport("http.timeout", Operation::kLookup), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyTransport("http.connect", Operation::kConfirm), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyTransport("http.invalid_url", Operation::kConfirm), ErrorClass::kTerminal);
}

}  // namespace
}  // namespace eda::toss
