#pragma once

#include <array>
#include <string>
#include <vector>

namespace eda::search {

// Every failure the search use cases report. The api/ error table maps each to HTTP.
enum class SearchErrc {
  kInvalidQuery,   // a query parameter is missing, malformed or out of range
  kUnavailable,    // Redis cannot be reached (retryable)
  kRebuildRunning, // a rebuild is already in progress
  kInternal,       // anything else (a bug or an unexpected reply)
};

inline constexpr std::array<SearchErrc, 4> kAllSearchErrcs = {
    SearchErrc::kInvalidQuery, SearchErrc::kUnavailable, SearchErrc::kRebuildRunning, SearchErrc::kInternal};

struct FieldProblem {
  std::string field;
  std::string message;
};

// A failed use case: the errc plus what the client may see.
struct SearchError {
  SearchErrc errc = SearchErrc::kInternal;
  std::string detail;
  std::vector<FieldProblem> fields;  // kInvalidQuery: one entry per bad parameter
};

}  // namespace eda::search
