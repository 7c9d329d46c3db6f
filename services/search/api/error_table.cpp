#include "search/api/error_table.hpp"

namespace eda::search {

const ErrorMapping& MapError(SearchErrc errc) {
  static const ErrorMapping kInvalid{400, "validation_failed", "urn:eda:problem:validation_failed", "Bad Request"};
  static const ErrorMapping kUnavailable{503, "service_unavailable", "urn:eda:problem:service_unavailable",
                                         "Service Unavailable"};
  static const ErrorMapping kRunning{409, "rebuild_running", "urn:eda:problem:rebuild_running", "Conflict"};
  static const ErrorMapping kInternal{500, "internal_error", "urn:eda:problem:internal_error", "Internal Server Error"};
  switch (errc) {
    case SearchErrc::kInvalidQuery: return kInvalid;
    case SearchErrc::kUnavailable: return kUnavailable;
    case SearchErrc::kRebuildRunning: return kRunning;
    case SearchErrc::kInternal: return kInternal;
  }
  return kInternal;
}

http::Problem ToProblem(const SearchError& error) {
  const ErrorMapping& m = MapError(error.errc);
  http::Problem p = http::Problem::Make(m.status, std::string(m.code), error.detail);
  p.title = std::string(m.title);
  p.type = std::string(m.type);
  for (const FieldProblem& f : error.fields) p.errors.push_back({f.field, f.message});
  return p;
}

}  // namespace eda::search
