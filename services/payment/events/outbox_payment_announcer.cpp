#include "payment/events/outbox_payment_announcer.hpp"

namespace eda::payment {

Status OutboxPaymentAnnouncer::Add(const events::OutgoingEvent& event) {
  auto added = outbox_.Add(tx_, event);
  if (!added) return std::move(added).error();
  return {};
}

Status OutboxPaymentAnnouncer::Approved(const toss::Payment& approval) {
  return Add(BuildConfirmResponse(topics_, approval, trace_id_));
}

Status OutboxPaymentAnnouncer::Failed(const PaymentFailure& f) {
  return Add(BuildPaymentFailed(topics_, f.order_id, f.payment_key, f.amount, f.code, f.reason, trace_id_));
}

Status OutboxPaymentAnnouncer::Refunded(const PaymentRefund& r) {
  return Add(BuildPaymentRefunded(topics_, r.order_id, r.payment_key, r.refunded_amount, r.reason, r.partial, trace_id_));
}

}  // namespace eda::payment
