#pragma once

#include <algorithm>
#include <chrono>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "eda/cql/error.hpp"

namespace eda::cql {

struct RetryPolicy {
  int max_attempts = 3;                          // total attempts, including the first
  std::chrono::milliseconds initial_delay{50};   // before the second attempt; doubled each time
  std::chrono::milliseconds max_delay{2000};
};

// Runs `op` (a callable returning awaitable<CqlResult<T>>) until it succeeds, fails with an error
// that is not retryable, or max_attempts is reached; returns the last result. Use it only for
// idempotent operations: a timed-out write may have been applied. Must be awaited from a coroutine
// (the delay runs on the caller's executor). `op` is copied into the coroutine.
template <class Op>
auto RetryIdempotent(RetryPolicy policy, Op op) -> decltype(op()) {
  auto executor = co_await boost::asio::this_coro::executor;
  auto delay = policy.initial_delay;
  for (int attempt = 1;; ++attempt) {
    auto result = co_await op();
    if (result.ok() || !result.error().retryable || attempt >= policy.max_attempts) co_return result;
    boost::asio::steady_timer timer(executor, delay);
    co_await timer.async_wait(boost::asio::use_awaitable);
    delay = std::min(delay * 2, policy.max_delay);
  }
}

}  // namespace eda::cql
