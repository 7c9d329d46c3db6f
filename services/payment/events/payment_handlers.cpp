#include "payment/events/payment_handlers.hpp"

#include "eda/log/log.hpp"

namespace eda::payment {

PaymentHandlers::PaymentHandlers(PaymentService& service, PaymentCommit commit, events::Inbox inbox,
                                 HandlerSettings settings)
    : service_(service), commit_(std::move(commit)), inbox_(std::move(inbox)), settings_(std::move(settings)) {}

void PaymentHandlers::Subscribe(events::Consumer& consumer) {
  consumer.Subscribe(commit_.topics.confirm_request, [this](const events::IncomingEvent& ev) { return HandleConfirmRequest(ev); });
  consumer.Subscribe(commit_.topics.order_cancelled, [this](const events::IncomingEvent& ev) { return HandleOrderCancelled(ev); });
}

Status PaymentHandlers::HandleConfirmRequest(const events::IncomingEvent& ev) {
  auto msg = DecodeConfirmRequest(ev.payload);
  if (!msg) return std::move(msg).error();
  auto result = service_.Confirm({msg->order_id, msg->payment_key, msg->amount, ev.envelope.event_id},
                                 commit_.Inbox(inbox_, settings_.consumer_name, ev));
  if (!result) {
    if (result.error().code == "payment.toss_misconfigured") {
      log::Error("Toss refused our secret key: check EDA_TOSS_SECRET_KEY / EDA_TOSS_API_URL",
                 {{"order_id", msg->order_id.value()}, {"error", result.error().message}});
    }
    return std::move(result).error();
  }
  const PaymentRecord& row = result->payment;
  const ConfirmOutcome& toss = result->toss;
  switch (result->step) {
    case ConfirmStep::kApproved:
      log::Info("payment approved", {{"order_id", row.order_id.value()}, {"amount", row.amount}});
      break;
    case ConfirmStep::kRefused:
      log::Info("payment refused", {{"order_id", row.order_id.value()}, {"code", toss.code}, {"reason", toss.reason},
                                    {"mismatch_refunded", toss.mismatch_refunded}});
      break;
    case ConfirmStep::kDuplicate:
      log::Warn("second payment-confirm-request refused",
                {{"order_id", msg->order_id.value()}, {"status", PaymentStatusName(row.status)}, {"row_order_id", row.order_id.value()},
                 {"event_id", ev.envelope.event_id}});
      break;
    case ConfirmStep::kKeyReused:
      log::Warn("payment-confirm-request with another order's payment key: payment-failed",
                {{"order_id", msg->order_id.value()}, {"holder_order_id", row.order_id.value()}, {"event_id", ev.envelope.event_id}});
      break;
    case ConfirmStep::kAlreadySettled:
    case ConfirmStep::kRedelivered: break;
  }
  return {};
}

Status PaymentHandlers::HandleOrderCancelled(const events::IncomingEvent& ev) {
  auto msg = DecodeOrderCancelled(ev.payload);
  if (!msg) return std::move(msg).error();
  auto result = service_.Refund({msg->order_id, msg->reason, msg->payment}, commit_.Inbox(inbox_, settings_.consumer_name, ev));
  if (!result) {
    if (result.error().code == "payment.cancel_refused") {
      log::Error("refund refused by Toss: operator needed", {{"order_id", msg->order_id.value()}, {"error", result.error().message}});
    }
    return std::move(result).error();
  }
  switch (result->step) {
    case RefundStep::kRefused: {
      const std::string& topic = commit_.topics.order_cancelled;
      const std::string_view reason = CompensationRefusalName(result->refusal.value_or(CompensationRefusal::kPaymentKeyMismatch));
      if (settings_.refused) settings_.refused(topic, msg->order_id.value(), reason);
      log::Warn("compensation event refused: it does not name the order's payment (forged or misrouted)",
                {{"topic", topic}, {"order_id", msg->order_id.value()}, {"reason", reason}, {"event_id", ev.envelope.event_id}});
      break;
    }
    case RefundStep::kNothingToRefund:
      log::Info("compensation without a payment to refund",
                {{"order_id", msg->order_id.value()},
                 {"status", result->payment ? PaymentStatusName(result->payment->status) : std::string_view("none")}});
      break;
    case RefundStep::kRefunded:
    case RefundStep::kNothingHeld:
      log::Info("payment refunded", {{"order_id", msg->order_id.value()}, {"refunded_amount", result->refunded_amount},
                                     {"partial", result->partial}});
      break;
    case RefundStep::kAlreadyRefunded:
    case RefundStep::kReannounced: break;
  }
  return {};
}

}  // namespace eda::payment
