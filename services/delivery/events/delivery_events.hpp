#pragma once

#include <string>
#include <string_view>

#include "delivery/domain/delivery.hpp"
#include "eda/core/result.hpp"

namespace eda::delivery {

// Decodes a seed deliveryRequestV1. Error "events.undecodable" (permanent) for bad bytes.
Result<DeliveryRequest> DecodeDeliveryRequest(std::string_view payload);

// Decodes a ShipmentCancelRequested (order -> delivery). Error "events.undecodable" (permanent) for
// bad bytes or a missing order id.
Result<ShipmentCancelRequest> DecodeShipmentCancelRequest(std::string_view payload);

}  // namespace eda::delivery
