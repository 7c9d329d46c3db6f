#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "eda/core/result.hpp"
#include "eda/events/outbox.hpp"
#include "eda/saga/topics.hpp"
#include "order/domain/order.hpp"
#include "order/domain/order_saga.hpp"

namespace eda::order {

// Topics (docs/SAGA.md).
inline constexpr std::string_view kTopicPaymentConfirmRequest = saga::kPaymentConfirmRequest;
inline constexpr std::string_view kTopicPaymentConfirmResponse = saga::kPaymentConfirmResponse;
inline constexpr std::string_view kTopicPaymentFailed = saga::kPaymentFailed;
inline constexpr std::string_view kTopicStockRequest = saga::kStockRequest;
inline constexpr std::string_view kTopicDeliveryRequest = saga::kDeliveryRequest;
inline constexpr std::string_view kTopicStockRejected = saga::kStockRejected;
inline constexpr std::string_view kTopicOrderComplete = saga::kOrderComplete;
inline constexpr std::string_view kTopicDeliveryStatusUpdate = saga::kDeliveryStatusUpdate;
inline constexpr std::string_view kTopicDeliveryFailed = saga::kDeliveryFailed;
inline constexpr std::string_view kTopicPaymentRefunded = saga::kPaymentRefunded;
inline constexpr std::string_view kTopicOrderCancelled = saga::kOrderCancelled;

// The topics the order service consumes, in one place for main and the tests.
inline constexpr std::string_view kConsumedTopics[] = {
    kTopicPaymentConfirmResponse, kTopicPaymentFailed,        kTopicDeliveryRequest, kTopicStockRejected,
    kTopicOrderComplete,          kTopicDeliveryStatusUpdate, kTopicDeliveryFailed,  kTopicPaymentRefunded,
};

// The outbox event for a message a decision emitted, keyed by the order id:
//   kPaymentConfirmRequest -> payment-confirm-request (seed paymentRequestV1)
//   kStockRequest          -> catalog-decrement-request-delivery-request (seed stockCountRequestV1)
//   kOrderCancelled         -> order-cancelled (OrderCancelled {order_id, payment_key, amount, reason,
//                             requested_at = the order's updated_at})
// Every message carries the order's payment key and amount. `trace_id`: the W3C traceparent of the
// cause (empty: a fresh one).
events::OutgoingEvent BuildMessage(const Order& order, Emit emit, std::string trace_id);

// A consumed record turned into a saga input for `order_id`, with the payment key and amount the record
// carries (payment-refunded: the key only) for Advance's CheckEventPayment. nullopt input: a record the
// order service deliberately ignores (e.g. delivery-status-update FAILED, handled by delivery-failed).
// Errors: permanent "events.undecodable" for bytes that do not parse or lack the order id.
struct DecodedEvent {
  std::string order_id;
  std::optional<SagaInput> input;
};
Result<DecodedEvent> DecodeSagaEvent(std::string_view topic, std::string_view payload);

}  // namespace eda::order
