#pragma once

#include <string_view>

#include "delivery/domain/delivery.hpp"
#include "eda/events/outbox.hpp"

namespace eda::delivery {

// The outbox events delivery's units of work write (the decoders of what it consumes are
// events/delivery_events.hpp).

// Seed deliveryResponseV1 for `delivery` with delivery_status `status`, keyed by order id, on
// `topic` (order-complete for REQUESTED, delivery-status-update for IN_DELIVERY / DONE).
events::OutgoingEvent DeliveryResponseEvent(std::string_view topic, const Delivery& delivery, DeliveryStatus status);

// DeliveryFailed keyed by order id. product_id is 0: deliveryRequestV1 carries no product id;
// catalog restocks from its per-order reservation row (keyed by order id).
events::OutgoingEvent DeliveryFailedEvent(const Delivery& delivery, std::string_view reason, std::string_view failed_at);

}  // namespace eda::delivery
