#include "carrier-sim/domain/shipment_registry.hpp"

#include <array>
#include <cstdio>

namespace eda::carrier_sim {

std::string_view ToString(ShipmentStatus status) noexcept {
  switch (status) {
    case ShipmentStatus::kAccepted: return "ACCEPTED";
    case ShipmentStatus::kInTransit: return "IN_TRANSIT";
    case ShipmentStatus::kDelivered: return "DELIVERED";
    case ShipmentStatus::kCancelled: return "CANCELLED";
  }
  return "ACCEPTED";
}

ShipmentRegistry::ShipmentRegistry(std::chrono::milliseconds step, Clock clock)
    : step_(step.count() > 0 ? step : std::chrono::milliseconds{1}), clock_(std::move(clock)) {}

bool ShipmentRegistry::IsKnownCarrier(std::string_view carrier) noexcept {
  return carrier == "HANJIN" || carrier == "LOTTE" || carrier == "CJ";
}

Result<Booking> ShipmentRegistry::Book(std::string_view carrier, const BookRequest& request) {
  if (!IsKnownCarrier(carrier)) return Error::Permanent("carrier.unknown", "unknown carrier " + std::string(carrier));
  if (request.order_id.empty()) return Error::Permanent("carrier.invalid", "orderId must not be empty");
  if (request.address.empty()) return Error::Permanent("carrier.invalid", "address must not be empty");
  if (request.product_count < 1) return Error::Permanent("carrier.invalid", "productCount must be at least 1");
  if (request.address.find("UNDELIVERABLE") != std::string::npos) {
    return Error::Permanent("carrier.refused", "the carrier does not deliver to this address");
  }
  std::lock_guard lock(mu_);
  const auto key = std::make_pair(std::string(carrier), request.order_id);
  if (auto it = by_order_.find(key); it != by_order_.end()) {
    return Booking{by_tracking_.at(it->second), false};
  }
  std::array<char, 16> digits{};
  std::snprintf(digits.data(), digits.size(), "%012llu", static_cast<unsigned long long>(next_number_++));
  Shipment s;
  s.carrier = std::string(carrier);
  s.tracking_number = s.carrier + "-" + digits.data();
  s.order_id = request.order_id;
  s.address = request.address;
  s.product_count = request.product_count;
  s.accepted_at = clock_();
  s.held = request.address.find(kHoldAtHub) != std::string::npos;
  by_order_.emplace(key, s.tracking_number);
  by_tracking_.emplace(s.tracking_number, s);
  return Booking{std::move(s), true};
}

std::optional<ShipmentView> ShipmentRegistry::Find(std::string_view carrier, std::string_view tracking_number) const {
  std::lock_guard lock(mu_);
  auto it = by_tracking_.find(tracking_number);
  if (it == by_tracking_.end() || it->second.carrier != carrier) return std::nullopt;
  return ViewOf(it->second, clock_());
}

std::optional<Cancellation> ShipmentRegistry::Cancel(std::string_view carrier, std::string_view tracking_number) {
  std::lock_guard lock(mu_);
  auto it = by_tracking_.find(tracking_number);
  if (it == by_tracking_.end() || it->second.carrier != carrier) return std::nullopt;
  Shipment& s = it->second;
  const TimePoint now = clock_();
  const ShipmentStatus status = ViewOf(s, now).status;
  if (status == ShipmentStatus::kCancelled) return Cancellation{true, status};
  if (status != ShipmentStatus::kAccepted) return Cancellation{false, status};
  s.cancelled_at = now;
  return Cancellation{true, ShipmentStatus::kCancelled};
}

std::size_t ShipmentRegistry::size() const {
  std::lock_guard lock(mu_);
  return by_tracking_.size();
}

ShipmentView ShipmentRegistry::ViewOf(const Shipment& s, TimePoint now) const {
  ShipmentView view{s, ShipmentStatus::kAccepted, {}};
  view.events.push_back({s.accepted_at, ShipmentStatus::kAccepted, s.carrier + " hub"});
  if (s.cancelled_at) {
    view.status = ShipmentStatus::kCancelled;
    view.events.push_back({*s.cancelled_at, ShipmentStatus::kCancelled, s.carrier + " hub"});
    return view;
  }
  if (s.held) return view;
  const auto elapsed = now - s.accepted_at;
  if (elapsed >= step_) {
    view.status = ShipmentStatus::kInTransit;
    view.events.push_back({s.accepted_at + step_, ShipmentStatus::kInTransit, "regional terminal"});
  }
  if (elapsed >= 2 * step_) {
    view.status = ShipmentStatus::kDelivered;
    view.events.push_back({s.accepted_at + 2 * step_, ShipmentStatus::kDelivered, s.address});
  }
  return view;
}

}  // namespace eda::carrier_sim
