// Decoding of Payment objects written from the reference's example shapes (no network).
#include "eda/toss/payment.hpp"

#include <gtest/gtest.h>

namespace eda::toss {
namespace {

constexpr const char* kDoneCard = R"({
  "mId":"tosspayments","version":"2022-11-16",
  "paymentKey":"tviva20250101120000AbCd1","orderId":"ord_7Qx2Lm9P","orderName":"티셔츠 외 1건",
  "type":"NORMAL","method":"카드","currency":"KRW","status":"DONE",
  "requestedAt":"2025-01-01T12:00:00+09:00","approvedAt":"2025-01-01T12:00:21+09:00",
  "lastTransactionKey":"9C1A0E5B7F3D4A2B8E6C1D0F2A3B4C5D",
  "totalAmount":15000,"balanceAmount":15000,"suppliedAmount":13636,"vat":1364,
  "card":{"amount":15000,"issuerCode":"61","cardType":"신용"},
  "cancels":null,"failure":null,"easyPay":null,
  "metadata":{"address":"서울시 강남구","productId":"42","productCount":3,"memberId":"7","deliveryCompany":"HANJIN"},
  "brandNewField":{"x":[1,2,3]}
})";

TEST(DecodePayment, DoneCardPaymentWithMetadataAndUnknownFields) {
  auto p = DecodePayment(kDoneCard);
  ASSERT_TRUE(p.ok()) << p.error();
  EXPECT_EQ(p->payment_key, "tviva20250101120000AbCd1");
  EXPECT_EQ(p->order_id, "ord_7Qx2Lm9P");
  EXPECT_EQ(p->status, PaymentStatus::kDone);
  EXPECT_EQ(p->method, "카드");
  EXPECT_EQ(p->total_amount, 15000);
  EXPECT_EQ(p->balance_amount, 15000);
  ASSERT_TRUE(p->approved_at.has_value());
  EXPECT_EQ(*p->approved_at, "2025-01-01T12:00:21+09:00");
  EXPECT_EQ(p->metadata.at("address"), "서울시 강남구");
  EXPECT_EQ(p->metadata.at("productCount"), "3");  // a number in the JSON, kept as its text
  EXPECT_EQ(p->metadata.at("deliveryCompany"), "HANJIN");
  EXPECT_TRUE(p->cancels.empty());
  EXPECT_FALSE(p->failure.has_value());
  EXPECT_EQ(p->raw_json, kDoneCard);
}

TEST(DecodePayment, UnknownStatusKeepsTheRawString) {
  auto p = DecodePayment(R"({"paymentKey":"k","orderId":"order-1","status":"HALF_DONE_NEW","totalAmount":1})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, PaymentStatus::kUnknown);
  EXPECT_EQ(p->status_raw, "HALF_DONE_NEW");
}

TEST(DecodePayment, CanceledWithCancelsAndNullApprovedAtForExpired) {
  auto c = DecodePayment(R"({"paymentKey":"k","orderId":"order-1","status":"PARTIAL_CANCELED","totalAmount":15000,
    "balanceAmount":10000,"cancels":[{"cancelAmount":5000,"cancelReason":"고객 변심","refundableAmount":10000,
    "canceledAt":"2025-01-02T09:10:11+09:00","transactionKey":"1F2E","cancelStatus":"DONE","newer":true}]})");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->status, PaymentStatus::kPartialCanceled);
  ASSERT_EQ(c->cancels.size(), 1u);
  EXPECT_EQ(c->cancels[0].cancel_amount, 5000);
  EXPECT_EQ(c->cancels[0].refundable_amount, 10000);
  EXPECT_EQ(c->cancels[0].cancel_status, "DONE");

  auto e = DecodePayment(R"({"paymentKey":"k","orderId":"order-1","status":"EXPIRED","method":null,
    "approvedAt":null,"totalAmount":100,"failure":{"code":"EXPIRED_PAYMENT","message":"m"}})");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->status, PaymentStatus::kExpired);
  EXPECT_FALSE(e->approved_at.has_value());
  EXPECT_EQ(e->method, "");
  ASSERT_TRUE(e->failure.has_value());
  EXPECT_EQ(e->failure->code, "EXPIRED_PAYMENT");
}

TEST(DecodePayment, DecimalAndStringAmountsAreTolerated) {
  auto p = DecodePayment(R"({"paymentKey":"k","orderId":"order-1","status":"DONE","totalAmount":12.5,"balanceAmount":"300"})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->total_amount, 12);
  EXPECT_EQ(p->balance_amount, 300);
}

TEST(DecodePayment, RefusesBodiesThatAreNotPayments) {
  EXPECT_FALSE(DecodePayment("not json").ok());
  EXPECT_FALSE(DecodePayment("[1,2]").ok());
  EXPECT_FALSE(DecodePayment(R"({"orderId":"o","status":"DONE"})").ok());
  EXPECT_FALSE(DecodePayment(R"({"paymentKey":1,"orderId":"o","status":"DONE"})").ok());
  EXPECT_EQ(DecodePayment("{}").error().code, "toss.bad_payment");
}

TEST(PaymentStatusName, RoundTripsEveryValue) {
  for (auto s : {PaymentStatus::kReady, PaymentStatus::kInProgress, PaymentStatus::kWaitingForDeposit,
                 PaymentStatus::kDone, PaymentStatus::kCanceled, PaymentStatus::kPartialCanceled,
                 PaymentStatus::kAborted, PaymentStatus::kExpired}) {
    EXPECT_EQ(ParsePaymentStatus(PaymentStatusName(s)), s);
  }
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kUnknown), "UNKNOWN");
}

}  // namespace
}  // namespace eda::toss
