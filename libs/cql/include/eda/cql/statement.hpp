#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eda/cql/consistency.hpp"
#include "eda/cql/requests.hpp"
#include "eda/cql/result_set.hpp"
#include "eda/cql/value.hpp"

namespace eda::cql {

// Per-execution options; unset fields take the Session's settings.
struct QueryOptions {
  std::optional<Consistency> consistency;
  std::optional<Consistency> serial_consistency;
  // Rows per page: nullopt = settings.page_size; <= 0 = no paging (all rows in one response).
  std::optional<std::int32_t> page_size;
  // Resume after a previous page (ResultSet::paging_state()).
  std::optional<std::string> paging_state;
  std::optional<std::int64_t> timestamp_us;  // write timestamp; server time if unset
  std::optional<std::chrono::milliseconds> timeout;
  // May the statement be sent again after a retryable failure (a timeout may have applied it)?
  // Only idempotent statements are retried automatically.
  bool idempotent = false;
};

// Values bound by marker name (names as the server reports them: lowercase unless quoted).
// Markers not named are sent as "not set" (v4).
using NamedValues = std::vector<std::pair<std::string, Value>>;

namespace detail {
// Shared state of a prepared statement; the id is replaced when re-prepared.
struct PreparedState {
  std::string cql;
  std::string id;
  std::vector<ColumnSpec> bind_columns;
  std::vector<DataType> bind_types;
  std::vector<std::uint16_t> pk_indexes;
  std::vector<ColumnSpec> result_columns;
};
}  // namespace detail

// A handle to a statement prepared by a Session. Cheap to copy; valid as long as its Session
// (re-preparation on other nodes or after a node restart is transparent).
class PreparedStatement {
 public:
  PreparedStatement() = default;
  explicit PreparedStatement(std::shared_ptr<detail::PreparedState> state) : state_(std::move(state)) {}

  bool valid() const noexcept { return state_ != nullptr; }
  const std::string& cql() const { return state_->cql; }
  const std::vector<ColumnSpec>& bind_columns() const { return state_->bind_columns; }
  const std::vector<ColumnSpec>& result_columns() const { return state_->result_columns; }
  const std::shared_ptr<detail::PreparedState>& state() const noexcept { return state_; }

 private:
  std::shared_ptr<detail::PreparedState> state_;
};

// A BATCH of prepared and/or simple statements, applied together (logged: atomically).
// A plain value type; build it, then Session::ExecuteBatch.
class Batch {
 public:
  explicit Batch(BatchType type = BatchType::kLogged) : type_(type) {}

  void Add(const PreparedStatement& statement, std::vector<Value> values) {
    entries_.push_back(Entry{statement, {}, std::move(values)});
  }
  void Add(std::string cql, std::vector<Value> values = {}) {
    entries_.push_back(Entry{{}, std::move(cql), std::move(values)});
  }

  struct Entry {
    PreparedStatement prepared;  // valid() for a prepared entry
    std::string cql;             // simple entry
    std::vector<Value> values;
  };
  BatchType type() const noexcept { return type_; }
  const std::vector<Entry>& entries() const noexcept { return entries_; }
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  BatchType type_;
  std::vector<Entry> entries_;
};

}  // namespace eda::cql
