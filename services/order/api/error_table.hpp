#pragma once

#include <string_view>

#include "eda/http/problem.hpp"
#include "order/domain/order_error.hpp"

namespace eda::order {

// One row of the error table: the HTTP status and the stable problem code of a domain error.
struct ErrorMapping {
  int status;
  std::string_view code;
};

// The order service's error table (every OrderErrc has a row; a unit test checks it).
ErrorMapping MapError(OrderErrc code) noexcept;

// The RFC 9457 problem for `error` (detail = error.detail; the cause is never sent).
http::Problem ToProblem(const OrderError& error);

}  // namespace eda::order
