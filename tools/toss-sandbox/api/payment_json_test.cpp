#include "toss-sandbox/api/payment_json.hpp"

#include <gtest/gtest.h>

#include "toss-sandbox/api/checkout_page.hpp"

namespace eda::toss_sandbox {
namespace {

Payment Sample() {
  Payment p;
  p.payment_key = "tgen_20240213121757MvuS8";
  p.order_id = "ord_7Qx2Lm9P";
  p.order_name = "생수 외 1건";
  p.status = PaymentStatus::kDone;
  p.total_amount = 15000;
  p.balance_amount = 15000;
  p.requested_at = TimePoint(std::chrono::seconds(1'707'794'277));
  p.approved_at = p.requested_at + std::chrono::seconds(21);
  p.last_transaction_key = "9C1A0E5B7F3D4A2B8E6C1D0F2A3B4C5D";
  p.card = CardApproval{15000, "61", "31", "53275012****123*", "00001234", false};
  p.metadata = {{"orderNo", "\"A-1\""}, {"qty", "2"}};
  return p;
}

TEST(PaymentJsonTest, DoneCardPaymentShape) {
  const auto j = PaymentToJson(Sample());
  EXPECT_EQ(j.at("status").as_string(), "DONE");
  EXPECT_EQ(j.at("method").as_string(), "카드");
  EXPECT_EQ(j.at("version").as_string(), "2022-11-16");
  EXPECT_EQ(j.at("requestedAt").as_string(), "2024-02-13T12:17:57+09:00");
  EXPECT_EQ(j.at("approvedAt").as_string(), "2024-02-13T12:18:18+09:00");
  EXPECT_EQ(j.at("totalAmount").as_int64(), 15000);
  EXPECT_EQ(j.at("suppliedAmount").as_int64(), 13636);
  EXPECT_EQ(j.at("vat").as_int64(), 1364);
  EXPECT_TRUE(j.at("cancels").is_null());
  EXPECT_TRUE(j.at("failure").is_null());
  EXPECT_EQ(j.at("card").at("approveNo").as_string(), "00001234");
  EXPECT_EQ(j.at("card").at("acquireStatus").as_string(), "READY");
  EXPECT_EQ(j.at("metadata").at("orderNo").as_string(), "A-1");
  EXPECT_EQ(j.at("metadata").at("qty").as_int64(), 2);
  EXPECT_EQ(j.at("checkout").at("url").as_string(),
            "https://api.tosspayments.com/v1/payments/tgen_20240213121757MvuS8/checkout");
  EXPECT_EQ(PaymentToJson(Sample(), true).at("method").as_string(), "CARD");
}

TEST(PaymentJsonTest, ExpiredPaymentHasNullMethodAndFailure) {
  Payment p = Sample();
  p.status = PaymentStatus::kExpired;
  p.approved_at.reset();
  p.card.reset();
  p.last_transaction_key.clear();
  p.failure = PaymentFailure{"EXPIRED_PAYMENT", "만료"};
  const auto j = PaymentToJson(p);
  EXPECT_TRUE(j.at("method").is_null());
  EXPECT_TRUE(j.at("approvedAt").is_null());
  EXPECT_TRUE(j.at("useEscrow").is_null());
  EXPECT_TRUE(j.at("lastTransactionKey").is_null());
  EXPECT_EQ(j.at("failure").at("code").as_string(), "EXPIRED_PAYMENT");
}

TEST(PaymentJsonTest, WebhookBodyShape) {
  const auto j = WebhookBody(Sample(), TimePoint(std::chrono::seconds(1'707'794'277)));
  EXPECT_EQ(j.at("eventType").as_string(), "PAYMENT_STATUS_CHANGED");
  EXPECT_EQ(j.at("createdAt").as_string(), "2024-02-13T12:17:57.000000");
  EXPECT_EQ(j.at("data").at("paymentKey").as_string(), "tgen_20240213121757MvuS8");
}

TEST(CheckoutPageTest, QueryBuildingAndEscaping) {
  EXPECT_EQ(AppendQuery("http://h/s", {{"a", "1 2"}, {"b", "가"}}), "http://h/s?a=1%202&b=%EA%B0%80");
  EXPECT_EQ(AppendQuery("http://h/s?x=1", {{"a", "&"}}), "http://h/s?x=1&a=%26");
  const std::string html = CheckoutPageHtml({{"orderName", "<script>"}, {"orderId", "order_1"}});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("value=\"approve\""), std::string::npos);
}

}  // namespace
}  // namespace eda::toss_sandbox
