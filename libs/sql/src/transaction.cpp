#include "eda/sql/transaction.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "eda/sql/connection.hpp"
#include "eda/sql/errors.hpp"
#include "native_connection.hpp"

namespace eda::sql {

Transaction::Transaction(Transaction&& other) noexcept
    : conn_(other.conn_), on_end_(std::move(other.on_end_)) {
  other.conn_ = nullptr;
}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) (void)Rollback();
    conn_ = other.conn_;
    on_end_ = std::move(other.on_end_);
    other.conn_ = nullptr;
  }
  return *this;
}

Transaction::~Transaction() {
  if (conn_ != nullptr) (void)Rollback();
}

Connection& Transaction::connection() const {
  if (conn_ == nullptr) throw std::logic_error("sql: use of a finished Transaction");
  return *conn_;
}

Result<ExecResult> Transaction::Execute(std::string_view sql, const std::vector<Param>& params) {
  return connection().Execute(sql, params);
}

Result<Rows> Transaction::Query(std::string_view sql, const std::vector<Param>& params) {
  return connection().Query(sql, params);
}

void Transaction::OnEnd(std::function<void(bool committed)> fn) {
  (void)connection();  // std::logic_error once ended, like every other use
  on_end_.push_back(std::move(fn));
}

void Transaction::Ended(bool committed) {
  auto on_end = std::move(on_end_);
  on_end_.clear();
  for (auto& fn : on_end) fn(committed);
}

Status Transaction::Commit() {
  Connection& c = connection();
  conn_ = nullptr;
  detail::NativeConnection& n = *c.native_;
  n.in_transaction = false;
  if (n.broken()) {
    Ended(false);
    return Error::Transient(std::string(errc::kConnection), "connection broke during the transaction; rolled back");
  }
  Status st = n.Batch("COMMIT");
  if (st.ok()) {
    Ended(true);
    return st;
  }
  if (n.broken()) {
    // The COMMIT may have reached the server and succeeded before the reply was lost.
    Ended(false);
    return Error::Permanent(std::string(errc::kCommitUnknown), "connection lost during COMMIT: " + st.error().message);
  }
  if (!n.Batch("ROLLBACK").ok()) n.MarkBroken();
  Ended(false);
  return st;
}

Status Transaction::Rollback() {
  Connection& c = connection();
  conn_ = nullptr;
  detail::NativeConnection& n = *c.native_;
  n.in_transaction = false;
  Status st;
  // A broken session: the server drops the transaction with it.
  if (!n.broken()) st = n.Batch("ROLLBACK");
  if (!st.ok()) n.MarkBroken();
  Ended(false);
  return st;
}

}  // namespace eda::sql
