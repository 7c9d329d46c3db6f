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
  r.order_id = OrderId(m.order_id());
  r.order_name = m.order_name();
  r.address = m.address();
  r.delivery_company = m.delivery_company();
  r.product_count = m.product_count();
  r.member_id = MemberId(m.member_id());
  r.payment_key = PaymentKey(m.payment_key());
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
  return ShipmentCancelRequest{OrderId(m.order_id()), PaymentKey(m.payment_key()), m.amount(), m.reason()};
}

}  // namespace eda::delivery
