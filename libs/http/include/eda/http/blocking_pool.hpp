#pragma once

#include <cstddef>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace eda::http {

// Runs blocking callables (a synchronous driver call, file I/O, bcrypt) on its own threads so the
// I/O threads never block; the awaiting coroutine resumes on its own executor (its strand):
//
//   BlockingPool pool(4);
//   int n = co_await pool.Run([&] { return repo.CountOrders(member); });
//
// An exception thrown by the callable is rethrown at the co_await. The callable runs while the
// coroutine is suspended, so it may reference the coroutine's locals. Libraries with their own
// threads (e.g. sql) may offer their own equivalent. Run() is thread-safe. The destructor waits for
// queued and running callables to finish; destroy the pool after the server has stopped.
class BlockingPool {
 public:
  explicit BlockingPool(std::size_t threads) : pool_(threads) {}
  ~BlockingPool() { pool_.join(); }
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  template <class F>
  boost::asio::awaitable<std::invoke_result_t<F&>> Run(F f) {
    using R = std::invoke_result_t<F&>;
    std::conditional_t<std::is_void_v<R>, bool, std::optional<R>> result{};
    std::exception_ptr error;
    co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
        [&](auto handler) {
          boost::asio::post(pool_, [&, handler = std::move(handler)]() mutable {
            try {
              if constexpr (std::is_void_v<R>) {
                f();
              } else {
                result.emplace(f());
              }
            } catch (...) {
              error = std::current_exception();
            }
            // Resume the coroutine on its own executor, not on this pool thread.
            boost::asio::post(std::move(handler));
          });
        },
        boost::asio::use_awaitable);
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<R>) co_return std::move(*result);
  }

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace eda::http
