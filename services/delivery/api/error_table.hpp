#pragma once

#include <string_view>

#include "delivery/domain/delivery_error.hpp"

namespace eda::delivery {

// How one domain error is answered: HTTP status, stable problem `code`, RFC 9457 type and title.
// Codes never change once published.
struct ErrorMapping {
  int status;
  std::string_view code;
  std::string_view type;
  std::string_view title;
};

// The delivery service's single table; total over DeliveryErrc (unit-tested). Thread-safe.
const ErrorMapping& MapError(DeliveryErrc errc) noexcept;

}  // namespace eda::delivery
