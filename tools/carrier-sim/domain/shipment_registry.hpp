#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"

namespace eda::carrier_sim {

// The carrier-side life of a parcel. Advances with time; only a cancel before pickup stops it.
enum class ShipmentStatus { kAccepted, kInTransit, kDelivered, kCancelled };
std::string_view ToString(ShipmentStatus status) noexcept;

using TimePoint = std::chrono::system_clock::time_point;

struct TrackingEvent {
  TimePoint at;
  ShipmentStatus status = ShipmentStatus::kAccepted;
  std::string location;
};

struct Shipment {
  std::string carrier;          // HANJIN, LOTTE, CJ
  std::string tracking_number;  // "<carrier>-<12 digits>", unique per carrier
  std::string order_id;         // the booking's idempotency key
  std::string address;
  std::int64_t product_count = 0;
  TimePoint accepted_at;
  bool held = false;                      // stays ACCEPTED until cancelled (address names kHoldAtHub)
  std::optional<TimePoint> cancelled_at;  // cancelled before pickup
};

// A shipment as seen at one instant: its current status and the tracking events so far.
struct ShipmentView {
  Shipment shipment;
  ShipmentStatus status = ShipmentStatus::kAccepted;
  std::vector<TrackingEvent> events;
};

struct BookRequest {
  std::string order_id;
  std::string address;
  std::int64_t product_count = 0;
};

// Whether a cancel stopped the parcel: false when it was picked up (IN_TRANSIT or DELIVERED) first.
struct Cancellation {
  bool cancelled = false;
  ShipmentStatus status = ShipmentStatus::kAccepted;  // the status after the call
};

struct Booking {
  Shipment shipment;
  bool created = false;  // false: the order was booked before; the same shipment is returned
};

// In-memory shipments of every simulated carrier. A shipment is ACCEPTED when booked, IN_TRANSIT one
// `step` later and DELIVERED two steps later; one whose address contains kHoldAtHub stays ACCEPTED (how
// tests keep a parcel cancellable as long as they need). Booking is idempotent per (carrier, order id);
// so is Cancel (a cancelled parcel stays CANCELLED).
//
// Errors of Book (eda::Error, none retryable):
//   "carrier.unknown"   the carrier code is not HANJIN, LOTTE or CJ
//   "carrier.invalid"   empty order id or address, or product count < 1
//   "carrier.refused"   the address contains "UNDELIVERABLE" (how tests ask for a permanent refusal)
// The clock is injected so tests control time. Thread-safe (one mutex).
class ShipmentRegistry {
 public:
  using Clock = std::function<TimePoint()>;

  explicit ShipmentRegistry(std::chrono::milliseconds step, Clock clock = [] { return std::chrono::system_clock::now(); });

  static constexpr std::string_view kHoldAtHub = "HOLD-AT-HUB";

  static bool IsKnownCarrier(std::string_view carrier) noexcept;

  Result<Booking> Book(std::string_view carrier, const BookRequest& request);
  // nullopt: no such tracking number at that carrier.
  std::optional<ShipmentView> Find(std::string_view carrier, std::string_view tracking_number) const;

  // Cancels a parcel not picked up yet. nullopt: no such tracking number at that carrier.
  std::optional<Cancellation> Cancel(std::string_view carrier, std::string_view tracking_number);

  std::size_t size() const;

 private:
  ShipmentView ViewOf(const Shipment& s, TimePoint now) const;

  std::chrono::milliseconds step_;
  Clock clock_;
  mutable std::mutex mu_;
  std::uint64_t next_number_ = 1;
  std::map<std::pair<std::string, std::string>, std::string, std::less<>> by_order_;  // (carrier, order) → tracking
  std::map<std::string, Shipment, std::less<>> by_tracking_;                          // tracking → shipment
};

}  // namespace eda::carrier_sim
