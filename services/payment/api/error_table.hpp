#pragma once

#include <array>
#include <string_view>

#include "eda/http/problem.hpp"
#include "payment/domain/payment_error.hpp"

namespace eda::payment {

// How one domain error is answered: HTTP status and the stable problem `code` (RFC 9457 type
// "urn:eda:problem:<code>"). Codes never change once published.
struct ErrorMapping {
  int status;
  std::string_view code;
  std::string_view title;
};

inline constexpr std::array kAllPaymentErrcs = {
    PaymentErrc::kInvalidRequest, PaymentErrc::kForbidden,   PaymentErrc::kNotFound,
    PaymentErrc::kCancelThroughOrder, PaymentErrc::kAlreadyCanceled, PaymentErrc::kUnavailable,
    PaymentErrc::kInternal};

// The payment service's single table; total over PaymentErrc (unit-tested). Thread-safe.
ErrorMapping MapError(PaymentErrc errc) noexcept;

// The problem for `error` (status, code, title from the table; `detail` as given).
http::Problem ToProblem(const PaymentError& error);

}  // namespace eda::payment
