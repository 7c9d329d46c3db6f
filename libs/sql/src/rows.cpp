#include "eda/sql/rows.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace eda::sql {
namespace {

[[noreturn]] void Fail(std::string_view column, const char* what) {
  throw RowAccessError("column '" + std::string(column) + "': " + what);
}

const char* TypeName(const Value& v) {
  switch (v.index()) {
    case 0: return "NULL";
    case 1: return "int64";
    case 2: return "uint64";
    case 3: return "double";
    case 4: return "string";
    default: return "datetime";
  }
}

[[noreturn]] void Mismatch(std::string_view column, const Value& v, const char* wanted) {
  throw RowAccessError("column '" + std::string(column) + "': cannot read " + TypeName(v) + " as " + wanted);
}

template <class T>
T ParseNumber(const std::string& s, std::string_view column) {
  T out{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || p != s.data() + s.size()) Fail(column, "text is not a number of the requested type");
  return out;
}

}  // namespace

namespace detail {

std::int64_t ToInt64(const Value& v, std::string_view column) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* u = std::get_if<std::uint64_t>(&v)) {
    if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) Fail(column, "value out of range");
    return static_cast<std::int64_t>(*u);
  }
  // DECIMAL/BIT-free textual integers (e.g. DECIMAL(20,0), SUM() results) are accepted when exact.
  if (const auto* s = std::get_if<std::string>(&v)) return ParseNumber<std::int64_t>(*s, column);
  if (std::holds_alternative<std::monostate>(v)) Fail(column, "is NULL (read it as std::optional)");
  Mismatch(column, v, "integer");
}

std::uint64_t ToUint64(const Value& v, std::string_view column) {
  if (const auto* u = std::get_if<std::uint64_t>(&v)) return *u;
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    if (*i < 0) Fail(column, "negative value read as unsigned");
    return static_cast<std::uint64_t>(*i);
  }
  if (const auto* s = std::get_if<std::string>(&v)) return ParseNumber<std::uint64_t>(*s, column);
  if (std::holds_alternative<std::monostate>(v)) Fail(column, "is NULL (read it as std::optional)");
  Mismatch(column, v, "unsigned integer");
}

double ToDouble(const Value& v, std::string_view column) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* u = std::get_if<std::uint64_t>(&v)) return static_cast<double>(*u);
  if (const auto* s = std::get_if<std::string>(&v)) return ParseNumber<double>(*s, column);  // DECIMAL
  if (std::holds_alternative<std::monostate>(v)) Fail(column, "is NULL (read it as std::optional)");
  Mismatch(column, v, "double");
}

std::string ToString(const Value& v, std::string_view column) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* u = std::get_if<std::uint64_t>(&v)) return std::to_string(*u);
  if (std::holds_alternative<std::monostate>(v)) Fail(column, "is NULL (read it as std::optional)");
  Mismatch(column, v, "string");
}

bool ToBool(const Value& v, std::string_view column) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i != 0;
  if (const auto* u = std::get_if<std::uint64_t>(&v)) return *u != 0;
  if (const auto* s = std::get_if<std::string>(&v)) {
    // BIT(1) arrives as one raw byte.
    if (s->size() == 1 && (*s)[0] == '\0') return false;
    if (s->size() == 1 && (*s)[0] == '\1') return true;
    return ParseNumber<std::int64_t>(*s, column) != 0;
  }
  if (std::holds_alternative<std::monostate>(v)) Fail(column, "is NULL (read it as std::optional)");
  Mismatch(column, v, "bool");
}

TimePoint ToTimePoint(const Value& v, std::string_view column) {
  if (const auto* t = std::get_if<TimePoint>(&v)) return *t;
  if (std::holds_alternative<std::monostate>(v)) Fail(column, "is NULL (read it as std::optional)");
  Mismatch(column, v, "time point");
}

}  // namespace detail

const Value& Row::at(std::size_t index) const {
  if (index >= values_.size())
    throw RowAccessError("column index " + std::to_string(index) + " out of range (row has " +
                         std::to_string(values_.size()) + " columns)");
  return values_[index];
}

const Value& Row::at(std::string_view column) const {
  const auto& names = *columns_;
  for (std::size_t i = 0; i < names.size() && i < values_.size(); ++i)
    if (names[i] == column) return values_[i];
  throw RowAccessError("unknown column '" + std::string(column) + "'");
}

std::string_view Row::ColumnName(std::size_t index) const {
  if (index < columns_->size()) return (*columns_)[index];
  return "?";
}

}  // namespace eda::sql
