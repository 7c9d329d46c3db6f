#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eda/core/result.hpp"
#include "eda/events/outbox.hpp"
#include "eda/saga/topics.hpp"
#include "eda/toss/payment.hpp"
#include "payment/domain/payment_rules.hpp"

namespace eda::payment {

// The saga topics the payment service uses (libs/saga, docs/SAGA.md). Overridable so integration
// tests can run on topics of their own.
struct PaymentTopics {
  std::string confirm_request{saga::kPaymentConfirmRequest};    // in:  seed paymentRequestV1
  std::string order_cancelled{saga::kOrderCancelled};         // in:  OrderCancelled
  std::string confirm_response{saga::kPaymentConfirmResponse};  // out: seed paymentResponseV1
  std::string failed{saga::kPaymentFailed};                     // out: PaymentFailed
  std::string refunded{saga::kPaymentRefunded};                 // out: PaymentRefunded
};

inline constexpr std::string_view kEventSource = "payment";

// A decoded payment-confirm-request. Errors: permanent "events.undecodable" for bytes that do not
// parse, an empty order id or payment key, or an amount ≤ 0.
struct ConfirmRequestMessage {
  OrderId order_id;
  PaymentKey payment_key;
  std::int64_t amount = 0;
};
Result<ConfirmRequestMessage> DecodeConfirmRequest(std::string_view payload);

// A decoded order-cancelled: the order service asks for its payment back (the order is CANCELLING:
// stock was rejected, the delivery failed, or its sweeper has not seen the refund yet). The payment
// service refunds only on this, never on stock-rejected or delivery-failed directly, so only the
// order's own state machine decides that a paid order is cancelled (a delivered order never is).
// It must name the row's payment exactly. Errors: "events.undecodable" (bad bytes, empty order id).
struct CancelledOrderMessage {
  OrderId order_id;
  std::string reason;
  NamedPayment payment;
};
Result<CancelledOrderMessage> DecodeOrderCancelled(std::string_view payload);

// payment-confirm-response (seed paymentResponseV1) from the verified approval: order id, order name,
// payment key, approvedAt, total amount and the window's metadata {address, productId, productCount,
// memberId, deliveryCompany} as Toss returned it. Keyed by the order id.
events::OutgoingEvent BuildConfirmResponse(const PaymentTopics& topics, const toss::Payment& approved,
                                           std::string trace_id);

// payment-failed (PaymentFailed): nothing was charged (or a wrong-amount approval was refunded at once).
events::OutgoingEvent BuildPaymentFailed(const PaymentTopics& topics, const OrderId& order_id,
                                         const PaymentKey& payment_key, std::int64_t amount, const std::string& code,
                                         const std::string& reason, std::string trace_id);

// payment-refunded (PaymentRefunded): `refunded_amount` was returned; `partial` when a balance is left.
events::OutgoingEvent BuildPaymentRefunded(const PaymentTopics& topics, const OrderId& order_id,
                                           const PaymentKey& payment_key, std::int64_t refunded_amount,
                                           const std::string& reason, bool partial, std::string trace_id);

}  // namespace eda::payment
