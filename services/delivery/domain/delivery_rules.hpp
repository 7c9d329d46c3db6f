#pragma once

#include <string>
#include <vector>

#include "delivery/domain/delivery.hpp"
#include "eda/core/error.hpp"

namespace eda::delivery {

// The transitions a carrier status implies for a delivery in `current`, in order, each to be
// emitted once. REQUESTED + DELIVERED gives {IN_DELIVERY, DONE} (a poll may miss the middle
// step); a terminal delivery or a carrier status that is not ahead gives {}. Never goes backwards.
std::vector<DeliveryStatus> TransitionsFor(DeliveryStatus current, CarrierStatus carrier) noexcept;

// What to do with a delivery request, given the row already stored for its order (if any).
enum class IntakeAction {
  kCreateAndBook,  // no row: create it (REQUESTED) and book the shipment
  kBook,           // row exists, REQUESTED but not booked yet (an earlier attempt failed transiently)
  kAlreadyDone,    // booked or FAILED: the outcome event was already emitted; acknowledge only
};
IntakeAction DecideIntake(const std::optional<Delivery>& existing) noexcept;

// What to do with a buyer's cancel, given the order's delivery row (if any).
enum class CancelAction {
  kTombstone,        // no row yet: store a FAILED row (a later delivery-request books nothing), answer delivery-failed
  kFailUnbooked,     // REQUESTED, not booked: FAILED, answer delivery-failed
  kCancelAtCarrier,  // REQUESTED and booked: cancel at the carrier first; FAILED if it stopped the parcel
  kTooLate,          // IN_DELIVERY or DONE: the parcel has left; nothing (tracking tells the order)
  kAlreadyFailed,    // FAILED before: its delivery-failed was already emitted; nothing
  kRefuse,           // the request names another payment than the row's: forged or misrouted; nothing
};
CancelAction DecideCancel(const std::optional<Delivery>& existing, const ShipmentCancelRequest& request) noexcept;

// How a booking failure ends the delivery request.
enum class BookingFailure {
  kRetry,  // transient (timeout, connection, 5xx, 429): fail the handler so the consumer retries
  kFail,   // permanent (unknown carrier, the carrier refused): delivery FAILED, emit delivery-failed
};
BookingFailure ClassifyBookingError(const Error& error) noexcept;

// Validation of a request before anything is stored; an empty vector means valid. Messages name
// the seed field ("address must not be empty").
std::vector<std::string> ValidateRequest(const DeliveryRequest& request);

// Validation of a new member address: address 1..500 characters, alias 0..100, member id > 0.
std::vector<std::string> ValidateAddress(const MemberAddress& address);

}  // namespace eda::delivery

namespace eda::delivery {

// Who calls a personal route: a member may see only their own addresses and deliveries; an admin
// sees all.
struct Caller {
  MemberId member_id{0};
  bool admin = false;
};
inline bool MayAccess(const Caller& caller, const MemberId& owner_member_id) noexcept {
  return caller.admin || (caller.member_id.value() > 0 && caller.member_id == owner_member_id);
}

}  // namespace eda::delivery
