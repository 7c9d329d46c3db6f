#include "order/store/order_outbox_messages.hpp"

#include <chrono>
#include <stdexcept>

#include "eda/events/envelope.hpp"
#include "eda/saga/topics.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::order {

events::OutgoingEvent BuildMessage(const Order& o, Emit emit, std::string trace_id) {
  switch (emit) {
    case Emit::kPaymentConfirmRequest: {
      edaordersystem::protobuf::paymentRequestV1 m;
      m.set_order_id(o.id.value());
      m.set_payment_key(o.payment_key.value());
      m.set_amount(o.amount);
      return events::OutgoingEvent::Of(std::string(saga::kPaymentConfirmRequest), o.id.value(), m, "order", std::move(trace_id));
    }
    case Emit::kStockRequest: {
      edaordersystem::protobuf::stockCountRequestV1 m;
      m.set_product_id(o.product_id.value());
      m.set_decrement_stock_count(o.product_count);
      m.set_increment_stock_count(0);
      m.set_order_id(o.id.value());
      m.set_order_name(o.order_name);
      m.set_member_id(o.member_id.value());
      m.set_delivery_company(o.delivery_company);
      m.set_payment_key(o.payment_key.value());
      m.set_address(o.address);
      m.set_amount(o.amount);
      m.set_approved_at(o.approved_at);
      return events::OutgoingEvent::Of(std::string(saga::kStockRequest), o.id.value(), m, "order", std::move(trace_id));
    }
    case Emit::kOrderCancelled: {
      eda::events::v1::OrderCancelled m;
      m.set_order_id(o.id.value());
      m.set_payment_key(o.payment_key.value());
      m.set_amount(o.amount);
      m.set_member_id(o.member_id.value());
      m.set_product_id(o.product_id.value());
      m.set_product_count(o.product_count);
      m.set_reason("the order is cancelled: return its payment and its stock");
      m.set_cancelled_at(events::FormatTimestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(o.updated_at)));
      return events::OutgoingEvent::Of(std::string(saga::kOrderCancelled), o.id.value(), m, "order", std::move(trace_id));
    }
    case Emit::kShipmentCancelRequest: {
      eda::events::v1::ShipmentCancelRequested m;
      m.set_order_id(o.id.value());
      m.set_member_id(o.member_id.value());
      m.set_payment_key(o.payment_key.value());
      m.set_amount(o.amount);
      m.set_reason("cancelled by the buyer");
      m.set_requested_at(events::FormatTimestamp(
          std::chrono::time_point_cast<std::chrono::milliseconds>(o.cancel_requested_at.value_or(o.updated_at))));
      return events::OutgoingEvent::Of(std::string(saga::kDeliveryCancelRequest), o.id.value(), m, "order", std::move(trace_id));
    }
  }
  throw std::logic_error("unknown Emit");
}

}  // namespace eda::order
