#include "binding.hpp"

#include <chrono>
#include <cstring>

namespace eda::sql::detail {

MYSQL_TIME ToMysqlTime(TimePoint tp) {
  using namespace std::chrono;
  const auto us = time_point_cast<microseconds>(tp);
  const auto day = floor<days>(us);
  const year_month_day ymd{day};
  const hh_mm_ss<microseconds> tod{us - day};
  MYSQL_TIME t;
  std::memset(&t, 0, sizeof t);
  t.year = static_cast<unsigned int>(static_cast<int>(ymd.year()));
  t.month = static_cast<unsigned int>(ymd.month());
  t.day = static_cast<unsigned int>(ymd.day());
  t.hour = static_cast<unsigned int>(tod.hours().count());
  t.minute = static_cast<unsigned int>(tod.minutes().count());
  t.second = static_cast<unsigned int>(tod.seconds().count());
  t.second_part = static_cast<unsigned long>(tod.subseconds().count());
  t.time_type = MYSQL_TIMESTAMP_DATETIME;
  return t;
}

TimePoint FromMysqlTime(const MYSQL_TIME& t) {
  using namespace std::chrono;
  if (t.year == 0 && t.month == 0 && t.day == 0) return TimePoint{};
  const sys_days day{year{static_cast<int>(t.year)} / month{t.month} / std::chrono::day{t.day}};
  const auto us = day + hours{t.hour} + minutes{t.minute} + seconds{t.second} + microseconds{t.second_part};
  return time_point_cast<TimePoint::duration>(us);
}

void BindParams(const std::vector<Param>& params, std::vector<ParamBuffer>& buffers, std::vector<MYSQL_BIND>& binds) {
  buffers.assign(params.size(), ParamBuffer{});
  binds.assign(params.size(), MYSQL_BIND{});
  for (std::size_t k = 0; k < params.size(); ++k) {
    MYSQL_BIND& b = binds[k];
    std::memset(&b, 0, sizeof b);
    ParamBuffer& buf = buffers[k];
    const Param::Value& v = params[k].value();
    if (std::holds_alternative<std::monostate>(v)) {
      b.buffer_type = MYSQL_TYPE_NULL;
    } else if (const auto* x = std::get_if<bool>(&v)) {
      buf.i = *x ? 1 : 0;
      b.buffer_type = MYSQL_TYPE_LONGLONG;
      b.buffer = &buf.i;
    } else if (const auto* x = std::get_if<std::int64_t>(&v)) {
      buf.i = *x;
      b.buffer_type = MYSQL_TYPE_LONGLONG;
      b.buffer = &buf.i;
    } else if (const auto* x = std::get_if<std::uint64_t>(&v)) {
      std::memcpy(&buf.i, x, sizeof buf.i);
      b.buffer_type = MYSQL_TYPE_LONGLONG;
      b.buffer = &buf.i;
      b.is_unsigned = 1;
    } else if (const auto* x = std::get_if<double>(&v)) {
      buf.d = *x;
      b.buffer_type = MYSQL_TYPE_DOUBLE;
      b.buffer = &buf.d;
    } else if (const auto* x = std::get_if<std::string>(&v)) {
      buf.length = static_cast<unsigned long>(x->size());
      b.buffer_type = MYSQL_TYPE_STRING;
      b.buffer = const_cast<char*>(x->data());  // the C API never writes through input buffers
      b.buffer_length = buf.length;
      b.length = &buf.length;
    } else if (const auto* x = std::get_if<Bytes>(&v)) {
      buf.length = static_cast<unsigned long>(x->data.size());
      b.buffer_type = MYSQL_TYPE_BLOB;
      b.buffer = const_cast<char*>(x->data.data());
      b.buffer_length = buf.length;
      b.length = &buf.length;
    } else if (const auto* x = std::get_if<TimePoint>(&v)) {
      buf.t = ToMysqlTime(*x);
      b.buffer_type = MYSQL_TYPE_DATETIME;
      b.buffer = &buf.t;
      b.buffer_length = sizeof buf.t;
    }
  }
}

FetchAs FetchKind(enum_field_types type, unsigned int flags) {
  switch (type) {
    case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_INT24: case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_YEAR:
      return (flags & UNSIGNED_FLAG) ? FetchAs::kUint : FetchAs::kInt;
    case MYSQL_TYPE_FLOAT: case MYSQL_TYPE_DOUBLE:
      return FetchAs::kDouble;
    case MYSQL_TYPE_DATE: case MYSQL_TYPE_DATETIME: case MYSQL_TYPE_TIMESTAMP: case MYSQL_TYPE_NEWDATE:
    case MYSQL_TYPE_DATETIME2: case MYSQL_TYPE_TIMESTAMP2:
      return FetchAs::kTime;
    case MYSQL_TYPE_NULL:
      return FetchAs::kNull;
    default:
      return FetchAs::kBytes;  // CHAR/VARCHAR/TEXT/BLOB/DECIMAL/JSON/TIME/ENUM/SET/BIT
  }
}

}  // namespace eda::sql::detail
