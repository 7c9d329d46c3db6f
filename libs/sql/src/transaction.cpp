#include "eda/sql/transaction.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "eda/sql/connection.hpp"
#include "eda/sql/errors.hpp"
#include "native_connection.hpp"

namespace eda::sql {

Transaction::Transaction(Transaction&& other) noexcept
    : conn_(other.conn_), after_commit_(std::move(other.after_commit_)) {
  other.conn_ = nullptr;
}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) (void)Rollback();
    conn_ = other.conn_;
    after_commit_ = std::move(other.after_commit_);
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

void Transaction::AfterCommit(std::function<void()> fn) {
  (void)connection();  // std::logic_error once ended, like every other use
  after_commit_.push_back(std::move(fn));
}

Status Transaction::Commit() {
  Connection& c = connection();
  conn_ = nullptr;
  auto after_commit = std::move(after_commit_);
  after_commit_.clear();
  detail::NativeConnection& n = *c.native_;
  n.in_transaction = false;
  if (n.broken()) {
    return Error::Transient(std::string(errc::kConnection), "connection broke during the transaction; rolled back");
  }
  Status st = n.Batch("COMMIT");
  if (st.ok()) {
    for (auto& fn : after_commit) fn();
    return st;
  }
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
  after_commit_.clear();
  detail::NativeConnection& n = *c.native_;
  n.in_transaction = false;
  if (n.broken()) return {};  // the server drops the transaction with the session
  Status st = n.Batch("ROLLBACK");
  if (!st.ok()) n.MarkBroken();
  return st;
}

}  // namespace eda::sql
