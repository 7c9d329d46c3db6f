#pragma once

#include <string>
#include <vector>

#include "delivery/domain/carrier.hpp"
#include "delivery/domain/delivery_ports.hpp"

namespace eda::delivery {

enum class IntakeOutcome {
  kBooked,     // shipment booked now; order-complete written
  kFailed,     // no shipment possible; delivery FAILED, delivery-failed written
  kDuplicate,  // the order was handled before; nothing written
};

struct IntakeResult {
  IntakeOutcome outcome = IntakeOutcome::kDuplicate;
  Delivery delivery;  // the delivery as stored after this call
};

// Handles one delivery request inside the caller's transaction (`uow`), idempotently per order id:
// create the REQUESTED row, book with the carrier of `delivery_company`, then mark it booked (and
// emit order-complete) or FAILED (and emit delivery-failed) for an unknown carrier or a permanent
// refusal. Errors: "delivery.invalid_request" (permanent) for a request that fails
// ValidateRequest; a retryable carrier error is returned as is, so the transaction rolls back and
// the consumer retries (the booking is idempotent by order id, so a retry books nothing twice);
// store errors are returned as is.
Result<IntakeResult> ProcessDeliveryRequest(const DeliveryRequest& request, DeliveryUnitOfWork& uow,
                                            const CarrierDirectory& carriers);

// Asks the carrier about one non-terminal, booked delivery and applies the implied transitions.
// Returns the transitions applied ({} when the carrier reports nothing new or another poller won).
// Errors: the carrier's (e.g. timeouts; the next poll tries again) and the store's.
Result<std::vector<DeliveryStatus>> ProgressDelivery(const Delivery& delivery, const CarrierDirectory& carriers,
                                                     TransitionStore& store);

}  // namespace eda::delivery
