#include "delivery/store/delivery_outbox_messages.hpp"

#include "eda/saga/topics.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::delivery {

events::OutgoingEvent DeliveryResponseEvent(std::string_view topic, const Delivery& d, DeliveryStatus status) {
  edaordersystem::protobuf::deliveryResponseV1 m;
  m.set_order_id(d.request.order_id.value());
  m.set_delivery_id(d.id.value());
  m.set_member_id(d.request.member_id.value());
  m.set_product_count(d.request.product_count);
  m.set_amount(d.request.amount);
  m.set_order_name(d.request.order_name);
  m.set_payment_key(d.request.payment_key.value());
  m.set_approved_at(d.request.approved_at);
  m.set_delivery_status(std::string(ToString(status)));
  return events::OutgoingEvent::Of(std::string(topic), d.request.order_id.value(), m, "delivery");
}

events::OutgoingEvent DeliveryFailedEvent(const Delivery& d, std::string_view reason, std::string_view failed_at) {
  eda::events::v1::DeliveryFailed m;
  m.set_order_id(d.request.order_id.value());
  m.set_product_id(0);
  m.set_product_count(d.request.product_count);
  m.set_reason(std::string(reason));
  m.set_failed_at(std::string(failed_at));
  m.set_payment_key(d.request.payment_key.value());
  m.set_amount(d.request.amount);
  return events::OutgoingEvent::Of(std::string(saga::kDeliveryFailed), d.request.order_id.value(), m, "delivery");
}

}  // namespace eda::delivery
