#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/sql/param.hpp"
#include "eda/sql/rows.hpp"

namespace eda::sql {

class Connection;

enum class IsolationLevel { kDefault, kReadUncommitted, kReadCommitted, kRepeatableRead, kSerializable };

struct TransactionOptions {
  IsolationLevel isolation = IsolationLevel::kDefault;  // kDefault: the server's (REPEATABLE READ)
  bool read_only = false;                               // START TRANSACTION READ ONLY
};

// An open transaction on one Connection (RAII). Created by Connection::Begin(). Move-only.
// Commit() or Rollback() ends it; if neither happened, the destructor rolls back. If that rollback
// fails the connection is marked broken (the pool discards it, so no half-finished transaction
// is ever reused). Must not outlive its Connection. Not thread-safe (like the Connection).
//
//   auto tx = conn.Begin();                 if (!tx) return tx.error();
//   auto r = tx->Query("SELECT qty FROM stock WHERE id = ? FOR UPDATE", {id});
//   ...  tx->Execute("UPDATE stock SET qty = ? WHERE id = ?", {qty - 1, id});
//   if (auto s = tx->Commit(); !s) return s.error();
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Same as Connection::Execute / Query, inside this transaction. Calling them after the
  // transaction ended is a bug (std::logic_error).
  Result<ExecResult> Execute(std::string_view sql, const std::vector<Param>& params = {});
  Result<Rows> Query(std::string_view sql, const std::vector<Param>& params = {});

  // COMMIT. The transaction is over afterwards whatever the outcome. A deadlock/lock error returns
  // its classified error (the server rolled back); a lost connection returns "sql.commit_unknown"
  // (not retryable: the commit may or may not have happened).
  Status Commit();
  // ROLLBACK. The transaction is over afterwards; a failure marks the connection broken.
  Status Rollback();

  // Runs `fn(committed)` once when this transaction ends, in the order added: committed is true right
  // after a COMMIT that succeeded, false after a rollback (explicit, by the destructor, or after a
  // failed COMMIT) and after a COMMIT whose outcome is unknown. For what must follow durable writes
  // only, such as waking the relay of an outbox these writes added to.
  void OnEnd(std::function<void(bool committed)> fn);

  bool active() const noexcept { return conn_ != nullptr; }
  Connection& connection() const;  // the underlying connection; std::logic_error if ended

 private:
  friend class Connection;
  explicit Transaction(Connection& conn) noexcept : conn_(&conn) {}
  Connection* conn_ = nullptr;  // null once ended or moved from
  void Ended(bool committed);

  std::vector<std::function<void(bool)>> on_end_;
};

}  // namespace eda::sql
