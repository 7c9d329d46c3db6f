#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "eda/cql/data_type.hpp"
#include "eda/cql/error.hpp"
#include "eda/cql/value.hpp"

namespace eda::cql {

struct ColumnSpec {
  std::string keyspace;
  std::string table;
  std::string name;
  DataType type;
};

// Thrown by Row::Get when a column is missing or its value does not convert to the requested
// type: reading a column as the wrong type is a programming error. Use TryGet for a Result.
class CqlTypeError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

namespace detail {
// Shared storage of one RESULT Rows body: the raw bytes and where each cell lies in them.
struct RowsPayload {
  std::vector<std::uint8_t> body;
  std::vector<ColumnSpec> columns;
  struct Cell {
    std::uint32_t offset = 0;
    std::int32_t length = -1;  // < 0: null
  };
  std::vector<Cell> cells;  // rows * columns, row-major
};
}  // namespace detail

// One row of a result. Cheap to copy (shares the page's bytes); cells are decoded on access.
// Thread-safe for concurrent reads.
class Row {
 public:
  Row(std::shared_ptr<const detail::RowsPayload> payload, std::size_t index) : payload_(std::move(payload)), index_(index) {}

  std::size_t size() const noexcept { return payload_->columns.size(); }
  const ColumnSpec& column(std::size_t i) const { return payload_->columns.at(i); }
  // Position of the column named `name` (exact match, as the server spells it), or -1.
  int IndexOf(std::string_view name) const noexcept;
  bool IsNull(std::size_t i) const;

  // Decoded cell i as a generic Value (Null for null).
  CqlResult<Value> GetValue(std::size_t i) const;
  CqlResult<Value> GetValue(std::string_view name) const;

  // Typed access: T as for ConvertValue; std::optional<T> for nullable columns.
  template <class T>
  CqlResult<T> TryGet(std::size_t i) const {
    auto v = GetValue(i);
    if (!v) return std::move(v).error();
    return ConvertValue<T>(*v);
  }
  template <class T>
  CqlResult<T> TryGet(std::string_view name) const {
    auto v = GetValue(name);
    if (!v) return std::move(v).error();
    auto r = ConvertValue<T>(*v);
    if (!r) {
      auto e = std::move(r).error();
      e.message = "column '" + std::string(name) + "': " + e.message;
      return e;
    }
    return r;
  }
  // Like TryGet, but a missing column or failed conversion throws CqlTypeError.
  template <class T>
  T Get(std::size_t i) const {
    auto r = TryGet<T>(i);
    if (!r) throw CqlTypeError(r.error().message);
    return std::move(r).value();
  }
  template <class T>
  T Get(std::string_view name) const {
    auto r = TryGet<T>(name);
    if (!r) throw CqlTypeError(r.error().message);
    return std::move(r).value();
  }

 private:
  std::shared_ptr<const detail::RowsPayload> payload_;
  std::size_t index_;
};

}  // namespace eda::cql
