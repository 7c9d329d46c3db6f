#pragma once

// The stock ledger's rules (README "Stock ledger"): stock lives in MariaDB beside the product id
// (`seller_product`), each order's take in a reservation row, and every step is one decision over
// rows locked in the caller's transaction. Pure: no I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/domain/product.hpp"

namespace eda::catalog {

// The product's life in the ledger: PENDING (id allocated, Cassandra row maybe not written yet),
// ACTIVE, DELETED, ABANDONED (never written).
enum class ListingState { kPending, kActive, kDeleted, kAbandoned };
std::string_view ListingStateName(ListingState s) noexcept;
std::optional<ListingState> ParseListingState(std::string_view s) noexcept;

// One product's ledger row, locked by the transaction that read it.
struct StockRow {
  ProductId id;
  SellerId seller_id;
  ListingState state = ListingState::kPending;
  // nullopt: a product registered before the ledger whose stock was not copied from Cassandra yet
  // (done at start, see CopyLegacyStock); no stock step decides on it until then.
  std::optional<std::int64_t> stock;
  // Grows with every stock change (microseconds since the epoch, or one more than before): the
  // product-changed event carries it and the Cassandra projection writes with it as timestamp, so
  // the newest stock wins whatever order the events arrive in.
  std::int64_t version = 0;
  // The product as last recorded (for product-changed after a stock change).
  std::string name;
  std::int64_t price = 0;
  std::vector<std::string> tags;
};

// The next version after `current` at wall-clock `now_us`.
std::int64_t NextStockVersion(std::int64_t current, std::int64_t now_us) noexcept;

// Per-order reservation (`stock_reservation`, keyed by order id): what one order took, or why not.
enum class ReservationState { kReserved, kRejected, kReleased };
std::string_view ReservationStateName(ReservationState s) noexcept;
std::optional<ReservationState> ParseReservationState(std::string_view s) noexcept;

struct Reservation {
  std::string order_id;
  ProductId product_id;
  std::int64_t quantity = 0;
  ReservationState state = ReservationState::kReserved;
  std::string reason;  // kRejected: why; kReleased without a take: "released_before_request"
};

// A stock request of the purchase saga (from stockCountRequestV1).
struct StockRequest {
  std::string order_id;
  ProductId product_id;
  std::int64_t quantity = 0;
};

// ---- Taking stock for an order ----
struct TakeDecision {
  enum Kind {
    kTake,            // enough stock: take quantity, reservation RESERVED
    kReject,          // short stock / unknown / deleted: reservation REJECTED (reason)
    kRepeatReserved,  // the order took its stock before: answer again, change nothing
    kRepeatRejected,  // the order was refused before: answer again, change nothing
    kCancelled,       // the order was released before its request came: nothing, no answer
    kMismatch,        // same order, other product or quantity: a poisoned request
    kNotReady,        // the product's stock is not in the ledger yet: retry later
  } kind = kReject;
  std::string reason;         // kReject / kRepeatRejected
  std::int64_t available = 0; // stock seen when refusing
};
// `existing`: the order's reservation (locked); `row`: the product's row (locked), nullopt if none.
TakeDecision DecideTake(const StockRequest& request, const std::optional<Reservation>& existing,
                        const std::optional<StockRow>& row);

// ---- Putting an order's stock back (delivery failed) ----
struct ReleaseDecision {
  enum Kind {
    kRestock,          // RESERVED: add quantity back, reservation RELEASED
    kRecordCancelled,  // no reservation: write RELEASED (quantity 0) so a late request takes nothing
    kNothing,          // REJECTED or RELEASED: nothing was taken, or it is back already
  } kind = kNothing;
};
ReleaseDecision DecideRelease(const std::optional<Reservation>& existing);

// ---- Direct stock changes (HTTP increase/decrease, no reservation) ----
struct AdjustDecision {
  enum Kind { kApply, kNotFound, kInsufficient, kOverflow, kNotReady } kind = kNotFound;
  std::int64_t new_stock = 0;
};
// `delta` > 0 adds, < 0 removes. Never below zero, never past INT64_MAX. Not for deleted products.
AdjustDecision DecideAdjust(const std::optional<StockRow>& row, std::int64_t delta);

}  // namespace eda::catalog
