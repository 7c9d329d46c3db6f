#include "order/events/order_messages.hpp"

#include <chrono>
#include <stdexcept>

#include "eda/events/envelope.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::order {
namespace {

Error Undecodable(std::string_view what) {
  return Error::Permanent("events.undecodable", "cannot decode " + std::string(what));
}

}  // namespace

events::OutgoingEvent BuildMessage(const Order& o, Emit emit, std::string trace_id) {
  switch (emit) {
    case Emit::kPaymentConfirmRequest: {
      edaordersystem::protobuf::paymentRequestV1 m;
      m.set_order_id(o.id);
      m.set_payment_key(o.payment_key);
      m.set_amount(o.amount);
      return events::OutgoingEvent::Of(std::string(saga::kPaymentConfirmRequest), o.id, m, "order", std::move(trace_id));
    }
    case Emit::kStockRequest: {
      edaordersystem::protobuf::stockCountRequestV1 m;
      m.set_product_id(o.product_id);
      m.set_decrement_stock_count(o.product_count);
      m.set_increment_stock_count(0);
      m.set_order_id(o.id);
      m.set_order_name(o.order_name);
      m.set_member_id(o.member_id);
      m.set_delivery_company(o.delivery_company);
      m.set_payment_key(o.payment_key);
      m.set_address(o.address);
      m.set_amount(o.amount);
      m.set_approved_at(o.approved_at);
      return events::OutgoingEvent::Of(std::string(saga::kStockRequest), o.id, m, "order", std::move(trace_id));
    }
    case Emit::kOrderCancelled: {
      eda::events::v1::OrderCancelled m;
      m.set_order_id(o.id);
      m.set_payment_key(o.payment_key);
      m.set_amount(o.amount);
      m.set_member_id(o.member_id);
      m.set_product_id(o.product_id);
      m.set_product_count(o.product_count);
      m.set_reason("the order is cancelled: return its payment and its stock");
      m.set_cancelled_at(events::FormatTimestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(o.updated_at)));
      return events::OutgoingEvent::Of(std::string(saga::kOrderCancelled), o.id, m, "order", std::move(trace_id));
    }
    case Emit::kShipmentCancelRequest: {
      eda::events::v1::ShipmentCancelRequested m;
      m.set_order_id(o.id);
      m.set_member_id(o.member_id);
      m.set_payment_key(o.payment_key);
      m.set_amount(o.amount);
      m.set_reason("cancelled by the buyer");
      m.set_requested_at(events::FormatTimestamp(
          std::chrono::time_point_cast<std::chrono::milliseconds>(o.cancel_requested_at.value_or(o.updated_at))));
      return events::OutgoingEvent::Of(std::string(saga::kDeliveryCancelRequest), o.id, m, "order", std::move(trace_id));
    }
  }
  throw std::logic_error("unknown Emit");
}

Result<DecodedEvent> DecodeSagaEvent(std::string_view topic, std::string_view payload) {
  DecodedEvent out;
  SagaInput in;
  if (topic == saga::kPaymentConfirmResponse) {
    edaordersystem::protobuf::paymentResponseV1 m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("paymentResponseV1");
    out.order_id = m.order_id();
    in.event = SagaEvent::kPaymentConfirmed;
    in.payment_key = m.payment_key();
    in.amount = m.amount();
    in.approved_at = m.approved_at();
  } else if (topic == saga::kPaymentFailed) {
    eda::events::v1::PaymentFailed m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("PaymentFailed");
    out.order_id = m.order_id();
    in.event = SagaEvent::kPaymentFailed;
    in.payment_key = m.payment_key();
    in.amount = m.amount();
    in.reason = m.error_code().empty() ? m.reason() : m.error_code() + " " + m.reason();
  } else if (topic == saga::kDeliveryRequest) {
    edaordersystem::protobuf::deliveryRequestV1 m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("deliveryRequestV1");
    out.order_id = m.order_id();
    in.event = SagaEvent::kStockReserved;
    in.payment_key = m.payment_key();
    in.amount = m.amount();
  } else if (topic == saga::kStockRejected) {
    eda::events::v1::StockRejected m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("StockRejected");
    out.order_id = m.order_id();
    in.event = SagaEvent::kStockRejected;
    in.payment_key = m.payment_key();
    in.amount = m.amount();
    in.reason = m.reason();
  } else if (topic == saga::kOrderComplete || topic == saga::kDeliveryStatusUpdate) {
    edaordersystem::protobuf::deliveryResponseV1 m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("deliveryResponseV1");
    out.order_id = m.order_id();
    if (m.delivery_id() > 0) in.delivery_id = m.delivery_id();
    in.payment_key = m.payment_key();
    in.amount = m.amount();
    const std::string& st = m.delivery_status();
    if (topic == saga::kOrderComplete || st == "REQUESTED") in.event = SagaEvent::kDeliveryCreated;
    else if (st == "IN_DELIVERY") in.event = SagaEvent::kInDelivery;
    else if (st == "DONE") in.event = SagaEvent::kDelivered;
    else {
      if (out.order_id.empty()) return Undecodable("deliveryResponseV1 without order_id");
      return out;  // FAILED (or unknown): the delivery-failed event drives the compensation
    }
  } else if (topic == saga::kDeliveryFailed) {
    eda::events::v1::DeliveryFailed m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("DeliveryFailed");
    out.order_id = m.order_id();
    in.event = SagaEvent::kDeliveryFailed;
    in.payment_key = m.payment_key();
    in.amount = m.amount();
    in.reason = m.reason();
  } else if (topic == saga::kPaymentRefunded) {
    eda::events::v1::PaymentRefunded m;
    if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("PaymentRefunded");
    out.order_id = m.order_id();
    in.event = SagaEvent::kRefunded;
    in.payment_key = m.payment_key();  // refunded_amount is what was returned, not the order amount
    in.reason = m.reason();
  } else {
    return Error::Permanent("events.unexpected_topic", "order does not consume " + std::string(topic));
  }
  if (out.order_id.empty()) return Undecodable(std::string(topic) + " without order_id");
  out.input = std::move(in);
  return out;
}

}  // namespace eda::order
