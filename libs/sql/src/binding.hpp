#pragma once

// Conversions between our value types and the MariaDB C API's binding structures. Private to
// eda::sql; pure functions, unit-tested in binding_test.cpp.

#include <mysql.h>

#include <cstdint>
#include <string>
#include <vector>

#include "eda/sql/param.hpp"
#include "eda/sql/rows.hpp"

namespace eda::sql::detail {

// UTC instant -> MYSQL_TIME (DATETIME with microseconds). Times before 1970 are supported.
MYSQL_TIME ToMysqlTime(TimePoint tp);
// MYSQL_TIME (DATE/DATETIME/TIMESTAMP, taken as UTC) -> instant. A zero date gives the epoch.
TimePoint FromMysqlTime(const MYSQL_TIME& t);

// Storage that MYSQL_BIND entries point into while a statement executes.
struct ParamBuffer {
  std::int64_t i = 0;
  double d = 0;
  MYSQL_TIME t{};
  unsigned long length = 0;
};

// Fills `binds` (resized to params.size()) so that they point at `buffers` and at the params' own
// string data. `params` and `buffers` must outlive the use of `binds`.
void BindParams(const std::vector<Param>& params, std::vector<ParamBuffer>& buffers, std::vector<MYSQL_BIND>& binds);

// How a result column is fetched, from its metadata.
enum class FetchAs { kInt, kUint, kDouble, kTime, kBytes, kNull };
FetchAs FetchKind(enum_field_types type, unsigned int flags);

}  // namespace eda::sql::detail
