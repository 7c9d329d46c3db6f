#pragma once

#include <array>
#include <string>

namespace eda::order {

// Every expected failure of the order service; api/error_table.cpp maps each to HTTP (a unit test
// checks that every enumerator has an entry).
enum class OrderErrc {
  kInvalidRequest,       // a field failed validation
  kUnauthenticated,      // no token where one is required
  kForbidden,            // not the owner and not an admin
  kOrderNotFound,        // unknown order id
  kProductNotFound,      // the catalog does not know the product
  kAmountMismatch,       // the amount presented at finish differs from the stored one
  kPaymentKeyConflict,   // finish again with a different payment key
  kNotPayable,           // finish of an order that is expired, failed or cancelled
  kNotCancellable,       // cancel of an order that has shipped, is being paid, or was never paid
  kCatalogUnavailable,   // the catalog service did not answer
  kAddressNotFound,      // the saved address does not exist or is not the buyer's
  kDeliveryUnavailable,  // the delivery service (address book) did not answer
  kUnavailable,          // the database failed; retrying later may succeed
  kInternal,             // a bug or an unexpected state
};

inline constexpr std::array kAllOrderErrcs = {
    OrderErrc::kInvalidRequest,  OrderErrc::kUnauthenticated,    OrderErrc::kForbidden,
    OrderErrc::kOrderNotFound,   OrderErrc::kProductNotFound,    OrderErrc::kAmountMismatch,
    OrderErrc::kPaymentKeyConflict, OrderErrc::kNotPayable,      OrderErrc::kNotCancellable,      OrderErrc::kCatalogUnavailable,
    OrderErrc::kAddressNotFound, OrderErrc::kDeliveryUnavailable,
    OrderErrc::kUnavailable,     OrderErrc::kInternal,
};

struct OrderError {
  OrderErrc code = OrderErrc::kInternal;
  std::string detail;  // shown to the client (never secrets)
  std::string cause;   // logged only (infrastructure error text)
};

}  // namespace eda::order
