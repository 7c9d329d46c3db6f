#include "order/events/order_messages.hpp"


#include "eda/events/envelope.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::order {
namespace {

Error Undecodable(std::string_view what) {
  return Error::Permanent("events.undecodable", "cannot decode " + std::string(what));
}

}  // namespace

Result<DecodedEvent> DecodeSagaEvent(std::string_view topic, std::string_view payload) {
  DecodedEvent out;
  SagaInput in;
  if (topic == saga::kPaymentConfirmResponse) {
    edaordersystem::protobuf::paymentResponseV1 m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("paymentResponseV1");
    out.order_id = OrderId(m.order_id());
    in.event = SagaEvent::kPaymentConfirmed;
    in.payment_key = PaymentKey(m.payment_key());
    in.amount = m.amount();
    in.approved_at = m.approved_at();
  } else if (topic == saga::kPaymentFailed) {
    eda::events::v1::PaymentFailed m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("PaymentFailed");
    out.order_id = OrderId(m.order_id());
    in.event = SagaEvent::kPaymentFailed;
    in.payment_key = PaymentKey(m.payment_key());
    in.amount = m.amount();
    in.reason = m.error_code().empty() ? m.reason() : m.error_code() + " " + m.reason();
  } else if (topic == saga::kDeliveryRequest) {
    edaordersystem::protobuf::deliveryRequestV1 m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("deliveryRequestV1");
    out.order_id = OrderId(m.order_id());
    in.event = SagaEvent::kStockReserved;
    in.payment_key = PaymentKey(m.payment_key());
    in.amount = m.amount();
  } else if (topic == saga::kStockRejected) {
    eda::events::v1::StockRejected m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("StockRejected");
    out.order_id = OrderId(m.order_id());
    in.event = SagaEvent::kStockRejected;
    in.payment_key = PaymentKey(m.payment_key());
    in.amount = m.amount();
    in.reason = m.reason();
  } else if (topic == saga::kOrderComplete || topic == saga::kDeliveryStatusUpdate) {
    edaordersystem::protobuf::deliveryResponseV1 m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("deliveryResponseV1");
    out.order_id = OrderId(m.order_id());
    if (m.delivery_id() > 0) in.delivery_id = m.delivery_id();
    in.payment_key = PaymentKey(m.payment_key());
    in.amount = m.amount();
    const std::string& st = m.delivery_status();
    if (topic == saga::kOrderComplete || st == "REQUESTED") in.event = SagaEvent::kDeliveryCreated;
    else if (st == "IN_DELIVERY") in.event = SagaEvent::kInDelivery;
    else if (st == "DONE") in.event = SagaEvent::kDelivered;
    else {
      if (out.order_id.value().empty()) return Undecodable("deliveryResponseV1 without order_id");
      return out;  // FAILED (or unknown): the delivery-failed event drives the compensation
    }
  } else if (topic == saga::kDeliveryFailed) {
    eda::events::v1::DeliveryFailed m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("DeliveryFailed");
    out.order_id = OrderId(m.order_id());
    in.event = SagaEvent::kDeliveryFailed;
    in.payment_key = PaymentKey(m.payment_key());
    in.amount = m.amount();
    in.reason = m.reason();
  } else if (topic == saga::kPaymentRefunded) {
    eda::events::v1::PaymentRefunded m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("PaymentRefunded");
    out.order_id = OrderId(m.order_id());
    in.event = SagaEvent::kRefunded;
    in.payment_key = PaymentKey(m.payment_key());  // refunded_amount is what was returned, not the order amount
    in.reason = m.reason();
  } else {
    return Error::Permanent("events.unexpected_topic", "order does not consume " + std::string(topic));
  }
  if (out.order_id.value().empty()) return Undecodable(std::string(topic) + " without order_id");
  out.input = std::move(in);
  return out;
}

}  // namespace eda::order
