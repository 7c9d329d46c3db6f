#pragma once

#include <functional>
#include <string>
#include <vector>

#include "delivery/domain/carrier.hpp"
#include "delivery/domain/delivery_ports.hpp"
#include "delivery/domain/delivery_rules.hpp"

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

// Runs `work` on a unit of work in a transaction and commits it when `work` succeeded (store/ on
// MariaDB; the consumer's settle step runs in its inbox transaction).
using UnitOfWorkRunner = std::function<Status(const std::function<Status(DeliveryUnitOfWork&)>& work)>;

// Handles one delivery request, idempotently per order id, in the saga-step shape (claim -> call ->
// commit), so no row lock is held while the carrier answers:
// 1. `claim` (its own transaction): the order's delivery row, created REQUESTED when new; a booked
//    or FAILED row means the request was handled before (kDuplicate; `settle` still runs, empty, so
//    the consumer's inbox records the event);
// 2. the carrier of `delivery_company` books the shipment (no transaction open; the booking is
//    idempotent by order id at the carrier, so a retry books nothing twice);
// 3. `settle` (the inbox transaction): if the row still waits for its booking, mark it booked (and
//    emit order-complete) or FAILED (and emit delivery-failed) for an unknown carrier or a permanent
//    refusal; else kDuplicate (a concurrent delivery of the request settled it).
// Errors: "delivery.invalid_request" (permanent) for a request that fails ValidateRequest; a
// retryable carrier error is returned as is (the consumer retries; the claimed row is booked then);
// store errors are returned as is.
Result<IntakeResult> ProcessDeliveryRequest(const DeliveryRequest& request, const UnitOfWorkRunner& claim,
                                            const CarrierDirectory& carriers, const UnitOfWorkRunner& settle);

enum class CancelOutcome {
  kCancelled,  // the shipment will not happen: FAILED (or a tombstone) stored, delivery-failed written
  kTooLate,    // the carrier has the parcel (or had it already): nothing written
  kUnchanged,  // failed before, or refused (another payment than the row's): nothing written
};

struct CancelResult {
  CancelOutcome outcome = CancelOutcome::kUnchanged;
  CancelAction action = CancelAction::kAlreadyFailed;  // what DecideCancel said when settling
};

// The buyer's cancel of a shipment, in the same claim -> call -> commit shape: `claim` (its own
// transaction) reads the row; when it is booked the carrier cancels the parcel with no transaction
// open; `settle` (the inbox transaction) decides again on the locked row and stores the outcome. A
// booking or a carrier move in between makes the settle step fail retryable (the consumer retries and
// sees the new state). Errors: a retryable carrier error as is; a permanent one (e.g. the carrier
// does not know the tracking number) as "delivery.cancel_failed"; store errors as is.
Result<CancelResult> CancelShipment(const ShipmentCancelRequest& request, const UnitOfWorkRunner& claim,
                                    const CarrierDirectory& carriers, const UnitOfWorkRunner& settle);

// Asks the carrier about one non-terminal, booked delivery and applies the implied transitions.
// Returns the transitions applied ({} when the carrier reports nothing new or another poller won).
// Errors: the carrier's (e.g. timeouts; the next poll tries again) and the store's.
Result<std::vector<DeliveryStatus>> ProgressDelivery(const Delivery& delivery, const CarrierDirectory& carriers,
                                                     TransitionStore& store);

}  // namespace eda::delivery
