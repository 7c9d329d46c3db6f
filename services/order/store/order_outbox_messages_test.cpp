#include "order/store/order_outbox_messages.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "events.pb.h"
#include "order/events/order_messages.hpp"
#include "seed.pb.h"

namespace eda::order {
namespace {

Order Sample() {
  Order o;
  o.id = OrderId("ORD" + std::string(30, 'a'));
  o.member_id = MemberId(42);
  o.product_id = ProductId(7);
  o.product_count = 2;
  o.amount = 30000;
  o.order_name = "Mug x 2";
  o.delivery_company = "LOTTE";
  o.address = "Seoul";
  o.payment_key = PaymentKey("pk_1");
  o.approved_at = "2026-11-24T12:00:00+09:00";
  return o;
}

TEST(OrderOutboxMessages, ConfirmRequestIsTheSeedMessageKeyedByOrder) {
  const auto ev = BuildMessage(Sample(), Emit::kPaymentConfirmRequest, "");
  EXPECT_EQ(ev.topic, "payment-confirm-request");
  EXPECT_EQ(ev.key, Sample().id.value());
  edaordersystem::protobuf::paymentRequestV1 m;
  ASSERT_TRUE(m.ParseFromString(ev.payload));
  EXPECT_EQ(m.order_id(), Sample().id.value());
  EXPECT_EQ(m.payment_key(), "pk_1");
  EXPECT_EQ(m.amount(), 30000);
}

TEST(OrderOutboxMessages, StockRequestCarriesEverythingCatalogAndDeliveryNeed) {
  const auto ev = BuildMessage(Sample(), Emit::kStockRequest, "");
  EXPECT_EQ(ev.topic, "catalog-decrement-request-delivery-request");
  edaordersystem::protobuf::stockCountRequestV1 m;
  ASSERT_TRUE(m.ParseFromString(ev.payload));
  EXPECT_EQ(m.product_id(), 7);
  EXPECT_EQ(m.decrement_stock_count(), 2);
  EXPECT_EQ(m.increment_stock_count(), 0);
  EXPECT_EQ(m.member_id(), 42);
  EXPECT_EQ(m.delivery_company(), "LOTTE");
  EXPECT_EQ(m.address(), "Seoul");
  EXPECT_EQ(m.amount(), 30000);
  EXPECT_EQ(m.approved_at(), "2026-11-24T12:00:00+09:00");
  EXPECT_EQ(m.order_name(), "Mug x 2");
}

TEST(OrderOutboxMessages, OrderCancelledHasItsOwnTopicAndCarriesThePaymentAndTheStockToReturn) {
  Order o = Sample();
  o.updated_at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1795000000123));
  const auto ev = BuildMessage(o, Emit::kOrderCancelled, "");
  EXPECT_EQ(ev.topic, "order-cancelled");
  EXPECT_EQ(ev.key, o.id.value());
  EXPECT_EQ(ev.source, "order");
  EXPECT_EQ(ev.event_type, "eda.events.v1.OrderCancelled");
  eda::events::v1::OrderCancelled m;
  ASSERT_TRUE(m.ParseFromString(ev.payload));
  EXPECT_EQ(m.order_id(), o.id.value());
  EXPECT_EQ(m.payment_key(), "pk_1");
  EXPECT_EQ(m.amount(), 30000);
  EXPECT_FALSE(m.reason().empty());
  EXPECT_EQ(m.cancelled_at(), "2026-11-18T11:06:40.123Z");
  EXPECT_EQ(m.product_id(), o.product_id.value());
  EXPECT_EQ(m.product_count(), o.product_count);
  EXPECT_EQ(m.member_id(), o.member_id.value());
  // The cause's trace id is kept.
  const std::string trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  EXPECT_EQ(BuildMessage(o, Emit::kOrderCancelled, trace).trace_id, trace);
  // The order service does not consume its own request.
  for (std::string_view t : kConsumedTopics) EXPECT_NE(t, ev.topic);
  EXPECT_FALSE(DecodeSagaEvent("order-cancelled", ev.payload).ok());
}

}  // namespace
}  // namespace eda::order
