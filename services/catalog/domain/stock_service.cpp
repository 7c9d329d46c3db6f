#include "catalog/domain/stock_service.hpp"

#include <utility>

namespace eda::catalog {
namespace {

CatalogError Conflict() { return CatalogError::Of(CatalogErrc::kConflict, "stock CAS attempts exhausted; retry"); }

}  // namespace

StockService::StockService(ProductStore& store, CatalogService::Settings settings)
    : store_(store), settings_(std::move(settings)) {}

std::optional<Product> StockService::ProductAfter(ProductId id) const {
  auto found = store_.Find(id);
  if (!found || !found->has_value()) return std::nullopt;
  return std::move(**found);
}

Result<TakeOutcome, CatalogError> StockService::Take(const StockRequest& request) const {
  if (request.order_id.empty()) return CatalogError::Of(CatalogErrc::kInvalidRequest, "order id is empty");
  Reservation pending{request.order_id, request.product_id, request.quantity, ReservationState::kPending, {}};
  auto created = store_.CreateReservation(pending);
  if (!created) return FromInfra(created.error());
  return FollowReservation(request, created->stored);
}

Result<TakeOutcome, CatalogError> StockService::FollowReservation(const StockRequest& request,
                                                                  const Reservation& stored) const {
  switch (NextStepForReservation(stored, request.product_id, request.quantity)) {
    case ReservationStep::kDecide: return Decide(request);
    case ReservationStep::kAlreadyReserved: return FinishReserved(request);
    case ReservationStep::kAlreadyRejected: {
      TakeOutcome out;
      out.kind = TakeOutcome::kRejected;
      out.reason = stored.reason.empty() ? "insufficient_stock" : stored.reason;
      if (auto s = store_.ReadStock(request.product_id); s && s->exists) out.available = s->stock;
      // The marker may still be on the row if the earlier attempt stopped before clearing it.
      (void)store_.ClearOp(request.product_id, RejectMarker(request.order_id));
      return out;
    }
    case ReservationStep::kCancelled: {
      TakeOutcome out;
      out.kind = TakeOutcome::kCancelled;
      return out;
    }
    case ReservationStep::kMismatch:
      return CatalogError::Of(CatalogErrc::kInvalidRequest,
                              "order " + request.order_id + " was already requested with another product or count");
  }
  return CatalogError::Of(CatalogErrc::kInternal, "unreachable reservation step");
}

Result<TakeOutcome, CatalogError> StockService::Decide(const StockRequest& request) const {
  auto snapshot = store_.ReadStock(request.product_id);
  if (!snapshot) return FromInfra(snapshot.error());
  StockSnapshot current = std::move(*snapshot);
  for (int attempt = 0; attempt < settings_.max_cas_attempts; ++attempt) {
    const TakeDecision d = DecideTake(current, request.order_id, request.quantity);
    std::optional<std::string> marker;
    switch (d.kind) {
      case TakeDecision::kAlreadyTaken: return FinishReserved(request);
      case TakeDecision::kAlreadyRejected: return FinishRejected(request, d.reason, current.stock, true);
      case TakeDecision::kRejectNoProduct: return FinishRejected(request, d.reason, 0, false);
      case TakeDecision::kCasTake: marker = TakeMarker(request.order_id); break;
      case TakeDecision::kCasReject: marker = RejectMarker(request.order_id); break;
    }
    // No marker on this snapshot. Either no delivery of this order has decided yet (then a CAS by one
    // would bump the version and fail ours), or one decided AND finished (reservation final, marker
    // cleared) before our read: the reservation, read after the stock, tells which.
    auto stored = store_.FindReservation(request.order_id);
    if (!stored) return FromInfra(stored.error());
    if (stored->has_value() && (*stored)->state != ReservationState::kPending) {
      return FollowReservation(request, **stored);
    }
    auto cas = store_.CasStock(request.product_id, current, d.new_stock, marker);
    if (!cas) {
      if (!cas.error().retryable) return FromInfra(cas.error());
      // A CAS timeout has an unknown outcome: read again (SERIAL); the marker tells what happened.
      auto again = store_.ReadStock(request.product_id);
      if (!again) return FromInfra(again.error());
      current = std::move(*again);
      settings_.backoff(attempt);
      continue;
    }
    if (cas->applied) {
      if (d.kind == TakeDecision::kCasTake) return FinishReserved(request);
      return FinishRejected(request, d.reason, current.stock, true);
    }
    current = std::move(cas->current);
    settings_.backoff(attempt);
  }
  return Conflict();
}

Result<TakeOutcome, CatalogError> StockService::FinishReserved(const StockRequest& request) const {
  // PENDING -> RESERVED; losing this LWT to another delivery of the same order is fine (it moved it
  // to RESERVED too: the markers decide one outcome per order).
  auto moved = store_.TransitionReservation(request.order_id, ReservationState::kPending, ReservationState::kReserved, {});
  if (!moved) return FromInfra(moved.error());
  if (auto s = store_.ClearOp(request.product_id, TakeMarker(request.order_id)); !s) return FromInfra(s.error());
  TakeOutcome out;
  out.kind = TakeOutcome::kReserved;
  out.product = ProductAfter(request.product_id);
  return out;
}

Result<TakeOutcome, CatalogError> StockService::FinishRejected(const StockRequest& request, std::string reason,
                                                               std::int64_t available, bool marker) const {
  auto moved = store_.TransitionReservation(request.order_id, ReservationState::kPending, ReservationState::kRejected,
                                            reason);
  if (!moved) return FromInfra(moved.error());
  if (marker) {
    if (auto s = store_.ClearOp(request.product_id, RejectMarker(request.order_id)); !s) return FromInfra(s.error());
  }
  TakeOutcome out;
  out.kind = TakeOutcome::kRejected;
  out.reason = std::move(reason);
  out.available = available;
  return out;
}

Result<ReleaseOutcome, CatalogError> StockService::Release(const std::string& order_id, ProductId product_id) const {
  auto existing = store_.FindReservation(order_id);
  if (!existing) return FromInfra(existing.error());
  switch (NextStepForRelease(*existing)) {
    case ReleaseStep::kNothingToDo: {
      if (existing->has_value() && (*existing)->state == ReservationState::kReleased) {
        (void)store_.ClearOp((*existing)->product_id, ReleaseMarker(order_id));
      }
      return ReleaseOutcome{};
    }
    case ReleaseStep::kRetryLater:
      return CatalogError::Of(CatalogErrc::kConflict, "the order's stock request is still in progress");
    case ReleaseStep::kRecordCancelled: {
      // Without a product (delivery-failed: the seed's delivery request names none) there is no
      // request to cancel either: delivery only hears of an order after its stock was taken.
      if (product_id.value() <= 0) return ReleaseOutcome{};
      // No reservation yet: a RELEASED row makes a late stock request take nothing.
      Reservation cancelled{order_id, product_id, 0, ReservationState::kReleased, "released_before_request"};
      auto created = store_.CreateReservation(cancelled);
      if (!created) return FromInfra(created.error());
      if (created->created) return ReleaseOutcome{};
      return Release(order_id, product_id);  // the request won the race: decide on its row
    }
    case ReleaseStep::kRelease: break;
  }
  const Reservation& r = **existing;
  auto snapshot = store_.ReadStock(r.product_id);
  if (!snapshot) return FromInfra(snapshot.error());
  StockSnapshot current = std::move(*snapshot);
  bool restocked = false;
  for (int attempt = 0;; ++attempt) {
    if (attempt >= settings_.max_cas_attempts) return Conflict();
    const ReleaseDecision d = DecideRelease(current, order_id, r.quantity);
    if (d.kind != ReleaseDecision::kCasRelease) break;  // already back, or no product row to restock
    // As for takes: without the marker, a finished release shows in the reservation row.
    auto stored = store_.FindReservation(order_id);
    if (!stored) return FromInfra(stored.error());
    if (!stored->has_value() || (*stored)->state != ReservationState::kReserved) return ReleaseOutcome{};
    auto cas = store_.CasStock(r.product_id, current, d.new_stock, ReleaseMarker(order_id));
    if (!cas) {
      if (!cas.error().retryable) return FromInfra(cas.error());
      auto again = store_.ReadStock(r.product_id);
      if (!again) return FromInfra(again.error());
      current = std::move(*again);
      settings_.backoff(attempt);
      continue;
    }
    if (cas->applied) {
      restocked = true;
      break;
    }
    current = std::move(cas->current);
    settings_.backoff(attempt);
  }
  auto moved = store_.TransitionReservation(order_id, ReservationState::kReserved, ReservationState::kReleased, {});
  if (!moved) return FromInfra(moved.error());
  if (auto s = store_.ClearOp(r.product_id, ReleaseMarker(order_id)); !s) return FromInfra(s.error());
  ReleaseOutcome out;
  out.restocked = restocked;
  out.product = ProductAfter(r.product_id);
  return out;
}

}  // namespace eda::catalog
