// The routes through the Dispatcher with an in-memory PaymentDirectory (no sockets, database or Toss).

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "eda/http/dispatcher.hpp"
#include "eda/http/openapi_check.hpp"
#include "payment/api/openapi_document.hpp"
#include "payment/api/payment_json.hpp"
#include "payment/api/payment_routes.hpp"

#include "eda/auth/testing/plain_test_tokens.hpp"

namespace eda::payment {
namespace {

namespace json = boost::json;
using http::Method;

// Tokens are "member:<id>:<ROLE>" in these tests.
using auth::testing::PlainTestToken;

class FakeDirectory : public PaymentDirectory {
 public:
  Result<std::optional<PaymentRecord>, PaymentError> FindByPaymentKey(const PaymentKey& key) override {
    if (down) return PaymentError{PaymentErrc::kUnavailable, "down"};
    for (const auto& p : rows) {
      if (p.payment_key == key) return std::optional<PaymentRecord>(p);
    }
    return std::optional<PaymentRecord>{};
  }
  Result<ReconcileResult, PaymentError> Reconcile(const PaymentKey& key) override {
    reconciled.push_back(key.value());
    if (down) return PaymentError{PaymentErrc::kUnavailable, "Toss lookup failed; retry later"};
    return ReconcileResult{"in_sync", std::nullopt};
  }
  std::vector<PaymentRecord> rows;
  bool down = false;
  std::vector<std::string> reconciled;
};

class PaymentApiTest : public ::testing::Test {
 protected:
  PaymentApiTest() : blocking_(1) {
    PaymentRecord p;
    p.id = 1;
    p.order_id = OrderId("ORD1");
    p.payment_key = PaymentKey("pk_1");
    p.amount = p.total_amount = p.balance_amount = 15000;
    p.status = PaymentStatus::kDone;
    p.method = "카드";
    p.currency = "KRW";
    p.member_id = MemberId(42);
    dir_.rows.push_back(p);
    p.id = 2;
    p.order_id = OrderId("ORD2");
    p.payment_key = PaymentKey("pk_2");
    p.status = PaymentStatus::kAborted;
    p.balance_amount = 0;
    dir_.rows.push_back(p);
    AddPaymentRoutes(router_, dir_, blocking_);
  }

  http::Response Call(Method m, std::string target, std::string body = {}, std::string token = {}) {
    http::Headers headers;
    if (!token.empty()) headers.Set("Authorization", "Bearer " + token);
    if (!body.empty()) headers.Set("Content-Type", "application/json");
    http::Request req(m, std::move(target), headers, std::move(body));
    http::Dispatcher d(router_, http::Authenticator(PlainTestToken));
    return d.DispatchBlocking(req);
  }
  static json::object Json(const http::Response& r) { return json::parse(r.body()).as_object(); }
  static std::string Code(const http::Response& r) { return std::string(Json(r).at("code").as_string()); }

  FakeDirectory dir_;
  http::BlockingPool blocking_;
  http::Router router_;
};

TEST_F(PaymentApiTest, OpenApiDocumentsEveryRoute) {
  auto missing = http::UndocumentedRoutes(router_, OpenApiDocument());
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->empty()) << (missing->empty() ? "" : missing->front());
}

TEST_F(PaymentApiTest, LookupGivesTheSeedShapeToTheOwnerAndAdmin) {
  auto r = Call(Method::kPost, "/payments/payment", R"({"paymentKey":"pk_1"})", "member:42:USER");
  ASSERT_EQ(r.status(), 200) << r.body();
  auto j = Json(r);
  EXPECT_EQ(j.at("orderId").as_string(), "ORD1");
  EXPECT_EQ(j.at("memberId").as_int64(), 42);
  EXPECT_EQ(j.at("paymentMethod").as_string(), "CARD");
  EXPECT_EQ(j.at("paymentType").as_string(), "NORMAL");
  EXPECT_EQ(j.at("paymentStatus").as_string(), "DONE");
  EXPECT_EQ(j.at("totalAmount").as_int64(), 15000);
  EXPECT_EQ(Call(Method::kPost, "/payments/payment", R"({"paymentKey":"pk_1"})", "member:1:ADMIN").status(), 200);
}

TEST_F(PaymentApiTest, LookupRefusesStrangersUnknownKeysAndBadBodies) {
  auto other = Call(Method::kPost, "/payments/payment", R"({"paymentKey":"pk_1"})", "member:43:USER");
  EXPECT_EQ(other.status(), 403);
  EXPECT_EQ(Code(other), "forbidden");
  EXPECT_EQ(Call(Method::kPost, "/payments/payment", R"({"paymentKey":"pk_1"})").status(), 401);
  auto unknown = Call(Method::kPost, "/payments/payment", R"({"paymentKey":"nope"})", "member:42:USER");
  EXPECT_EQ(unknown.status(), 404);
  EXPECT_EQ(Code(unknown), "payment_not_found");
  EXPECT_EQ(Call(Method::kPost, "/payments/payment", R"({"paymentKey":""})", "member:42:USER").status(), 400);
  EXPECT_EQ(Call(Method::kPost, "/payments/payment", R"({"paymentKey":7})", "member:42:USER").status(), 400);
  EXPECT_EQ(Call(Method::kPost, "/payments/payment", "{not json", "member:42:USER").status(), 400);
  EXPECT_EQ(Call(Method::kPost, "/payments/payment", "[]", "member:42:USER").status(), 400);
  dir_.down = true;
  auto down = Call(Method::kPost, "/payments/payment", R"({"paymentKey":"pk_1"})", "member:42:USER");
  EXPECT_EQ(down.status(), 503);
  EXPECT_EQ(Code(down), "unavailable");
}

TEST_F(PaymentApiTest, CancelRefundsNothingAndPointsToTheOrdersCancel) {
  auto stranger = Call(Method::kDelete, "/payments/cancel", R"({"paymentKey":"pk_1","cancelReason":"changed mind"})",
                       "member:43:USER");
  EXPECT_EQ(stranger.status(), 403);
  EXPECT_EQ(Call(Method::kDelete, "/payments/cancel", R"({"paymentKey":"pk_none"})", "member:42:USER").status(), 404);
  EXPECT_EQ(Call(Method::kDelete, "/payments/cancel", R"({"cancelReason":"x"})", "member:42:USER").status(), 400);
  for (const char* who : {"member:42:USER", "member:1:ADMIN"}) {
    auto r = Call(Method::kDelete, "/payments/cancel", R"({"paymentKey":"pk_1","cancelReason":"changed mind"})", who);
    EXPECT_EQ(r.status(), 409) << who;
    EXPECT_EQ(Code(r), "cancel_through_order");
    EXPECT_NE(r.body().find("/orders/orders/" + dir_.rows[0].order_id.value() + "/cancel"), std::string::npos) << r.body();
  }
  dir_.rows[0].status = PaymentStatus::kCanceled;
  auto again = Call(Method::kDelete, "/payments/cancel", R"({"paymentKey":"pk_1","cancelReason":"x"})", "member:42:USER");
  EXPECT_EQ(again.status(), 409);
  EXPECT_EQ(Code(again), "payment_already_canceled");
}

TEST_F(PaymentApiTest, WebhookReconcilesOnlyPaymentStatusChangedByKey) {
  auto r = Call(Method::kPost, "/payments/webhooks/toss",
                R"({"eventType":"PAYMENT_STATUS_CHANGED","createdAt":"2026-01-01T00:00:00.000000","data":{"paymentKey":"pk_1","status":"CANCELED","totalAmount":1}})");
  ASSERT_EQ(r.status(), 200) << r.body();
  EXPECT_EQ(Json(r).at("result").as_string(), "in_sync");
  ASSERT_EQ(dir_.reconciled.size(), 1u);
  EXPECT_EQ(dir_.reconciled[0], "pk_1");

  auto other = Call(Method::kPost, "/payments/webhooks/toss", R"({"eventType":"DEPOSIT_CALLBACK_X","data":{}})");
  EXPECT_EQ(other.status(), 200);
  EXPECT_EQ(Json(other).at("result").as_string(), "ignored");
  EXPECT_EQ(Call(Method::kPost, "/payments/webhooks/toss", R"({"eventType":"PAYMENT_STATUS_CHANGED"})").status(), 400);
  EXPECT_EQ(Call(Method::kPost, "/payments/webhooks/toss", R"({"eventType":"PAYMENT_STATUS_CHANGED","data":{"paymentKey":5}})").status(), 400);
  EXPECT_EQ(Call(Method::kPost, "/payments/webhooks/toss", "garbage").status(), 400);
  EXPECT_EQ(dir_.reconciled.size(), 1u);
  dir_.down = true;
  EXPECT_EQ(Call(Method::kPost, "/payments/webhooks/toss", R"({"eventType":"PAYMENT_STATUS_CHANGED","data":{"paymentKey":"pk_1"}})").status(), 503);
}

TEST(PaymentJson, SeedMethodsAndStatuses) {
  EXPECT_EQ(SeedMethod("카드"), "CARD");
  EXPECT_EQ(SeedMethod("간편결제"), "EASY_PAY");
  EXPECT_EQ(SeedMethod("Card"), "CARD");
  EXPECT_EQ(SeedMethod("virtual account"), "VIRTUAL_ACCOUNT");
  EXPECT_EQ(SeedMethod(""), "");
  EXPECT_EQ(SeedStatus(PaymentStatus::kCancelPending), "DONE");
  EXPECT_EQ(SeedStatus(PaymentStatus::kCanceled), "CANCELED");
}

}  // namespace
}  // namespace eda::payment
