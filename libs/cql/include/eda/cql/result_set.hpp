#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eda/cql/row.hpp"
#include "eda/cql/uuid.hpp"

namespace eda::cql {

enum class ResultKind : std::int32_t { kVoid = 1, kRows = 2, kSetKeyspace = 3, kPrepared = 4, kSchemaChange = 5 };

// RESULT Schema_change details.
struct SchemaChange {
  std::string change_type;  // CREATED, UPDATED, DROPPED
  std::string target;       // KEYSPACE, TABLE, TYPE, FUNCTION, AGGREGATE
  std::string keyspace;
  std::string name;                    // table/type/function name (empty for KEYSPACE)
  std::vector<std::string> arg_types;  // FUNCTION/AGGREGATE
};

// RESULT Prepared: the id and the metadata of the bind markers and of the rows it returns.
struct PreparedResult {
  std::string id;  // opaque bytes
  std::vector<ColumnSpec> bind_columns;
  std::vector<std::uint16_t> pk_indexes;  // markers that form the partition key (v4)
  std::vector<ColumnSpec> result_columns;
};

// The result of one request (one page for a paged SELECT). A plain value type; rows share the
// page's bytes.
class ResultSet {
 public:
  ResultSet() = default;

  ResultKind kind() const noexcept { return kind_; }
  const std::vector<Row>& rows() const noexcept { return rows_; }
  std::size_t size() const noexcept { return rows_.size(); }
  bool empty() const noexcept { return rows_.empty(); }
  const Row& front() const { return rows_.at(0); }
  std::vector<Row>::const_iterator begin() const noexcept { return rows_.begin(); }
  std::vector<Row>::const_iterator end() const noexcept { return rows_.end(); }
  const std::vector<ColumnSpec>& columns() const noexcept;

  // Paging: the state to pass to fetch the next page; nullopt on the last page.
  const std::optional<std::string>& paging_state() const noexcept { return paging_state_; }
  bool has_more_pages() const noexcept { return paging_state_.has_value(); }

  // Lightweight transactions: whether the result carries the "[applied]" column, and its value.
  // applied() is true for any non-LWT result. When not applied, front() holds the current
  // values of the row (the columns named in the condition, or all columns for IF NOT EXISTS).
  bool is_lwt() const noexcept;
  bool applied() const;

  const std::string& keyspace() const noexcept { return keyspace_; }  // kSetKeyspace
  const std::optional<SchemaChange>& schema_change() const noexcept { return schema_change_; }
  const std::optional<PreparedResult>& prepared() const noexcept { return prepared_; }
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }
  const std::optional<Uuid>& tracing_id() const noexcept { return tracing_id_; }

 private:
  friend class ResponseParser;
  ResultKind kind_ = ResultKind::kVoid;
  std::shared_ptr<const detail::RowsPayload> payload_;
  std::vector<Row> rows_;
  std::optional<std::string> paging_state_;
  std::string keyspace_;
  std::optional<SchemaChange> schema_change_;
  std::optional<PreparedResult> prepared_;
  std::vector<std::string> warnings_;
  std::optional<Uuid> tracing_id_;
};

}  // namespace eda::cql
