#include "eda/sql/transaction.hpp"

#include <stdexcept>
#include <string>

#include "eda/sql/connection.hpp"
#include "eda/sql/errors.hpp"
#include "native_connection.hpp"

namespace eda::sql {

Transaction::Transaction(Transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) (void)Rollback();
    conn_ = other.conn_;
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

Status Transaction::Commit() {
  Connection& c = connection();
  conn_ = nullptr;
  detail::NativeConnection& n = *c.native_;
  n.in_transaction = false;
  if (n.broken()) {
    return Error::Transient(std::string(errc::kConnection), "connection broke during the transaction; rolled back");
  }
  Status st = n.Batch("COMMIT");
  if (st.ok()) return st;
  if (n.broken()) {
    // The COMMIT may have reached the server and succeeded before the reply was lost.
    return Error::Permanent(std::string(errc::kCommitUnknown), "connection lost during COMMIT: " + st.error().message);
  }
  if (!n.Batch("ROLLBACK").ok()) n.MarkBroken();
  return st;
}

Status Transaction::Rollback() {
  Connection& c = connection();
  conn_ = nullptr;
  detail::NativeConnection& n = *c.native_;
  n.in_transaction = false;
  if (n.broken()) return {};  // the server drops the transaction with the session
  Status st = n.Batch("ROLLBACK");
  if (!st.ok()) n.MarkBroken();
  return st;
}

}  // namespace eda::sql
