#include "catalog/api/error_table.hpp"

namespace eda::catalog {
namespace {

// Problem types are URNs ("urn:eda:problem:<code>"); codes shared with the kernel mean the same.
constexpr ErrorMapping kInvalidRequest{400, "validation_failed", "urn:eda:problem:validation_failed",
                                       "The request is invalid"};
constexpr ErrorMapping kUnauthenticated{401, "unauthorized", "urn:eda:problem:unauthorized",
                                        "Authentication is required"};
constexpr ErrorMapping kForbidden{403, "forbidden", "urn:eda:problem:forbidden",
                                  "Only the owning seller or an ADMIN may do this"};
constexpr ErrorMapping kProductNotFound{404, "product_not_found", "urn:eda:problem:product_not_found",
                                        "No such product"};
constexpr ErrorMapping kInsufficientStock{409, "insufficient_stock", "urn:eda:problem:insufficient_stock",
                                          "Not enough stock"};
constexpr ErrorMapping kConflict{409, "stock_contention", "urn:eda:problem:stock_contention",
                                 "The stock is changing too fast; retry"};
constexpr ErrorMapping kUnavailable{503, "service_unavailable", "urn:eda:problem:service_unavailable",
                                    "A dependency is unavailable; retry later"};
constexpr ErrorMapping kInternal{500, "internal_error", "urn:eda:problem:internal_error", "Internal error"};

}  // namespace

const ErrorMapping& MapError(CatalogErrc errc) noexcept {
  switch (errc) {
    case CatalogErrc::kInvalidRequest: return kInvalidRequest;
    case CatalogErrc::kUnauthenticated: return kUnauthenticated;
    case CatalogErrc::kForbidden: return kForbidden;
    case CatalogErrc::kProductNotFound: return kProductNotFound;
    case CatalogErrc::kInsufficientStock: return kInsufficientStock;
    case CatalogErrc::kConflict: return kConflict;
    case CatalogErrc::kUnavailable: return kUnavailable;
    case CatalogErrc::kInternal: return kInternal;
  }
  return kInternal;
}

}  // namespace eda::catalog
