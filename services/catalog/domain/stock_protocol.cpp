#include "catalog/domain/stock_protocol.hpp"

#include <algorithm>
#include <limits>

namespace eda::catalog {

bool StockSnapshot::HasOp(std::string_view marker) const {
  return std::find(ops.begin(), ops.end(), marker) != ops.end();
}

std::string TakeMarker(std::string_view order_id) { return "take:" + std::string(order_id); }
std::string RejectMarker(std::string_view order_id) { return "reject:" + std::string(order_id); }
std::string ReleaseMarker(std::string_view order_id) { return "release:" + std::string(order_id); }

std::string_view ReservationStateName(ReservationState s) noexcept {
  switch (s) {
    case ReservationState::kPending: return "PENDING";
    case ReservationState::kReserved: return "RESERVED";
    case ReservationState::kRejected: return "REJECTED";
    case ReservationState::kReleased: return "RELEASED";
  }
  return "PENDING";
}

std::optional<ReservationState> ParseReservationState(std::string_view s) noexcept {
  if (s == "PENDING") return ReservationState::kPending;
  if (s == "RESERVED") return ReservationState::kReserved;
  if (s == "REJECTED") return ReservationState::kRejected;
  if (s == "RELEASED") return ReservationState::kReleased;
  return std::nullopt;
}

ReservationStep NextStepForReservation(const Reservation& existing, ProductId product_id, std::int64_t quantity) {
  // A RELEASED row written by an early delivery-failed carries quantity 0: it cancels any request.
  if (existing.state == ReservationState::kReleased) return ReservationStep::kCancelled;
  if (existing.product_id != product_id || existing.quantity != quantity) return ReservationStep::kMismatch;
  switch (existing.state) {
    case ReservationState::kPending: return ReservationStep::kDecide;
    case ReservationState::kReserved: return ReservationStep::kAlreadyReserved;
    case ReservationState::kRejected: return ReservationStep::kAlreadyRejected;
    case ReservationState::kReleased: return ReservationStep::kCancelled;
  }
  return ReservationStep::kMismatch;
}

TakeDecision DecideTake(const StockSnapshot& snapshot, std::string_view order_id, std::int64_t quantity) {
  // Markers first: a row that already carries this order's outcome must not be decided again.
  if (snapshot.exists && snapshot.HasOp(TakeMarker(order_id))) return {TakeDecision::kAlreadyTaken, snapshot.stock, {}};
  if (snapshot.exists && snapshot.HasOp(RejectMarker(order_id))) {
    return {TakeDecision::kAlreadyRejected, snapshot.stock, "insufficient_stock"};
  }
  if (!snapshot.exists) return {TakeDecision::kRejectNoProduct, 0, "unknown_product"};
  if (snapshot.deleted) return {TakeDecision::kRejectNoProduct, 0, "product_deleted"};
  if (quantity <= 0) return {TakeDecision::kCasReject, snapshot.stock, "invalid_quantity"};
  if (snapshot.stock < quantity) return {TakeDecision::kCasReject, snapshot.stock, "insufficient_stock"};
  return {TakeDecision::kCasTake, snapshot.stock - quantity, {}};
}

ReleaseStep NextStepForRelease(const std::optional<Reservation>& existing) {
  if (!existing) return ReleaseStep::kRecordCancelled;
  switch (existing->state) {
    case ReservationState::kPending: return ReleaseStep::kRetryLater;
    case ReservationState::kReserved: return ReleaseStep::kRelease;
    case ReservationState::kRejected:
    case ReservationState::kReleased: return ReleaseStep::kNothingToDo;
  }
  return ReleaseStep::kNothingToDo;
}

ReleaseDecision DecideRelease(const StockSnapshot& snapshot, std::string_view order_id, std::int64_t quantity) {
  if (!snapshot.exists) return {ReleaseDecision::kNoProduct, 0};
  if (snapshot.HasOp(ReleaseMarker(order_id))) return {ReleaseDecision::kAlreadyReleased, snapshot.stock};
  if (quantity > std::numeric_limits<std::int64_t>::max() - snapshot.stock) {
    return {ReleaseDecision::kCasRelease, std::numeric_limits<std::int64_t>::max()};
  }
  return {ReleaseDecision::kCasRelease, snapshot.stock + quantity};
}

AdjustDecision DecideAdjust(const StockSnapshot& snapshot, std::int64_t delta) {
  if (!snapshot.exists || snapshot.deleted) return {AdjustDecision::kNotFound, 0};
  if (delta < 0 && snapshot.stock < -delta) return {AdjustDecision::kInsufficient, snapshot.stock};
  if (delta > 0 && delta > std::numeric_limits<std::int64_t>::max() - snapshot.stock) {
    return {AdjustDecision::kOverflow, snapshot.stock};
  }
  return {AdjustDecision::kCas, snapshot.stock + delta};
}

}  // namespace eda::catalog
