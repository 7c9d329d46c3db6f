#pragma once

#include <string>

#include "delivery/domain/delivery.hpp"
#include "eda/core/result.hpp"

namespace eda::delivery {

// The port to one parcel carrier. Adapters (carriers/) call the carrier's API.
//
// Book: books the shipment of `request` and returns the tracking number. Idempotent by order id:
// booking the same order again returns the same tracking number. Errors: retryable ones (timeout,
// connection, 5xx, 429) mean "try again later"; permanent ones ("carrier.refused", ...) mean no
// shipment is possible. Track: the carrier's current status for a tracking number. Cancel: stops a
// parcel not picked up yet; true when it is (or was already) cancelled, false when the carrier has
// picked it up; idempotent; errors as for Book.
// Implementations are thread-safe and may block (call them off I/O threads).
class Carrier {
 public:
  virtual ~Carrier() = default;
  virtual CarrierCode code() const noexcept = 0;
  virtual Result<std::string> Book(const DeliveryRequest& request) = 0;
  virtual Result<CarrierStatus> Track(const std::string& tracking_number) = 0;
  virtual Result<bool> Cancel(const std::string& tracking_number) = 0;
};

// Selects the carrier for a delivery company code. Returns nullptr for an unknown code (the
// delivery then fails with reason "unknown carrier <code>"). Thread-safe after construction.
class CarrierDirectory {
 public:
  virtual ~CarrierDirectory() = default;
  virtual Carrier* Find(std::string_view delivery_company) const = 0;
};

}  // namespace eda::delivery
