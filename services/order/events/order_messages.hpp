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

// The topics the order service consumes, in one place for main and the tests.
inline constexpr std::string_view kConsumedTopics[] = {
    saga::kPaymentConfirmResponse, saga::kPaymentFailed,        saga::kDeliveryRequest, saga::kStockRejected,
    saga::kOrderComplete,          saga::kDeliveryStatusUpdate, saga::kDeliveryFailed,  saga::kPaymentRefunded,
};

// A consumed record turned into a saga input for `order_id`, with the payment key and amount the record
// carries (payment-refunded: the key only) for Advance's CheckEventPayment. nullopt input: a record the
// order service deliberately ignores (e.g. delivery-status-update FAILED, handled by delivery-failed).
// Errors: permanent "events.undecodable" for bytes that do not parse or lack the order id.
struct DecodedEvent {
  OrderId order_id;
  std::optional<SagaInput> input;
};
Result<DecodedEvent> DecodeSagaEvent(std::string_view topic, std::string_view payload);

}  // namespace eda::order
