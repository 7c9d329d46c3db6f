#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "eda/core/strong_id.hpp"
#include "eda/sql/param.hpp"

namespace eda::sql {

// Thrown by Row::Get when the caller's expectation does not match the data: unknown column, index
// out of range, NULL read into a non-optional type, or a value that does not convert (text into an
// integer, a negative number into unsigned, an out-of-range integer). These are bugs (schema and code
// disagree), hence an exception, not a Result.
class RowAccessError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// What Execute() reports.
struct ExecResult {
  std::uint64_t affected_rows = 0;   // rows changed (MariaDB semantics: an unchanged UPDATE counts 0)
  std::uint64_t last_insert_id = 0;  // AUTO_INCREMENT value of the last inserted row, 0 if none
};

// A column value as fetched: integers as int64 (uint64 for UNSIGNED columns), FLOAT/DOUBLE as
// double, DATE/DATETIME/TIMESTAMP as TimePoint (UTC), everything else (CHAR, TEXT, BLOB, DECIMAL,
// JSON, TIME, ENUM) as the raw bytes in std::string. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, std::uint64_t, double, std::string, TimePoint>;

namespace detail {
// Conversions behind Row::Get. Throw RowAccessError naming `column` on mismatch. Not for callers.
std::int64_t ToInt64(const Value& v, std::string_view column);
std::uint64_t ToUint64(const Value& v, std::string_view column);
double ToDouble(const Value& v, std::string_view column);
std::string ToString(const Value& v, std::string_view column);
bool ToBool(const Value& v, std::string_view column);
TimePoint ToTimePoint(const Value& v, std::string_view column);

template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
template <class T> struct IsStrongId : std::false_type {};
template <class Tag, class Rep> struct IsStrongId<StrongId<Tag, Rep>> : std::true_type {};
}  // namespace detail

// One result row. Plain value (copyable); safe to keep after the connection went back to the pool.
//   auto id = row.Get<std::int64_t>("id");                       // throws if NULL
//   auto note = row.Get<std::optional<std::string>>("note");    // nullopt if NULL
// Get<T> supports: any integral type (range-checked), bool (integer != 0), double, float,
// std::string, Bytes, TimePoint, StrongId<Tag, Rep> of those, and std::optional of all of them.
class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}

  std::size_t size() const noexcept { return values_.size(); }
  const Value& at(std::size_t index) const;            // throws RowAccessError if out of range
  const Value& at(std::string_view column) const;      // throws RowAccessError if unknown
  bool IsNull(std::size_t index) const { return std::holds_alternative<std::monostate>(at(index)); }
  bool IsNull(std::string_view column) const { return std::holds_alternative<std::monostate>(at(column)); }
  const std::vector<std::string>& columns() const noexcept { return *columns_; }

  template <class T> T Get(std::size_t index) const { return Convert<T>(at(index), ColumnName(index)); }
  template <class T> T Get(std::string_view column) const { return Convert<T>(at(column), column); }

 private:
  std::string_view ColumnName(std::size_t index) const;

  template <class T>
  static T Convert(const Value& v, std::string_view column) {
    if constexpr (detail::IsOptional<T>::value) {
      if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
      return Convert<typename T::value_type>(v, column);
    } else if constexpr (detail::IsStrongId<T>::value) {
      return T(Convert<typename T::rep_type>(v, column));
    } else if constexpr (std::is_same_v<T, bool>) {
      return detail::ToBool(v, column);
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      const std::int64_t x = detail::ToInt64(v, column);
      if (x < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
          x > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
        throw RowAccessError("column '" + std::string(column) + "': value out of range");
      return static_cast<T>(x);
    } else if constexpr (std::is_integral_v<T>) {
      const std::uint64_t x = detail::ToUint64(v, column);
      if (x > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
        throw RowAccessError("column '" + std::string(column) + "': value out of range");
      return static_cast<T>(x);
    } else if constexpr (std::is_floating_point_v<T>) {
      return static_cast<T>(detail::ToDouble(v, column));
    } else if constexpr (std::is_same_v<T, std::string>) {
      return detail::ToString(v, column);
    } else if constexpr (std::is_same_v<T, Bytes>) {
      return Bytes{detail::ToString(v, column)};
    } else if constexpr (std::is_same_v<T, TimePoint>) {
      return detail::ToTimePoint(v, column);
    } else {
      static_assert(sizeof(T) == 0, "Row::Get: unsupported type");
    }
  }

  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Value> values_;
};

// All rows of a query, fully fetched (no open cursor remains on the connection). Plain value.
class Rows {
 public:
  Rows() : columns_(std::make_shared<const std::vector<std::string>>()) {}
  Rows(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Row> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}

  std::size_t size() const noexcept { return rows_.size(); }
  bool empty() const noexcept { return rows_.empty(); }
  const Row& operator[](std::size_t i) const { return rows_.at(i); }
  const Row& front() const { return rows_.at(0); }
  auto begin() const noexcept { return rows_.begin(); }
  auto end() const noexcept { return rows_.end(); }
  const std::vector<std::string>& columns() const noexcept { return *columns_; }

 private:
  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Row> rows_;
};

}  // namespace eda::sql
