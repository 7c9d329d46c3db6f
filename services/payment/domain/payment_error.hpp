#pragma once

#include <string>

namespace eda::payment {

// What went wrong in a request to the payment service (mapped to HTTP by api/error_table).
enum class PaymentErrc {
  kInvalidRequest,    // malformed input
  kForbidden,         // not the caller's payment
  kNotFound,          // no such payment
  kCancelThroughOrder,  // a refund over HTTP: the order's cancel refunds it, once its shipment is stopped
  kAlreadyCanceled,   // refunded before
  kUnavailable,       // Toss or the database did not answer; retry later
  kInternal
};

struct PaymentError {
  PaymentErrc errc = PaymentErrc::kInternal;
  std::string detail;  // shown to the caller: no secrets, no internals
  std::string cause{};  // logged only (the infrastructure error behind a 5xx)
};

}  // namespace eda::payment
