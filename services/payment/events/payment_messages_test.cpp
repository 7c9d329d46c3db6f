#include "payment/events/payment_messages.hpp"

#include <gtest/gtest.h>

#include "events.pb.h"
#include "seed.pb.h"

namespace eda::payment {
namespace {

TEST(PaymentMessages, ConfirmRequestNeedsOrderKeyAndPositiveAmount) {
  edaordersystem::protobuf::paymentRequestV1 m;
  m.set_order_id("ORD1");
  m.set_payment_key("pk");
  m.set_amount(1000);
  auto ok = DecodeConfirmRequest(m.SerializeAsString());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->order_id, OrderId("ORD1"));
  EXPECT_EQ(ok->payment_key, PaymentKey("pk"));
  EXPECT_EQ(ok->amount, 1000);
  m.set_amount(0);
  EXPECT_EQ(DecodeConfirmRequest(m.SerializeAsString()).error().code, "events.undecodable");
  EXPECT_FALSE(DecodeConfirmRequest("\xff\xff\xff").ok());
}

TEST(PaymentMessages, RefundRequestCarriesTheOrderWhyAndNamesThePaymentExactly) {
  eda::events::v1::OrderCancelled r;
  r.set_order_id("ORD4");
  r.set_payment_key("pk_4");
  r.set_amount(4000);
  r.set_reason("stock-rejected: out of stock");
  auto c = DecodeOrderCancelled(r.SerializeAsString());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->order_id, OrderId("ORD4"));
  EXPECT_NE(c->reason.find("out of stock"), std::string::npos);
  EXPECT_EQ(c->payment.payment_key, PaymentKey("pk_4"));
  EXPECT_EQ(c->payment.amount, 4000);
  EXPECT_TRUE(c->payment.exact);
  EXPECT_FALSE(DecodeOrderCancelled("\xff\xff").ok());
  EXPECT_FALSE(DecodeOrderCancelled(eda::events::v1::OrderCancelled().SerializeAsString()).ok());
}

TEST(PaymentMessages, ConfirmResponseIsTheSeedMessageWithTheWindowMetadata) {
  toss::Payment p;
  p.order_id = "ORD1";
  p.order_name = "Mug";
  p.payment_key = "pk";
  p.approved_at = "2026-01-01T10:00:00+09:00";
  p.total_amount = 15000;
  p.metadata = {{"address", "Seoul"}, {"productId", "7"}, {"productCount", "2"}, {"memberId", "42"},
                {"deliveryCompany", "LOTTE"}};
  const PaymentTopics topics;
  auto ev = BuildConfirmResponse(topics, p, "");
  EXPECT_EQ(ev.topic, "payment-confirm-response");
  EXPECT_EQ(ev.key, "ORD1");
  edaordersystem::protobuf::paymentResponseV1 m;
  ASSERT_TRUE(m.ParseFromString(ev.payload));
  EXPECT_EQ(m.order_id(), "ORD1");
  EXPECT_EQ(m.order_name(), "Mug");
  EXPECT_EQ(m.payment_key(), "pk");
  EXPECT_EQ(m.approved_at(), "2026-01-01T10:00:00+09:00");
  EXPECT_EQ(m.amount(), 15000);
  EXPECT_EQ(m.metadata().at("memberId"), "42");
  EXPECT_EQ(m.metadata().at("deliveryCompany"), "LOTTE");
  EXPECT_EQ(m.metadata().size(), 5u);
}

TEST(PaymentMessages, FailedAndRefundedAreKeyedByOrder) {
  const PaymentTopics topics;
  auto f = BuildPaymentFailed(topics, OrderId("ORD1"), PaymentKey("pk"), 100, "REJECT_CARD_PAYMENT", "declined", "");
  EXPECT_EQ(f.topic, "payment-failed");
  EXPECT_EQ(f.key, "ORD1");
  eda::events::v1::PaymentFailed fm;
  ASSERT_TRUE(fm.ParseFromString(f.payload));
  EXPECT_EQ(fm.error_code(), "REJECT_CARD_PAYMENT");
  EXPECT_EQ(fm.amount(), 100);
  EXPECT_FALSE(fm.failed_at().empty());
  auto r = BuildPaymentRefunded(topics, OrderId("ORD1"), PaymentKey("pk"), 100, "stock rejected", false, "");
  EXPECT_EQ(r.topic, "payment-refunded");
  eda::events::v1::PaymentRefunded rm;
  ASSERT_TRUE(rm.ParseFromString(r.payload));
  EXPECT_EQ(rm.refunded_amount(), 100);
  EXPECT_FALSE(rm.partial());
}

}  // namespace
}  // namespace eda::payment
