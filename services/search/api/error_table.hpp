#pragma once

#include <string_view>

#include "eda/http/problem.hpp"
#include "search/domain/search_error.hpp"

namespace eda::search {

// One row of the error table: domain error -> HTTP status and stable problem code.
struct ErrorMapping {
  int status;
  std::string_view code;
  std::string_view type;
  std::string_view title;
};

// The service's error table (every SearchErrc has exactly one row; unit-tested).
const ErrorMapping& MapError(SearchErrc errc);

// A SearchError as an RFC 9457 problem (validation errors carry their fields).
http::Problem ToProblem(const SearchError& error);

}  // namespace eda::search
