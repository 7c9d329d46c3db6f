#include "delivery/events/delivery_events.hpp"

#include "events.pb.h"
#include "seed.pb.h"

namespace eda::delivery {

Result<DeliveryRequest> DecodeDeliveryRequest(std::string_view payload) {
  edaordersystem::protobuf::deliveryRequestV1 m;
  if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return Error::Permanent("events.undecodable", "not a deliveryRequestV1");
  }
  DeliveryRequest r;
  r.order_id = m.order_id();
  r.order_name = m.order_name();
  r.address = m.address();
  r.delivery_company = m.delivery_company();
  r.product_count = m.product_count();
  r.member_id = m.member_id();
  r.payment_key = m.payment_key();
  r.approved_at = m.approved_at();
  r.amount = m.amount();
  return r;
}

Result<ShipmentCancelRequest> DecodeShipmentCancelRequest(std::string_view payload) {
  eda::events::v1::ShipmentCancelRequested m;
  if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size())) || m.order_id().empty() ||
      m.order_id().size() > 64) {
    return Error::Permanent("events.undecodable", "not a ShipmentCancelRequested with an order_id");
  }
  return ShipmentCancelRequest{m.order_id(), m.payment_key(), m.amount(), m.reason()};
}

events::OutgoingEvent DeliveryResponseEvent(std::string_view topic, const Delivery& d, DeliveryStatus status) {
  edaordersystem::protobuf::deliveryResponseV1 m;
  m.set_order_id(d.request.order_id);
  m.set_delivery_id(d.id);
  m.set_member_id(d.request.member_id);
  m.set_product_count(d.request.product_count);
  m.set_amount(d.request.amount);
  m.set_order_name(d.request.order_name);
  m.set_payment_key(d.request.payment_key);
  m.set_approved_at(d.request.approved_at);
  m.set_delivery_status(std::string(ToString(status)));
  return events::OutgoingEvent::Of(std::string(topic), d.request.order_id, m, "delivery");
}

events::OutgoingEvent DeliveryFailedEvent(const Delivery& d, std::string_view reason, std::string_view failed_at) {
  eda::events::v1::DeliveryFailed m;
  m.set_order_id(d.request.order_id);
  m.set_product_id(0);
  m.set_product_count(d.request.product_count);
  m.set_reason(std::string(reason));
  m.set_failed_at(std::string(failed_at));
  m.set_payment_key(d.request.payment_key);
  m.set_amount(d.request.amount);
  return events::OutgoingEvent::Of(std::string(saga::kDeliveryFailed), d.request.order_id, m, "delivery");
}

}  // namespace eda::delivery
