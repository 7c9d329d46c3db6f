#include "catalog/domain/stock_ledger.hpp"

#include <limits>

namespace eda::catalog {

std::string_view ListingStateName(ListingState s) noexcept {
  switch (s) {
    case ListingState::kPending: return "PENDING";
    case ListingState::kActive: return "ACTIVE";
    case ListingState::kDeleted: return "DELETED";
    case ListingState::kAbandoned: return "ABANDONED";
  }
  return "PENDING";
}

std::optional<ListingState> ParseListingState(std::string_view s) noexcept {
  for (ListingState v : {ListingState::kPending, ListingState::kActive, ListingState::kDeleted, ListingState::kAbandoned})
    if (ListingStateName(v) == s) return v;
  return std::nullopt;
}

std::string_view ReservationStateName(ReservationState s) noexcept {
  switch (s) {
    case ReservationState::kReserved: return "RESERVED";
    case ReservationState::kRejected: return "REJECTED";
    case ReservationState::kReleased: return "RELEASED";
  }
  return "RESERVED";
}

std::optional<ReservationState> ParseReservationState(std::string_view s) noexcept {
  for (ReservationState v : {ReservationState::kReserved, ReservationState::kRejected, ReservationState::kReleased})
    if (ReservationStateName(v) == s) return v;
  return std::nullopt;
}

std::int64_t NextStockVersion(std::int64_t current, std::int64_t now_us) noexcept {
  return now_us > current ? now_us : current + 1;
}

TakeDecision DecideTake(const StockRequest& request, const std::optional<Reservation>& existing,
                        const std::optional<StockRow>& row) {
  TakeDecision d;
  if (existing) {
    if (existing->state == ReservationState::kReleased) {
      d.kind = TakeDecision::kCancelled;
      return d;
    }
    if (existing->product_id != request.product_id || existing->quantity != request.quantity) {
      d.kind = TakeDecision::kMismatch;
      return d;
    }
    if (existing->state == ReservationState::kReserved) {
      d.kind = TakeDecision::kRepeatReserved;
      return d;
    }
    d.kind = TakeDecision::kRepeatRejected;
    d.reason = existing->reason.empty() ? "insufficient_stock" : existing->reason;
    d.available = row && row->stock ? *row->stock : 0;
    return d;
  }
  if (!row || row->state == ListingState::kAbandoned) {
    d.kind = TakeDecision::kReject;
    d.reason = "unknown_product";
    return d;
  }
  if (row->state == ListingState::kDeleted) {
    d.kind = TakeDecision::kReject;
    d.reason = "product_deleted";
    return d;
  }
  if (!row->stock) {
    d.kind = TakeDecision::kNotReady;
    return d;
  }
  if (*row->stock < request.quantity) {
    d.kind = TakeDecision::kReject;
    d.reason = "insufficient_stock";
    d.available = *row->stock;
    return d;
  }
  d.kind = TakeDecision::kTake;
  return d;
}

ReleaseDecision DecideRelease(const std::optional<Reservation>& existing) {
  ReleaseDecision d;
  if (!existing) {
    d.kind = ReleaseDecision::kRecordCancelled;
  } else if (existing->state == ReservationState::kReserved) {
    d.kind = ReleaseDecision::kRestock;
  } else {
    d.kind = ReleaseDecision::kNothing;
  }
  return d;
}

AdjustDecision DecideAdjust(const std::optional<StockRow>& row, std::int64_t delta) {
  AdjustDecision d;
  if (!row || row->state == ListingState::kDeleted || row->state == ListingState::kAbandoned) {
    d.kind = AdjustDecision::kNotFound;
    return d;
  }
  if (!row->stock) {
    d.kind = AdjustDecision::kNotReady;
    return d;
  }
  const std::int64_t stock = *row->stock;
  if (delta < 0 && stock < -delta) {
    d.kind = AdjustDecision::kInsufficient;
    return d;
  }
  if (delta > 0 && stock > std::numeric_limits<std::int64_t>::max() - delta) {
    d.kind = AdjustDecision::kOverflow;
    return d;
  }
  d.kind = AdjustDecision::kApply;
  d.new_stock = stock + delta;
  return d;
}

}  // namespace eda::catalog
