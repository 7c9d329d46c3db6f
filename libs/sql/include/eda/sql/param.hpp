#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "eda/core/strong_id.hpp"

namespace eda::sql {

// Instants are stored in DATETIME(6)/TIMESTAMP(6) columns as UTC with microsecond precision
// (every connection runs with time_zone '+00:00').
using TimePoint = std::chrono::system_clock::time_point;

// Binary data (BLOB/VARBINARY). Bound as a binary parameter so no character-set conversion applies.
// Row::Get<Bytes> reads any string/blob column.
struct Bytes {
  std::string data;
  friend bool operator==(const Bytes&, const Bytes&) = default;
};

// One bound value of a prepared statement. Implicitly constructible from the supported C++ types so
// a call reads `conn.Execute("... VALUES (?, ?)", {id, name})`. Owns a copy of its value.
// std::nullopt / nullptr / an empty std::optional bind SQL NULL. A StrongId binds its representation.
class Param {
 public:
  using Value = std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string, Bytes,
                             TimePoint>;

  Param(std::nullptr_t) {}                                              // NOLINT: SQL NULL
  Param(std::nullopt_t) {}                                              // NOLINT: SQL NULL
  Param(bool v) : value_(v) {}                                          // NOLINT
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                          !std::is_same_v<T, char>, int> = 0>
  Param(T v) : value_(Integer(v)) {}                                    // NOLINT
  Param(double v) : value_(v) {}                                        // NOLINT
  Param(float v) : value_(static_cast<double>(v)) {}                    // NOLINT
  Param(std::string v) : value_(std::move(v)) {}                        // NOLINT
  Param(std::string_view v) : value_(std::string(v)) {}                 // NOLINT
  Param(const char* v) : value_(std::string(v)) {}                      // NOLINT
  Param(Bytes v) : value_(std::move(v)) {}                              // NOLINT
  template <class Duration>
  Param(std::chrono::time_point<std::chrono::system_clock, Duration> v)  // NOLINT
      : value_(std::chrono::time_point_cast<TimePoint::duration>(v)) {}
  template <class T>
  Param(const std::optional<T>& v) : value_(v ? Param(*v).value_ : Value{}) {}  // NOLINT
  template <class Tag, class Rep>
  Param(const StrongId<Tag, Rep>& id) : Param(id.value()) {}            // NOLINT

  const Value& value() const noexcept { return value_; }
  bool is_null() const noexcept { return std::holds_alternative<std::monostate>(value_); }

 private:
  template <class T>
  static Value Integer(T v) {
    if constexpr (std::is_signed_v<T>) return Value(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(v));
    else return Value(std::in_place_type<std::uint64_t>, static_cast<std::uint64_t>(v));
  }

  Value value_;
};

}  // namespace eda::sql
