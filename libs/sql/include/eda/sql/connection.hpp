#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/sql/param.hpp"
#include "eda/sql/rows.hpp"
#include "eda/sql/transaction.hpp"

namespace eda::sql {

namespace detail {
class PoolCore;          // pool internals (src/pool_core.hpp)
class NativeConnection;  // one MYSQL* with its statement cache (src/native_connection.hpp)
}  // namespace detail

// A connection borrowed from a Pool: a move-only handle that gives the connection back to the pool
// when destroyed (like userver's mysql ConnectionPtr). Obtained from Pool::Acquire() or handed to
// the function given to Pool::Run(). Not thread-safe: use one Connection from one thread at a time.
//
// Broken connections: any client-side error (lost connection, timeout, protocol error) and any
// server error that ends the session marks the connection broken; a broken connection is closed
// instead of returned to the pool. An exception escaping Pool::Run's function also marks it broken,
// because the session state (open transaction, half-read result) is then unknown.
//
// Only prepared statements with '?' placeholders are sent; statements are prepared once per
// connection and cached by their SQL text (LRU, Settings::statement_cache_size). A wrong number of
// parameters is a bug and throws std::invalid_argument.
class Connection {
 public:
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();  // returns the connection to its pool (or closes it if broken)

  // Runs a statement that returns no rows (INSERT/UPDATE/DELETE/DDL-free statements).
  //   conn.Execute("INSERT INTO t (id, name) VALUES (?, ?)", {id, name})
  // Errors: classified eda::Error (see errors.hpp), e.g. "sql.duplicate_key".
  Result<ExecResult> Execute(std::string_view sql, const std::vector<Param>& params = {});

  // Runs a statement that returns rows (SELECT, also SELECT ... FOR UPDATE inside a transaction)
  // and fetches all of them.
  Result<Rows> Query(std::string_view sql, const std::vector<Param>& params = {});

  // START TRANSACTION with the given options. The Transaction refers to this Connection object: it
  // must not outlive it, and the Connection must not be moved while the Transaction is open.
  // Opening a second Transaction while one is open is a bug (std::logic_error).
  Result<Transaction> Begin(TransactionOptions options = {});

  // Marks the connection as unusable: it will be closed instead of returned to the pool.
  void MarkBroken() noexcept;
  bool broken() const noexcept;
  // Server-side id of this session (CONNECTION_ID()); useful for diagnostics and fault tests.
  std::uint64_t ServerThreadId() const noexcept;
  // True while a Transaction is open on this connection.
  bool in_transaction() const noexcept;

 private:
  friend class detail::PoolCore;
  friend class Transaction;
  Connection(std::shared_ptr<detail::PoolCore> pool, std::unique_ptr<detail::NativeConnection> native) noexcept;
  void Release() noexcept;

  std::shared_ptr<detail::PoolCore> pool_;  // keeps the pool's state alive while borrowed
  std::unique_ptr<detail::NativeConnection> native_;
};

}  // namespace eda::sql
