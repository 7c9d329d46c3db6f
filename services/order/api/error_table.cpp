#include "order/api/error_table.hpp"

namespace eda::order {

ErrorMapping MapError(OrderErrc code) noexcept {
  switch (code) {
    case OrderErrc::kInvalidRequest: return {400, "invalid_request"};
    case OrderErrc::kUnauthenticated: return {401, "unauthorized"};
    case OrderErrc::kForbidden: return {403, "forbidden"};
    case OrderErrc::kOrderNotFound: return {404, "order_not_found"};
    case OrderErrc::kProductNotFound: return {422, "product_not_found"};
    case OrderErrc::kAmountMismatch: return {422, "amount_mismatch"};
    case OrderErrc::kPaymentKeyConflict: return {409, "payment_key_conflict"};
    case OrderErrc::kNotPayable: return {409, "order_not_payable"};
    case OrderErrc::kNotCancellable: return {409, "order_not_cancellable"};
    case OrderErrc::kCatalogUnavailable: return {503, "catalog_unavailable"};
    case OrderErrc::kAddressNotFound: return {422, "address_not_found"};
    case OrderErrc::kDeliveryUnavailable: return {503, "delivery_unavailable"};
    case OrderErrc::kUnavailable: return {503, "unavailable"};
    case OrderErrc::kInternal: return {500, "internal_error"};
  }
  return {500, "internal_error"};
}

http::Problem ToProblem(const OrderError& error) {
  const ErrorMapping m = MapError(error.code);
  return http::Problem::Make(m.status, std::string(m.code), error.detail);
}

}  // namespace eda::order
