#include "order/events/order_messages.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "events.pb.h"
#include "seed.pb.h"

namespace eda::order {
namespace {

TEST(OrderMessages, DecodesEveryConsumedTopic) {
  const std::string id = "ORD" + std::string(30, 'a');
  edaordersystem::protobuf::paymentResponseV1 resp;
  resp.set_order_id(id);
  resp.set_approved_at("t");
  auto d = DecodeSagaEvent("payment-confirm-response", resp.SerializeAsString());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->order_id, OrderId(id));
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
  const std::string id = "ORD" + std::string(30, 'a');
  const auto expect_carried = [](std::string_view topic, const std::string& payload, std::int64_t amount) {
    auto d = DecodeSagaEvent(topic, payload);
    ASSERT_TRUE(d.ok()) << topic;
    ASSERT_TRUE(d->input.has_value()) << topic;
    EXPECT_EQ(d->input->payment_key, PaymentKey("pk_1")) << topic;
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
