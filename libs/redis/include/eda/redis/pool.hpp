#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "eda/core/result.hpp"
#include "eda/redis/connection.hpp"
#include "eda/redis/settings.hpp"

namespace eda::redis {

struct PoolStats {
  std::size_t open = 0;        // connections currently open (idle + in use)
  std::size_t idle = 0;        // open and waiting in the pool
  std::size_t waiting = 0;     // threads blocked in Acquire()
  std::uint64_t created = 0;   // connections opened since start
  std::uint64_t discarded = 0; // broken connections closed since start
};

template <class T> struct IsResult : std::false_type {};
template <class T, class E> struct IsResult<Result<T, E>> : std::true_type {};

// A bounded pool of Redis connections plus the worker threads that run blocking calls for
// coroutines. Connections open lazily up to Settings::pool_size. A connection idle for longer than
// Settings::ping_after_idle is pinged before reuse and replaced if dead; broken connections are
// closed (never reused). Every connection has AUTH/SELECT applied per Settings.
//
// Thread safety: all methods are thread-safe. Lifetime: construct once in the composition root;
// Connections may outlive the Pool object (they then close instead of returning).
class Pool {
 public:
  // No I/O happens here; Settings are validated (std::invalid_argument if invalid: a config bug the
  // caller should have caught with Settings::Validate()). Starts pool_size worker threads.
  explicit Pool(Settings settings);
  ~Pool();  // Stop()
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Borrows a connection, opening one if none is idle and fewer than pool_size are open; otherwise
  // waits up to `timeout` (default Settings::acquire_timeout). Blocking: call from worker or
  // background threads, never from an I/O thread (use Run there).
  // Errors: "redis.pool_timeout" (retryable) if none became free in time; "redis.connection" or
  // "redis.auth" if opening failed; "redis.stopped" after Stop().
  Result<Connection> Acquire();
  Result<Connection> Acquire(std::chrono::milliseconds timeout);

  // Runs `fn(Connection&)` on a worker thread with a borrowed connection and resumes the awaiting
  // coroutine on its own executor with the result. `fn` must return a Result<T> (or Status); an
  // acquire failure is returned as that Result's error without calling fn. If fn throws, the
  // connection is marked broken and the exception is rethrown in the coroutine.
  //   auto r = co_await pool.Run([&](redis::Connection& c) { return c.Get("key"); });
  template <class F>
  boost::asio::awaitable<std::invoke_result_t<F&, Connection&>> Run(F fn);

  // Runs any blocking `fn()` (returning a Result) on a worker thread; the building block of Run.
  // Exceptions propagate to the coroutine. After Stop() it returns "redis.stopped" without running fn.
  template <class F>
  boost::asio::awaitable<std::invoke_result_t<F&>> Offload(F fn);

  // Acquires a connection and sends PING. For readiness checks.
  Status Ping();

  PoolStats stats() const;
  const Settings& settings() const noexcept;
  bool stopped() const;

  // Stops accepting work: Acquire() then fails with "redis.stopped", waiters wake up, queued Run jobs
  // still execute (and fail fast); joins the worker threads; closes idle connections. Idempotent.
  void Stop();

 private:
  std::shared_ptr<detail::PoolCore> core_;
  std::unique_ptr<boost::asio::thread_pool> workers_;
};

// ---- implementation of the templates ----

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> Pool::Offload(F fn) {
  using R = std::invoke_result_t<F&>;
  static_assert(IsResult<R>::value, "Pool::Offload/Run: the function must return eda::Result<T> or eda::Status");
  if (stopped()) co_return R(Error::Permanent("redis.stopped", "redis pool is stopped"));
  auto* workers = workers_.get();
  auto initiate = [workers, fn = std::move(fn)](auto handler) mutable {
    auto ex = boost::asio::get_associated_executor(handler);
    auto work = boost::asio::prefer(ex, boost::asio::execution::outstanding_work.tracked);
    boost::asio::post(*workers, [fn = std::move(fn), handler = std::move(handler), work = std::move(work)]() mutable {
      std::exception_ptr error;
      std::optional<R> result;
      try {
        result.emplace(fn());
      } catch (...) {
        error = std::current_exception();
      }
      boost::asio::post(work, [handler = std::move(handler), error, result = std::move(result)]() mutable {
        std::move(handler)(error, std::move(result));
      });
    });
  };
  std::optional<R> r = co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&,
                                                            void(std::exception_ptr, std::optional<R>)>(
      std::move(initiate), boost::asio::use_awaitable);
  co_return std::move(*r);
}

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&, Connection&>> Pool::Run(F fn) {
  using R = std::invoke_result_t<F&, Connection&>;
  co_return co_await Offload([this, fn = std::move(fn)]() mutable -> R {
    auto conn = Acquire();
    if (!conn) return R(std::move(conn).error());
    try {
      return fn(*conn);
    } catch (...) {
      conn->MarkBroken();
      throw;
    }
  });
}

}  // namespace eda::redis
