#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "eda/cql/data_type.hpp"
#include "eda/cql/decimal.hpp"
#include "eda/cql/error.hpp"
#include "eda/cql/uuid.hpp"
#include "eda/cql/wire_writer.hpp"

namespace eda::cql {

// CQL timestamp: milliseconds since the Unix epoch.
using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;
using Blob = std::vector<std::uint8_t>;

struct Null {
  friend bool operator==(Null, Null) = default;
};
// "Not set" (v4): leaves the column unchanged instead of writing a tombstone.
struct Unset {
  friend bool operator==(Unset, Unset) = default;
};

class Value;
// list, set, tuple and UDT values (in order).
struct ValueList {
  std::vector<Value> items;
  friend bool operator==(const ValueList&, const ValueList&) = default;
};
// map values: keys[i] -> values[i], in wire order.
struct ValueMap {
  std::vector<Value> keys;
  std::vector<Value> values;
  friend bool operator==(const ValueMap&, const ValueMap&) = default;
};

// A CQL value, for binding to statements and as the generic form of a decoded cell.
// Integers are held at their own width; when bound to a prepared statement the value is converted
// to the column type (range-checked), so Value(5) binds to an int, bigint, smallint or varint column.
// A plain value type.
class Value {
 public:
  using Variant = std::variant<Null, Unset, bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, float, double,
                               std::string, Blob, Uuid, Timestamp, Decimal, ValueList, ValueMap>;

  Value() = default;  // null
  Value(std::nullptr_t) {}  // NOLINT: null
  Value(Null) {}      // NOLINT
  Value(Unset u) : v_(u) {}  // NOLINT
  Value(bool b) : v_(b) {}   // NOLINT
  template <std::integral I>
    requires(!std::same_as<I, bool> && !std::same_as<I, char>)
  Value(I i) {  // NOLINT: 32-bit or narrower becomes int, wider bigint
    if constexpr (sizeof(I) < 4 || (sizeof(I) == 4 && std::is_signed_v<I>)) {
      v_ = static_cast<std::int32_t>(i);
    } else {
      v_ = static_cast<std::int64_t>(i);
    }
  }
  Value(float f) : v_(f) {}                        // NOLINT
  Value(double d) : v_(d) {}                       // NOLINT
  Value(std::string s) : v_(std::move(s)) {}      // NOLINT
  Value(std::string_view s) : v_(std::string(s)) {}  // NOLINT
  Value(const char* s) : v_(std::string(s)) {}    // NOLINT
  Value(Blob b) : v_(std::move(b)) {}              // NOLINT
  Value(Uuid u) : v_(u) {}                         // NOLINT
  template <class Duration>
  Value(std::chrono::time_point<std::chrono::system_clock, Duration> t)  // NOLINT
      : v_(std::chrono::time_point_cast<std::chrono::milliseconds>(t)) {}
  Value(Decimal d) : v_(std::move(d)) {}           // NOLINT
  Value(ValueList l) : v_(std::move(l)) {}         // NOLINT
  Value(ValueMap m) : v_(std::move(m)) {}          // NOLINT
  template <class T>
  Value(const std::optional<T>& o) {  // NOLINT: nullopt binds null
    if (o) *this = Value(*o);
  }
  template <class T>
  Value(const std::vector<T>& v)  // NOLINT: list
    requires(!std::same_as<T, std::uint8_t>)
  {
    ValueList l;
    for (const auto& e : v) l.items.emplace_back(e);
    v_ = std::move(l);
  }
  template <class T>
  Value(const std::set<T>& s) {  // NOLINT: set
    ValueList l;
    for (const auto& e : s) l.items.emplace_back(e);
    v_ = std::move(l);
  }
  template <class K, class V>
  Value(const std::map<K, V>& m) {  // NOLINT: map
    ValueMap out;
    for (const auto& [k, v] : m) {
      out.keys.emplace_back(k);
      out.values.emplace_back(v);
    }
    v_ = std::move(out);
  }

  static Value Tinyint(std::int8_t v) { return FromVariant(v); }
  static Value Smallint(std::int16_t v) { return FromVariant(v); }
  static Value Bigint(std::int64_t v) { return FromVariant(v); }
  static Value FromVariant(Variant v) {
    Value out;
    out.v_ = std::move(v);
    return out;
  }

  bool is_null() const noexcept { return std::holds_alternative<Null>(v_); }
  bool is_unset() const noexcept { return std::holds_alternative<Unset>(v_); }
  const Variant& variant() const noexcept { return v_; }
  template <class T>
  const T* get_if() const noexcept { return std::get_if<T>(&v_); }
  // Short name of the held kind ("int", "text", "list", ...), for error messages.
  std::string_view KindName() const noexcept;

  friend bool operator==(const Value&, const Value&) = default;

 private:
  Variant v_;
};

// Builds a vector of bound values: Values(1, "pen", price). Prefer it to a braced list inside a
// co_await expression (GCC 12 miscompiles initializer lists there).
template <class... Args>
std::vector<Value> Values(Args&&... args) {
  std::vector<Value> out;
  out.reserve(sizeof...(Args));
  (out.emplace_back(std::forward<Args>(args)), ...);
  return out;
}

// Appends `v` as a [value] (length + bytes; -1 null, -2 not set). With a `target` type (from
// prepared metadata) the value is converted to that type's encoding; a value that does not fit
// (wrong kind, integer out of range, unset inside a collection, unset before v4) gives kBadValue.
// Without a target the value's own encoding is used.
CqlStatus EncodeValue(const Value& v, const DataType* target, WireWriter& out, int protocol_version = 4);

// Decodes one cell body (without its length) of type `type`. nullopt cell → Null.
// Never reads outside `bytes`; malformed content gives kMalformedFrame.
CqlResult<Value> DecodeValue(std::optional<std::span<const std::uint8_t>> bytes, const DataType& type);

// Conversion of a Value to a C++ type, used by Row::Get. Supported T: bool, integral types
// (range-checked), float, double, std::string, Blob, Uuid, Timestamp,
// std::chrono::system_clock::time_point, Decimal, Value, std::vector<T>, std::set<T>,
// std::map<K, V>, std::optional<T> (null → nullopt). Null into a non-optional T is kBadValue.
template <class T>
struct ValueConverter;

template <class T>
CqlResult<T> ConvertValue(const Value& v) {
  return ValueConverter<T>::Convert(v);
}

namespace detail {
CqlError ConversionError(const Value& v, std::string_view wanted);
}  // namespace detail

template <>
struct ValueConverter<Value> {
  static CqlResult<Value> Convert(const Value& v) { return v; }
};

template <>
struct ValueConverter<bool> {
  static CqlResult<bool> Convert(const Value& v) {
    if (auto* b = v.get_if<bool>()) return *b;
    return detail::ConversionError(v, "bool");
  }
};

template <std::integral I>
  requires(!std::same_as<I, bool>)
struct ValueConverter<I> {
  static CqlResult<I> Convert(const Value& v) {
    std::int64_t wide = 0;
    if (auto* a = v.get_if<std::int8_t>()) wide = *a;
    else if (auto* b = v.get_if<std::int16_t>()) wide = *b;
    else if (auto* c = v.get_if<std::int32_t>()) wide = *c;
    else if (auto* d = v.get_if<std::int64_t>()) wide = *d;
    else return detail::ConversionError(v, "integer");
    if (!std::in_range<I>(wide)) return detail::ConversionError(v, "integer in range");
    return static_cast<I>(wide);
  }
};

template <>
struct ValueConverter<double> {
  static CqlResult<double> Convert(const Value& v) {
    if (auto* d = v.get_if<double>()) return *d;
    if (auto* f = v.get_if<float>()) return static_cast<double>(*f);
    return detail::ConversionError(v, "double");
  }
};

template <>
struct ValueConverter<float> {
  static CqlResult<float> Convert(const Value& v) {
    if (auto* f = v.get_if<float>()) return *f;
    return detail::ConversionError(v, "float");
  }
};

template <>
struct ValueConverter<std::string> {
  static CqlResult<std::string> Convert(const Value& v) {
    if (auto* s = v.get_if<std::string>()) return *s;
    return detail::ConversionError(v, "text");
  }
};

template <>
struct ValueConverter<Blob> {
  static CqlResult<Blob> Convert(const Value& v) {
    if (auto* b = v.get_if<Blob>()) return *b;
    return detail::ConversionError(v, "blob");
  }
};

template <>
struct ValueConverter<Uuid> {
  static CqlResult<Uuid> Convert(const Value& v) {
    if (auto* u = v.get_if<Uuid>()) return *u;
    return detail::ConversionError(v, "uuid");
  }
};

template <>
struct ValueConverter<Timestamp> {
  static CqlResult<Timestamp> Convert(const Value& v) {
    if (auto* t = v.get_if<Timestamp>()) return *t;
    return detail::ConversionError(v, "timestamp");
  }
};

template <>
struct ValueConverter<std::chrono::system_clock::time_point> {
  static CqlResult<std::chrono::system_clock::time_point> Convert(const Value& v) {
    if (auto* t = v.get_if<Timestamp>()) return std::chrono::system_clock::time_point(*t);
    return detail::ConversionError(v, "timestamp");
  }
};

template <>
struct ValueConverter<Decimal> {
  static CqlResult<Decimal> Convert(const Value& v) {
    if (auto* d = v.get_if<Decimal>()) return *d;
    return detail::ConversionError(v, "decimal");
  }
};

template <class T>
struct ValueConverter<std::optional<T>> {
  static CqlResult<std::optional<T>> Convert(const Value& v) {
    if (v.is_null()) return std::optional<T>{};
    auto r = ValueConverter<T>::Convert(v);
    if (!r) return std::move(r).error();
    return std::optional<T>(std::move(r).value());
  }
};

template <class T>
  requires(!std::same_as<T, std::uint8_t>)
struct ValueConverter<std::vector<T>> {
  static CqlResult<std::vector<T>> Convert(const Value& v) {
    if (v.is_null()) return std::vector<T>{};  // CQL stores an empty collection as null
    auto* l = v.get_if<ValueList>();
    if (!l) return detail::ConversionError(v, "list");
    std::vector<T> out;
    out.reserve(l->items.size());
    for (const auto& e : l->items) {
      auto r = ValueConverter<T>::Convert(e);
      if (!r) return std::move(r).error();
      out.push_back(std::move(r).value());
    }
    return out;
  }
};

template <class T>
struct ValueConverter<std::set<T>> {
  static CqlResult<std::set<T>> Convert(const Value& v) {
    if (v.is_null()) return std::set<T>{};
    auto* l = v.get_if<ValueList>();
    if (!l) return detail::ConversionError(v, "set");
    std::set<T> out;
    for (const auto& e : l->items) {
      auto r = ValueConverter<T>::Convert(e);
      if (!r) return std::move(r).error();
      out.insert(std::move(r).value());
    }
    return out;
  }
};

template <class K, class V>
struct ValueConverter<std::map<K, V>> {
  static CqlResult<std::map<K, V>> Convert(const Value& v) {
    if (v.is_null()) return std::map<K, V>{};
    auto* m = v.get_if<ValueMap>();
    if (!m) return detail::ConversionError(v, "map");
    std::map<K, V> out;
    for (std::size_t i = 0; i < m->keys.size() && i < m->values.size(); ++i) {
      auto k = ValueConverter<K>::Convert(m->keys[i]);
      if (!k) return std::move(k).error();
      auto val = ValueConverter<V>::Convert(m->values[i]);
      if (!val) return std::move(val).error();
      out.emplace(std::move(k).value(), std::move(val).value());
    }
    return out;
  }
};

}  // namespace eda::cql
