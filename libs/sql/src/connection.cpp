#include "eda/sql/connection.hpp"

#include <stdexcept>
#include <string>

#include "eda/sql/errors.hpp"
#include "native_connection.hpp"
#include "pool_core.hpp"

namespace eda::sql {

Connection::Connection(std::shared_ptr<detail::PoolCore> pool, std::unique_ptr<detail::NativeConnection> native) noexcept
    : pool_(std::move(pool)), native_(std::move(native)) {}

Connection::Connection(Connection&& other) noexcept = default;

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = std::move(other.pool_);
    native_ = std::move(other.native_);
  }
  return *this;
}

Connection::~Connection() { Release(); }

void Connection::Release() noexcept {
  if (native_ && pool_) pool_->Return(std::move(native_));
  native_.reset();
  pool_.reset();
}

namespace {
detail::NativeConnection& Native(const std::unique_ptr<detail::NativeConnection>& n) {
  if (!n) throw std::logic_error("sql: use of a moved-from Connection");
  return *n;
}
}  // namespace

Result<ExecResult> Connection::Execute(std::string_view sql, const std::vector<Param>& params) {
  return Native(native_).Execute(sql, params);
}

Result<Rows> Connection::Query(std::string_view sql, const std::vector<Param>& params) {
  return Native(native_).Query(sql, params);
}

Result<Transaction> Connection::Begin(TransactionOptions options) {
  auto& n = Native(native_);
  if (n.in_transaction) throw std::logic_error("sql: Begin() while a Transaction is already open on this connection");
  const char* level = nullptr;
  switch (options.isolation) {
    case IsolationLevel::kDefault: break;
    case IsolationLevel::kReadUncommitted: level = "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"; break;
    case IsolationLevel::kReadCommitted: level = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"; break;
    case IsolationLevel::kRepeatableRead: level = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"; break;
    case IsolationLevel::kSerializable: level = "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"; break;
  }
  if (level != nullptr) {
    if (auto st = n.Batch(level); !st.ok()) return std::move(st).error();
  }
  if (auto st = n.Batch(options.read_only ? "START TRANSACTION READ ONLY" : "START TRANSACTION"); !st.ok())
    return std::move(st).error();
  n.in_transaction = true;
  return Transaction(*this);
}

void Connection::MarkBroken() noexcept {
  if (native_) native_->MarkBroken();
}
bool Connection::broken() const noexcept { return !native_ || native_->broken(); }
std::uint64_t Connection::ServerThreadId() const noexcept { return native_ ? native_->thread_id() : 0; }
bool Connection::in_transaction() const noexcept { return native_ && native_->in_transaction; }

}  // namespace eda::sql
