#include "order/events/order_messages.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "events.pb.h"
#include "seed.pb.h"

namespace eda::order {
namespace {

Order Sample() {
  Order o;
  o.id = "ORD" + std::string(30, 'a');
  o.member_id = 42;
  o.product_id = 7;
  o.product_count = 2;
  o.amount = 30000;
  o.order_name = "Mug x 2";
  o.delivery_company = "LOTTE";
  o.address = "Seoul";
  o.payment_key = "pk_1";
  o.approved_at = "2026-11-24T12:00:00+09:00";
  return o;
}

TEST(OrderMessages, ConfirmRequestIsTheSeedMessageKeyedByOrder) {
  const auto ev = BuildMessage(Sample(), Emit::kPaymentConfirmRequest, "");
  EXPECT_EQ(ev.topic, "payment-confirm-request");
  EXPECT_EQ(ev.key, Sample().id);
  edaordersystem::protobuf::paymentRequestV1 m;
  ASSERT_TRUE(m.ParseFromString(ev.payload));
  EXPECT_EQ(m.order_id(), Sample().id);
  EXPECT_EQ(m.payment_key(), "pk_1");
  EXPECT_EQ(m.amount(), 30000);
}

TEST(OrderMessages, StockRequestCarriesEverythingCatalogAndDeliveryNeed) {
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

TEST(OrderMessages, OrderCancelledHasItsOwnTopicAndCarriesThePaymentAndTheStockToReturn) {
  Order o = Sample();
  o.updated_at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1795000000123));
  const auto ev = BuildMessage(o, Emit::kOrderCancelled, "");
  EXPECT_EQ(ev.topic, "order-cancelled");
  EXPECT_EQ(ev.key, o.id);
  EXPECT_EQ(ev.source, "order");
  EXPECT_EQ(ev.event_type, "eda.events.v1.OrderCancelled");
  eda::events::v1::OrderCancelled m;
  ASSERT_TRUE(m.ParseFromString(ev.payload));
  EXPECT_EQ(m.order_id(), o.id);
  EXPECT_EQ(m.payment_key(), "pk_1");
  EXPECT_EQ(m.amount(), 30000);
  EXPECT_FALSE(m.reason().empty());
  EXPECT_EQ(m.cancelled_at(), "2026-11-18T11:06:40.123Z");
  EXPECT_EQ(m.product_id(), o.product_id);
  EXPECT_EQ(m.product_count(), o.product_count);
  EXPECT_EQ(m.member_id(), o.member_id);
  // The cause's trace id is kept.
  const std::string trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  EXPECT_EQ(BuildMessage(o, Emit::kOrderCancelled, trace).trace_id, trace);
  // The order service does not consume its own request.
  for (std::string_view t : kConsumedTopics) EXPECT_NE(t, ev.topic);
  EXPECT_FALSE(DecodeSagaEvent("order-cancelled", ev.payload).ok());
}

TEST(OrderMessages, DecodesEveryConsumedTopic) {
  const std::string id = Sample().id;
  edaordersystem::protobuf::paymentResponseV1 resp;
  resp.set_order_id(id);
  resp.set_approved_at("t");
  auto d = DecodeSagaEvent("payment-confirm-response", resp.SerializeAsString());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->order_id, id);
  EXPECT_EQ(d->input->event, SagaEvent::kPaymentConfirmed);
  EXPECT_EQ(d->input->approved_at, "t");

  edaordersystem::protobuf::deliveryResponseV1 del;
  del.set_order_id(id);
  del.set_delivery_id(5);
  del.set_delivery_status("IN_DELIVERY");
  d = DecodeSagaEvent("delivery-status-update", del.SerializeAsString());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->input->event, SagaEvent::kInDelivery);
  EXPECT_EQ(d->input->delivery_id, 5);
  del.set_delivery_status("DONE");
  EXPECT_EQ(DecodeSagaEvent("delivery-status-update", del.SerializeAsString())->input->event, SagaEvent::kDelivered);
  del.set_delivery_status("FAILED");
  EXPECT_FALSE(DecodeSagaEvent("delivery-status-update", del.SerializeAsString())->input.has_value());
  EXPECT_EQ(DecodeSagaEvent("order-complete", del.SerializeAsString())->input->event, SagaEvent::kDeliveryCreated);

  eda::events::v1::DeliveryFailed failed;
  failed.set_order_id(id);
  failed.set_reason("carrier refused");
  EXPECT_EQ(DecodeSagaEvent("delivery-failed", failed.SerializeAsString())->input->event, SagaEvent::kDeliveryFailed);
  eda::events::v1::PaymentRefunded refunded;
  refunded.set_order_id(id);
  EXPECT_EQ(DecodeSagaEvent("payment-refunded", refunded.SerializeAsString())->input->event, SagaEvent::kRefunded);
  eda::events::v1::StockRejected rejected;
  rejected.set_order_id(id);
  EXPECT_EQ(DecodeSagaEvent("stock-rejected", rejected.SerializeAsString())->input->event, SagaEvent::kStockRejected);
  eda::events::v1::PaymentFailed pf;
  pf.set_order_id(id);
  EXPECT_EQ(DecodeSagaEvent("payment-failed", pf.SerializeAsString())->input->event, SagaEvent::kPaymentFailed);
  edaordersystem::protobuf::deliveryRequestV1 dr;
  dr.set_order_id(id);
  EXPECT_EQ(DecodeSagaEvent("delivery-request", dr.SerializeAsString())->input->event, SagaEvent::kStockReserved);
}

TEST(OrderMessages, DecodedEventsCarryThePaymentKeyAndAmountForTheOrderCheck) {
  const std::string id = Sample().id;
  const auto expect_carried = [](std::string_view topic, const std::string& payload, std::int64_t amount) {
    auto d = DecodeSagaEvent(topic, payload);
    ASSERT_TRUE(d.ok()) << topic;
    ASSERT_TRUE(d->input.has_value()) << topic;
    EXPECT_EQ(d->input->payment_key, "pk_1") << topic;
    EXPECT_EQ(d->input->amount, amount) << topic;
  };
  edaordersystem::protobuf::paymentResponseV1 resp;
  resp.set_order_id(id);
  resp.set_payment_key("pk_1");
  resp.set_amount(30000);
  expect_carried("payment-confirm-response", resp.SerializeAsString(), 30000);
  eda::events::v1::PaymentFailed pf;
  pf.set_order_id(id);
  pf.set_payment_key("pk_1");
  pf.set_amount(30000);
  expect_carried("payment-failed", pf.SerializeAsString(), 30000);
  edaordersystem::protobuf::deliveryRequestV1 dr;
  dr.set_order_id(id);
  dr.set_payment_key("pk_1");
  dr.set_amount(30000);
  expect_carried("delivery-request", dr.SerializeAsString(), 30000);
  eda::events::v1::StockRejected rejected;
  rejected.set_order_id(id);
  rejected.set_payment_key("pk_1");
  rejected.set_amount(30000);
  expect_carried("stock-rejected", rejected.SerializeAsString(), 30000);
  edaordersystem::protobuf::deliveryResponseV1 del;
  del.set_order_id(id);
  del.set_payment_key("pk_1");
  del.set_amount(30000);
  del.set_delivery_status("REQUESTED");
  expect_carried("order-complete", del.SerializeAsString(), 30000);
  del.set_delivery_status("DONE");
  expect_carried("delivery-status-update", del.SerializeAsString(), 30000);
  eda::events::v1::DeliveryFailed failed;
  failed.set_order_id(id);
  failed.set_payment_key("pk_1");
  failed.set_amount(30000);
  expect_carried("delivery-failed", failed.SerializeAsString(), 30000);
  // The refunded amount may be partial or 0: only the key is compared with the order.
  eda::events::v1::PaymentRefunded refunded;
  refunded.set_order_id(id);
  refunded.set_payment_key("pk_1");
  refunded.set_refunded_amount(1000);
  expect_carried("payment-refunded", refunded.SerializeAsString(), 0);
}

TEST(OrderMessages, UndecodableRecordsArePermanentErrors) {
  EXPECT_EQ(DecodeSagaEvent("payment-confirm-response", "\xff\xff\xff").error().code, "events.undecodable");
  EXPECT_EQ(DecodeSagaEvent("payment-confirm-response", "").error().code, "events.undecodable");  // no order id
}

}  // namespace
}  // namespace eda::order
