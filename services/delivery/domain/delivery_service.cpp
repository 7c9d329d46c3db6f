#include "delivery/domain/delivery_service.hpp"

#include "delivery/domain/delivery_rules.hpp"

namespace eda::delivery {

Result<IntakeResult> ProcessDeliveryRequest(const DeliveryRequest& request, DeliveryUnitOfWork& uow,
                                            const CarrierDirectory& carriers) {
  if (auto errors = ValidateRequest(request); !errors.empty()) {
    std::string message;
    for (const auto& e : errors) message += (message.empty() ? "" : "; ") + e;
    return Error::Permanent("delivery.invalid_request", message);
  }
  auto existing = uow.FindByOrderForUpdate(request.order_id);
  if (!existing) return existing.error();
  Delivery delivery;
  switch (DecideIntake(*existing)) {
    case IntakeAction::kAlreadyDone:
      return IntakeResult{IntakeOutcome::kDuplicate, **existing};
    case IntakeAction::kBook:
      delivery = **existing;
      break;
    case IntakeAction::kCreateAndBook: {
      auto id = uow.Insert(request);
      if (!id) return id.error();
      delivery.id = *id;
      delivery.request = request;
      delivery.status = DeliveryStatus::kRequested;
      break;
    }
  }

  Carrier* carrier = carriers.Find(delivery.request.delivery_company);
  if (carrier == nullptr) {
    const std::string reason = "unknown carrier " + delivery.request.delivery_company;
    if (auto st = uow.MarkFailed(delivery, reason); !st) return st.error();
    delivery.status = DeliveryStatus::kFailed;
    delivery.failure_reason = reason;
    return IntakeResult{IntakeOutcome::kFailed, delivery};
  }
  auto booked = carrier->Book(delivery.request);
  if (!booked) {
    if (ClassifyBookingError(booked.error()) == BookingFailure::kRetry) return booked.error();
    const std::string reason = std::string(ToString(carrier->code())) + " refused: " + booked.error().message;
    if (auto st = uow.MarkFailed(delivery, reason); !st) return st.error();
    delivery.status = DeliveryStatus::kFailed;
    delivery.failure_reason = reason;
    return IntakeResult{IntakeOutcome::kFailed, delivery};
  }
  if (auto st = uow.MarkBooked(delivery, *booked); !st) return st.error();
  delivery.reference_code = *booked;
  return IntakeResult{IntakeOutcome::kBooked, delivery};
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
