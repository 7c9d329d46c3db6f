#include "delivery/domain/delivery_service.hpp"

#include <optional>

#include "delivery/domain/delivery_rules.hpp"

namespace eda::delivery {

Result<IntakeResult> ProcessDeliveryRequest(const DeliveryRequest& request, const UnitOfWorkRunner& claim,
                                            const CarrierDirectory& carriers, const UnitOfWorkRunner& settle) {
  if (auto errors = ValidateRequest(request); !errors.empty()) {
    std::string message;
    for (const auto& e : errors) message += (message.empty() ? "" : "; ") + e;
    return Error::Permanent("delivery.invalid_request", message);
  }

  // 1. Claim: the row that says this order's shipment is being booked.
  Delivery claimed;
  bool handled_before = false;
  const Status claimed_ok = claim([&](DeliveryUnitOfWork& uow) -> Status {
    auto existing = uow.FindByOrderForUpdate(request.order_id);
    if (!existing) return existing.error();
    switch (DecideIntake(*existing)) {
      case IntakeAction::kAlreadyDone:
        claimed = **existing;
        handled_before = true;
        return {};
      case IntakeAction::kBook:
        claimed = **existing;
        return {};
      case IntakeAction::kCreateAndBook: {
        auto id = uow.Insert(request);
        if (!id) return id.error();
        claimed = Delivery{};
        claimed.id = *id;
        claimed.request = request;
        claimed.status = DeliveryStatus::kRequested;
        return {};
      }
    }
    return {};
  });
  if (!claimed_ok) return claimed_ok.error();
  if (handled_before) {
    if (auto s = settle([](DeliveryUnitOfWork&) { return Status{}; }); !s) return s.error();
    return IntakeResult{IntakeOutcome::kDuplicate, claimed};
  }

  // 2. Call the carrier, no transaction open.
  std::optional<std::string> reference, failure;
  if (Carrier* carrier = carriers.Find(claimed.request.delivery_company); carrier == nullptr) {
    failure = "unknown carrier " + claimed.request.delivery_company;
  } else if (auto booked = carrier->Book(claimed.request); booked) {
    reference = *booked;
  } else if (ClassifyBookingError(booked.error()) == BookingFailure::kRetry) {
    return booked.error();
  } else {
    failure = std::string(ToString(carrier->code())) + " refused: " + booked.error().message;
  }

  // 3. Settle, if the row still waits for its booking.
  IntakeResult result{IntakeOutcome::kDuplicate, claimed};
  const Status settled = settle([&](DeliveryUnitOfWork& uow) -> Status {
    result = IntakeResult{IntakeOutcome::kDuplicate, claimed};
    auto now = uow.FindByOrderForUpdate(request.order_id);
    if (!now) return now.error();
    if (!now->has_value()) return Error::Transient("delivery.conflict", "the claimed delivery row is gone");
    Delivery d = **now;
    if (DecideIntake(d) != IntakeAction::kBook) {
      result.delivery = d;
      return {};
    }
    if (reference) {
      if (auto st = uow.MarkBooked(d, *reference); !st) return st;
      d.reference_code = *reference;
      result = IntakeResult{IntakeOutcome::kBooked, d};
    } else {
      if (auto st = uow.MarkFailed(d, *failure); !st) return st;
      d.status = DeliveryStatus::kFailed;
      d.failure_reason = *failure;
      result = IntakeResult{IntakeOutcome::kFailed, d};
    }
    return {};
  });
  if (!settled) return settled.error();
  return result;
}

Result<CancelResult> CancelShipment(const ShipmentCancelRequest& request, const UnitOfWorkRunner& claim,
                                    const CarrierDirectory& carriers, const UnitOfWorkRunner& settle) {
  // 1. Claim: what the row says now.
  std::optional<Delivery> seen;
  CancelAction planned = CancelAction::kTombstone;
  if (auto s = claim([&](DeliveryUnitOfWork& uow) -> Status {
        auto row = uow.FindByOrderForUpdate(request.order_id);
        if (!row) return row.error();
        seen = *row;
        planned = DecideCancel(seen, request);
        return {};
      });
      !s) {
    return s.error();
  }

  // 2. A booked parcel is stopped at the carrier first, with no transaction open.
  std::optional<bool> stopped;
  if (planned == CancelAction::kCancelAtCarrier) {
    Carrier* carrier = carriers.Find(seen->request.delivery_company);
    if (carrier == nullptr) return Error::Permanent("delivery.cancel_failed", "no adapter for " + seen->request.delivery_company);
    auto cancelled = carrier->Cancel(seen->reference_code);
    if (!cancelled) {
      if (cancelled.error().retryable) return cancelled.error();
      return Error::Permanent("delivery.cancel_failed", cancelled.error().message);
    }
    stopped = *cancelled;
  }

  // 3. Settle on the locked row; a row that moved since the claim is decided again on a retry.
  CancelResult result;
  const std::string reason = request.reason.empty() ? "cancelled by the buyer" : request.reason.substr(0, 200);
  const Status settled = settle([&](DeliveryUnitOfWork& uow) -> Status {
    result = CancelResult{};
    auto row = uow.FindByOrderForUpdate(request.order_id);
    if (!row) return row.error();
    result.action = DecideCancel(*row, request);
    switch (result.action) {
      case CancelAction::kTombstone:
        if (auto st = uow.InsertFailed(request, reason); !st) return st;
        result.outcome = CancelOutcome::kCancelled;
        return {};
      case CancelAction::kFailUnbooked:
        if (planned != CancelAction::kFailUnbooked) break;
        if (auto st = uow.MarkFailed(**row, reason); !st) return st;
        result.outcome = CancelOutcome::kCancelled;
        return {};
      case CancelAction::kCancelAtCarrier:
        if (!stopped || (*row)->reference_code != seen->reference_code) break;
        if (!*stopped) {
          result.outcome = CancelOutcome::kTooLate;
          return {};
        }
        if (auto st = uow.MarkFailed(**row, reason); !st) return st;
        result.outcome = CancelOutcome::kCancelled;
        return {};
      case CancelAction::kTooLate: result.outcome = CancelOutcome::kTooLate; return {};
      case CancelAction::kAlreadyFailed:
      case CancelAction::kRefuse: return {};
    }
    // Booked (or rebooked) since the claim: the carrier has to be asked first.
    return Error::Transient("delivery.conflict", "the delivery changed while cancelling it");
  });
  if (!settled) return settled.error();
  return result;
}

Result<std::vector<DeliveryStatus>> ProgressDelivery(const Delivery& delivery, const CarrierDirectory& carriers,
                                                     TransitionStore& store) {
  if (IsTerminal(delivery.status) || delivery.reference_code.empty()) return std::vector<DeliveryStatus>{};
  Carrier* carrier = carriers.Find(delivery.request.delivery_company);
  if (carrier == nullptr) return std::vector<DeliveryStatus>{};
  auto status = carrier->Track(delivery.reference_code);
  if (!status) return status.error();
  auto steps = TransitionsFor(delivery.status, *status);
  if (steps.empty()) return steps;
  auto applied = store.Apply(delivery, steps);
  if (!applied) return applied.error();
  if (!*applied) return std::vector<DeliveryStatus>{};
  return steps;
}

}  // namespace eda::delivery
