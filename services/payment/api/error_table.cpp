#include "payment/api/error_table.hpp"

#include <string>

namespace eda::payment {

ErrorMapping MapError(PaymentErrc errc) noexcept {
  switch (errc) {
    case PaymentErrc::kInvalidRequest: return {400, "invalid_request", "The request is invalid"};
    case PaymentErrc::kForbidden: return {403, "forbidden", "The caller may not access this payment"};
    case PaymentErrc::kNotFound: return {404, "payment_not_found", "No such payment"};
    case PaymentErrc::kCancelThroughOrder: return {409, "cancel_through_order", "Cancel the order to refund its payment"};
    case PaymentErrc::kAlreadyCanceled: return {409, "payment_already_canceled", "The payment was refunded before"};
    case PaymentErrc::kUnavailable: return {503, "unavailable", "A dependency is unavailable; retry later"};
    case PaymentErrc::kInternal: return {500, "internal_error", "Internal error"};
  }
  return {500, "internal_error", "Internal error"};
}

http::Problem ToProblem(const PaymentError& error) {
  const ErrorMapping m = MapError(error.errc);
  http::Problem p = http::Problem::Make(m.status, std::string(m.code), error.detail);
  p.title = std::string(m.title);
  return p;
}

}  // namespace eda::payment
