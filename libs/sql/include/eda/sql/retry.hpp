#pragma once

#include <chrono>
#include <type_traits>
#include <utility>

#include "eda/core/result.hpp"
#include "eda/sql/connection.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/transaction.hpp"

namespace eda::sql {

// How RetryTransaction retries: attempt n (1-based) that failed retryably waits
// min(initial_backoff * 2^(n-1), max_backoff) with +-50% jitter before attempt n+1.
struct RetryPolicy {
  int max_attempts = 3;                         // total attempts, >= 1
  std::chrono::milliseconds initial_backoff{10};
  std::chrono::milliseconds max_backoff{500};
};

namespace detail {
// Sleeps the jittered backoff that follows failed attempt `attempt` (1-based). Thread-safe.
void SleepBeforeRetry(const RetryPolicy& policy, int attempt);
}  // namespace detail

// Runs `fn(Transaction&)` in a fresh transaction and commits it if fn returned success. If fn, BEGIN
// or COMMIT fails with a retryable error (deadlock, lock wait timeout, lost connection before
// COMMIT, pool timeout), the transaction is rolled back and the whole thing runs again, with a new
// connection when the old one broke, up to policy.max_attempts. Non-retryable errors (including
// fn's own domain errors and "sql.commit_unknown") are returned at once after a rollback.
// `fn` must return Result<T> or Status and may be called several times: keep side effects outside
// the database out of it. Blocking: call from a worker/background thread, or use RunTransaction.
//   auto r = RetryTransaction(pool, [&](sql::Transaction& tx) -> eda::Status { ... });
template <class F>
std::invoke_result_t<F&, Transaction&> RetryTransaction(Pool& pool, F&& fn, RetryPolicy policy = {},
                                                        TransactionOptions options = {}) {
  using R = std::invoke_result_t<F&, Transaction&>;
  static_assert(IsResult<R>::value, "RetryTransaction: the function must return eda::Result<T> or eda::Status");
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt >= policy.max_attempts;
    auto conn = pool.Acquire();
    if (!conn) {
      if (last || !conn.error().retryable) return R(std::move(conn).error());
      detail::SleepBeforeRetry(policy, attempt);
      continue;
    }
    auto tx = conn->Begin(options);
    if (!tx) {
      if (last || !tx.error().retryable) return R(std::move(tx).error());
      detail::SleepBeforeRetry(policy, attempt);
      continue;
    }
    R result = [&]() -> R {
      try {
        return fn(*tx);
      } catch (...) {
        conn->MarkBroken();
        throw;
      }
    }();
    if (result.ok()) {
      Status committed = tx->Commit();
      if (committed.ok()) return result;
      if (last || !committed.error().retryable) return R(std::move(committed).error());
    } else {
      (void)tx->Rollback();
      if (last || !result.error().retryable) return result;
    }
    detail::SleepBeforeRetry(policy, attempt);
  }
}

// RetryTransaction on a worker thread of the pool, for coroutines.
//   auto r = co_await RunTransaction(pool, [&](sql::Transaction& tx) { ... return eda::Status{}; });
template <class F>
boost::asio::awaitable<std::invoke_result_t<F&, Transaction&>> RunTransaction(Pool& pool, F fn,
                                                                              RetryPolicy policy = {},
                                                                              TransactionOptions options = {}) {
  co_return co_await pool.Offload([&pool, fn = std::move(fn), policy, options]() mutable {
    return RetryTransaction(pool, fn, policy, options);
  });
}

}  // namespace eda::sql
