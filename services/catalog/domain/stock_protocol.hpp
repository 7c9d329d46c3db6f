#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/domain/product.hpp"

namespace eda::catalog {

// The stock of one product as read with SERIAL consistency (or returned by a not-applied CAS).
// `version` increases by one with every stock CAS, so a CAS on (stock, version) cannot suffer ABA.
// `ops` holds the markers of order operations applied to this row but not yet recorded as final in
// their reservation row ("take:<order>", "reject:<order>", "release:<order>").
struct StockSnapshot {
  bool exists = false;
  bool deleted = false;
  std::int64_t stock = 0;
  std::int64_t version = 0;
  std::vector<std::string> ops;

  bool HasOp(std::string_view marker) const;
};

std::string TakeMarker(std::string_view order_id);
std::string RejectMarker(std::string_view order_id);
std::string ReleaseMarker(std::string_view order_id);

// Per-order reservation row (`stock_reservation`, keyed by order id).
enum class ReservationState { kPending, kReserved, kRejected, kReleased };
std::string_view ReservationStateName(ReservationState s) noexcept;
std::optional<ReservationState> ParseReservationState(std::string_view s) noexcept;

struct Reservation {
  std::string order_id;
  ProductId product_id;
  std::int64_t quantity = 0;
  ReservationState state = ReservationState::kPending;
  std::string reason;  // for kRejected: why
};

// ---- Taking stock for an order (stockCountRequestV1) ----

// What to do after `INSERT ... IF NOT EXISTS` of a PENDING reservation returned `existing` (the row
// now in the table: ours if applied, an earlier delivery's otherwise).
enum class ReservationStep {
  kDecide,           // PENDING: (re)run the stock decision on the product row
  kAlreadyReserved,  // RESERVED: stock was taken earlier; re-emit delivery-request
  kAlreadyRejected,  // REJECTED: re-emit stock-rejected
  kCancelled,        // RELEASED: delivery-failed (or a release) came first; nothing to take, no event
  kMismatch,         // same order id, other product/quantity: a poisoned message (DLQ)
};
ReservationStep NextStepForReservation(const Reservation& existing, ProductId product_id, std::int64_t quantity);

// The decision on one stock snapshot for "order takes `quantity`".
struct TakeDecision {
  enum Kind {
    kCasTake,           // CAS stock -> new_stock with the take marker
    kCasReject,         // CAS (stock unchanged, version+1) with the reject marker: records the refusal
    kRejectNoProduct,   // unknown or deleted product: reject without touching a row (a stable state)
    kAlreadyTaken,      // the take marker is on the row: an earlier attempt took it
    kAlreadyRejected,   // the reject marker is on the row
  } kind;
  std::int64_t new_stock = 0;
  std::string reason;  // for rejections
};
TakeDecision DecideTake(const StockSnapshot& snapshot, std::string_view order_id, std::int64_t quantity);

// ---- Putting stock back (delivery-failed) ----
enum class ReleaseStep {
  kRecordCancelled,  // no reservation: write a RELEASED row so a late request takes nothing
  kRetryLater,       // PENDING: the take is in flight; retry the event later
  kNothingToDo,      // REJECTED or RELEASED: nothing was taken or it is back already
  kRelease,          // RESERVED: put `quantity` back, then RESERVED -> RELEASED
};
ReleaseStep NextStepForRelease(const std::optional<Reservation>& existing);

struct ReleaseDecision {
  enum Kind { kCasRelease, kAlreadyReleased, kNoProduct } kind;
  std::int64_t new_stock = 0;
};
ReleaseDecision DecideRelease(const StockSnapshot& snapshot, std::string_view order_id, std::int64_t quantity);

// ---- Direct stock changes (HTTP increase/decrease, no reservation) ----
struct AdjustDecision {
  enum Kind { kCas, kNotFound, kInsufficient, kOverflow } kind;
  std::int64_t new_stock = 0;
};
// `delta` > 0 adds, < 0 removes. Never below zero, never past INT64_MAX.
AdjustDecision DecideAdjust(const StockSnapshot& snapshot, std::int64_t delta);

}  // namespace eda::catalog
