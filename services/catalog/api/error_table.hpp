#pragma once

#include <string_view>

#include "catalog/domain/catalog_error.hpp"

namespace eda::catalog {

// How one domain error is answered on the wire: HTTP status, the stable `code` member of the
// problem body (RFC 9457), its `type` and `title`. Codes never change once published.
struct ErrorMapping {
  int status;
  std::string_view code;
  std::string_view type;
  std::string_view title;
};

// The single table of the catalog service; total over CatalogErrc (unit-tested). Thread-safe.
const ErrorMapping& MapError(CatalogErrc errc) noexcept;

}  // namespace eda::catalog
