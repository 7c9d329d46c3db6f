#pragma once

namespace eda::delivery {

// Every failure the delivery API reports. api/error_table maps each to HTTP.
enum class DeliveryErrc {
  kInvalidRequest,      // validation failed
  kUnauthenticated,     // no valid token
  kForbidden,           // the caller is neither the owner nor an admin
  kDeliveryNotFound,    // no delivery with that id / for that order
  kAddressNotFound,     // no address with that id
  kCarrierUnavailable,  // the carrier did not answer (process-delivery); retry later
  kUnavailable,         // database or other dependency down
  kInternal,            // a bug
};

inline constexpr DeliveryErrc kAllDeliveryErrcs[] = {
    DeliveryErrc::kInvalidRequest,   DeliveryErrc::kUnauthenticated,    DeliveryErrc::kForbidden,
    DeliveryErrc::kDeliveryNotFound, DeliveryErrc::kAddressNotFound,    DeliveryErrc::kCarrierUnavailable,
    DeliveryErrc::kUnavailable,      DeliveryErrc::kInternal};

}  // namespace eda::delivery
