#include "delivery/api/error_table.hpp"

namespace eda::delivery {
namespace {

constexpr ErrorMapping kInvalidRequest{400, "validation_failed", "urn:eda:problem:validation_failed", "The request is invalid"};
constexpr ErrorMapping kUnauthenticated{401, "unauthorized", "urn:eda:problem:unauthorized", "Authentication is required"};
constexpr ErrorMapping kForbidden{403, "forbidden", "urn:eda:problem:forbidden", "The caller may not access this resource"};
constexpr ErrorMapping kDeliveryNotFound{404, "delivery_not_found", "urn:eda:problem:delivery_not_found", "No such delivery"};
constexpr ErrorMapping kAddressNotFound{404, "address_not_found", "urn:eda:problem:address_not_found", "No such address"};
constexpr ErrorMapping kCarrierUnavailable{503, "carrier_unavailable", "urn:eda:problem:carrier_unavailable",
                                           "The carrier did not answer; retry later"};
constexpr ErrorMapping kUnavailable{503, "service_unavailable", "urn:eda:problem:service_unavailable",
                                    "A dependency is unavailable; retry later"};
constexpr ErrorMapping kInternal{500, "internal_error", "urn:eda:problem:internal_error", "Internal error"};

}  // namespace

const ErrorMapping& MapError(DeliveryErrc errc) noexcept {
  switch (errc) {
    case DeliveryErrc::kInvalidRequest: return kInvalidRequest;
    case DeliveryErrc::kUnauthenticated: return kUnauthenticated;
    case DeliveryErrc::kForbidden: return kForbidden;
    case DeliveryErrc::kDeliveryNotFound: return kDeliveryNotFound;
    case DeliveryErrc::kAddressNotFound: return kAddressNotFound;
    case DeliveryErrc::kCarrierUnavailable: return kCarrierUnavailable;
    case DeliveryErrc::kUnavailable: return kUnavailable;
    case DeliveryErrc::kInternal: return kInternal;
  }
  return kInternal;
}

}  // namespace eda::delivery
