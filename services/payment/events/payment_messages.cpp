#include "payment/events/payment_messages.hpp"

#include "eda/events/envelope.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::payment {
namespace {

Error Undecodable(std::string_view what) {
  return Error::Permanent("events.undecodable", "cannot decode " + std::string(what));
}

std::string Now() { return events::FormatTimestamp(events::NowMs()); }

}  // namespace

Result<ConfirmRequestMessage> DecodeConfirmRequest(std::string_view payload) {
  edaordersystem::protobuf::paymentRequestV1 m;
  if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("paymentRequestV1");
  if (m.order_id().empty() || m.payment_key().empty() || m.amount() <= 0) {
    return Undecodable("paymentRequestV1 without order_id, payment_key or a positive amount");
  }
  return ConfirmRequestMessage{OrderId(m.order_id()), PaymentKey(m.payment_key()), m.amount()};
}

Result<CancelledOrderMessage> DecodeOrderCancelled(std::string_view payload) {
  eda::events::v1::OrderCancelled m;
  if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return Undecodable("OrderCancelled");
  if (m.order_id().empty()) return Undecodable("OrderCancelled without order_id");
  return CancelledOrderMessage{OrderId(m.order_id()), "refund requested: " + m.reason(),
                               NamedPayment{PaymentKey(m.payment_key()), m.amount(), true}};
}

events::OutgoingEvent BuildConfirmResponse(const PaymentTopics& topics, const toss::Payment& p, std::string trace_id) {
  edaordersystem::protobuf::paymentResponseV1 m;
  m.set_order_id(p.order_id);
  m.set_order_name(p.order_name);
  m.set_payment_key(p.payment_key);
  m.set_approved_at(p.approved_at.value_or(""));
  m.set_amount(p.total_amount);
  for (const auto& [k, v] : p.metadata) (*m.mutable_metadata())[k] = v;
  return events::OutgoingEvent::Of(topics.confirm_response, p.order_id, m, std::string(kEventSource), std::move(trace_id));
}

events::OutgoingEvent BuildPaymentFailed(const PaymentTopics& topics, const OrderId& order_id,
                                         const PaymentKey& payment_key, std::int64_t amount, const std::string& code,
                                         const std::string& reason, std::string trace_id) {
  eda::events::v1::PaymentFailed m;
  m.set_order_id(order_id.value());
  m.set_payment_key(payment_key.value());
  m.set_amount(amount);
  m.set_reason(reason);
  m.set_error_code(code);
  m.set_failed_at(Now());
  return events::OutgoingEvent::Of(topics.failed, order_id.value(), m, std::string(kEventSource), std::move(trace_id));
}

events::OutgoingEvent BuildPaymentRefunded(const PaymentTopics& topics, const OrderId& order_id,
                                           const PaymentKey& payment_key, std::int64_t refunded_amount,
                                           const std::string& reason, bool partial, std::string trace_id) {
  eda::events::v1::PaymentRefunded m;
  m.set_order_id(order_id.value());
  m.set_payment_key(payment_key.value());
  m.set_refunded_amount(refunded_amount);
  m.set_reason(reason);
  m.set_refunded_at(Now());
  m.set_partial(partial);
  return events::OutgoingEvent::Of(topics.refunded, order_id.value(), m, std::string(kEventSource), std::move(trace_id));
}

}  // namespace eda::payment
