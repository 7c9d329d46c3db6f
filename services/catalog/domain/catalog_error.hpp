#pragma once

#include <string>
#include <utility>
#include <vector>

namespace eda::catalog {

// Every failure a catalog use case reports. The HTTP mapping is api/error_table.cpp.
enum class CatalogErrc {
  kInvalidRequest,    // validation failed (fields lists which)
  kUnauthenticated,   // no caller where one is required
  kForbidden,         // the caller does not own the product / seller id
  kProductNotFound,   // unknown or deleted product
  kInsufficientStock, // a decrement larger than the stock (HTTP route; events answer stock-rejected)
  kConflict,          // the stock kept changing under us (CAS attempts exhausted): retry
  kUnavailable,       // Cassandra/MariaDB unreachable or timed out: retry later
  kInternal,          // a bug or an unexpected infrastructure answer
};

inline constexpr CatalogErrc kAllCatalogErrcs[] = {
    CatalogErrc::kInvalidRequest,    CatalogErrc::kUnauthenticated, CatalogErrc::kForbidden,
    CatalogErrc::kProductNotFound,   CatalogErrc::kInsufficientStock, CatalogErrc::kConflict,
    CatalogErrc::kUnavailable,       CatalogErrc::kInternal,
};

struct FieldError {
  std::string field;
  std::string message;
};

// A use-case failure: code, a client-safe detail, per-field errors for kInvalidRequest, and a cause
// for the log only (never sent to clients).
struct CatalogError {
  CatalogErrc code = CatalogErrc::kInternal;
  std::string detail;
  std::vector<FieldError> fields;
  std::string cause;

  static CatalogError Of(CatalogErrc code, std::string detail, std::string cause = {}) {
    return CatalogError{code, std::move(detail), {}, std::move(cause)};
  }
};

}  // namespace eda::catalog
