#include "delivery/domain/delivery_rules.hpp"

namespace eda::delivery {

std::string_view ToString(DeliveryStatus status) noexcept {
  switch (status) {
    case DeliveryStatus::kRequested: return "REQUESTED";
    case DeliveryStatus::kInDelivery: return "IN_DELIVERY";
    case DeliveryStatus::kDone: return "DONE";
    case DeliveryStatus::kFailed: return "FAILED";
  }
  return "REQUESTED";
}

std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view text) noexcept {
  if (text == "REQUESTED") return DeliveryStatus::kRequested;
  if (text == "IN_DELIVERY") return DeliveryStatus::kInDelivery;
  if (text == "DONE") return DeliveryStatus::kDone;
  if (text == "FAILED") return DeliveryStatus::kFailed;
  return std::nullopt;
}

bool IsTerminal(DeliveryStatus status) noexcept {
  return status == DeliveryStatus::kDone || status == DeliveryStatus::kFailed;
}

std::string_view ToString(CarrierCode code) noexcept {
  switch (code) {
    case CarrierCode::kHanjin: return "HANJIN";
    case CarrierCode::kLotte: return "LOTTE";
    case CarrierCode::kCj: return "CJ";
  }
  return "HANJIN";
}

std::optional<CarrierCode> ParseCarrierCode(std::string_view text) noexcept {
  if (text == "HANJIN") return CarrierCode::kHanjin;
  if (text == "LOTTE") return CarrierCode::kLotte;
  if (text == "CJ") return CarrierCode::kCj;
  return std::nullopt;
}

std::optional<CarrierStatus> ParseCarrierStatus(std::string_view text) noexcept {
  if (text == "ACCEPTED") return CarrierStatus::kAccepted;
  if (text == "IN_TRANSIT") return CarrierStatus::kInTransit;
  if (text == "DELIVERED") return CarrierStatus::kDelivered;
  if (text == "CANCELLED") return CarrierStatus::kCancelled;
  return std::nullopt;
}

std::vector<DeliveryStatus> TransitionsFor(DeliveryStatus current, CarrierStatus carrier) noexcept {
  if (current == DeliveryStatus::kRequested) {
    if (carrier == CarrierStatus::kInTransit) return {DeliveryStatus::kInDelivery};
    if (carrier == CarrierStatus::kDelivered) return {DeliveryStatus::kInDelivery, DeliveryStatus::kDone};
  }
  if (current == DeliveryStatus::kInDelivery && carrier == CarrierStatus::kDelivered) return {DeliveryStatus::kDone};
  return {};
}

IntakeAction DecideIntake(const std::optional<Delivery>& existing) noexcept {
  if (!existing) return IntakeAction::kCreateAndBook;
  if (existing->status == DeliveryStatus::kRequested && existing->reference_code.empty()) return IntakeAction::kBook;
  return IntakeAction::kAlreadyDone;
}

CancelAction DecideCancel(const std::optional<Delivery>& existing, const ShipmentCancelRequest& request) noexcept {
  if (!existing) return CancelAction::kTombstone;
  const DeliveryRequest& r = existing->request;
  // Every genuine cancel copies the order's payment; the row has it from the delivery request (a
  // header-less seed request may lack it, then there is nothing to compare).
  if (!r.payment_key.value().empty() && request.payment_key != r.payment_key) return CancelAction::kRefuse;
  if (r.amount != 0 && request.amount != r.amount) return CancelAction::kRefuse;
  switch (existing->status) {
    case DeliveryStatus::kRequested:
      return existing->reference_code.empty() ? CancelAction::kFailUnbooked : CancelAction::kCancelAtCarrier;
    case DeliveryStatus::kFailed: return CancelAction::kAlreadyFailed;
    case DeliveryStatus::kInDelivery:
    case DeliveryStatus::kDone: return CancelAction::kTooLate;
  }
  return CancelAction::kTooLate;
}

BookingFailure ClassifyBookingError(const Error& error) noexcept {
  return error.retryable ? BookingFailure::kRetry : BookingFailure::kFail;
}

std::vector<std::string> ValidateRequest(const DeliveryRequest& r) {
  std::vector<std::string> errors;
  if (r.order_id.value().empty() || r.order_id.value().size() > 64) errors.emplace_back("orderId must be 1..64 characters");
  if (r.address.empty() || r.address.size() > 500) errors.emplace_back("address must be 1..500 characters");
  if (r.product_count < 1) errors.emplace_back("productCount must be at least 1");
  if (r.member_id.value() < 1) errors.emplace_back("memberId must be positive");
  if (r.amount < 0) errors.emplace_back("amount must not be negative");
  if (r.delivery_company.size() > 32) errors.emplace_back("deliveryCompany must be at most 32 characters");
  if (r.order_name.size() > 200) errors.emplace_back("orderName must be at most 200 characters");
  return errors;
}

std::vector<std::string> ValidateAddress(const MemberAddress& a) {
  std::vector<std::string> errors;
  if (a.member_id.value() < 1) errors.emplace_back("memberId must be positive");
  if (a.address.empty() || a.address.size() > 500) errors.emplace_back("address must be 1..500 characters");
  if (a.alias.size() > 100) errors.emplace_back("alias must be at most 100 characters");
  return errors;
}

}  // namespace eda::delivery
