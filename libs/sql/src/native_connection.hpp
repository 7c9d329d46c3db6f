#pragma once

#include <mysql.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/sql/param.hpp"
#include "eda/sql/rows.hpp"
#include "eda/sql/settings.hpp"

namespace eda::sql::detail {

// One open MYSQL session and its prepared-statement cache. Owns the handle; not thread-safe.
// Every failure is returned classified; a connection-level failure also sets broken().
class NativeConnection {
 public:
  // Connects with utf8mb4, time_zone '+00:00', no auto-reconnect and the timeouts of `settings`.
  // `multi_statements` enables ';'-separated batches for Batch() (migrations only).
  static Result<std::unique_ptr<NativeConnection>> Open(const Settings& settings, bool multi_statements = false);
  ~NativeConnection();
  NativeConnection(const NativeConnection&) = delete;
  NativeConnection& operator=(const NativeConnection&) = delete;

  Result<ExecResult> Execute(std::string_view sql, const std::vector<Param>& params);
  Result<Rows> Query(std::string_view sql, const std::vector<Param>& params);
  // Text-protocol statement(s) without values: transaction control and migration DDL. All result
  // sets are consumed.
  Status Batch(std::string_view sql);
  Status Ping();

  bool broken() const noexcept { return broken_; }
  void MarkBroken() noexcept { broken_ = true; }
  bool ServerInTransaction() const noexcept;
  std::uint64_t thread_id() const noexcept { return thread_id_; }
  bool in_transaction = false;  // a Transaction object is open on it
  std::chrono::steady_clock::time_point last_used;

 private:
  NativeConnection(MYSQL* mysql, std::size_t cache_size) : mysql_(mysql), cache_size_(cache_size) {}
  struct CachedStatement {
    MYSQL_STMT* stmt = nullptr;
    std::uint64_t last_use = 0;
  };
  Result<MYSQL_STMT*> Prepare(std::string_view sql);
  Result<MYSQL_STMT*> PrepareAndRun(std::string_view sql, const std::vector<Param>& params);
  void DropStatement(std::string_view sql);
  Error ConnectionFailure();              // from mysql_errno/mysql_error
  Error StatementFailure(MYSQL_STMT* s);  // from mysql_stmt_errno/mysql_stmt_error

  MYSQL* mysql_;
  std::size_t cache_size_;
  std::unordered_map<std::string, CachedStatement> cache_;
  std::uint64_t use_counter_ = 0;
  std::uint64_t thread_id_ = 0;
  bool broken_ = false;
};

}  // namespace eda::sql::detail
