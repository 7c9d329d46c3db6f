#pragma once

#include <future>
#include <optional>
#include <type_traits>
#include <thread>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace eda::catalog {

// An io_context with its own threads for the Cassandra session, and a bridge that lets blocking
// code (use cases on worker threads, consumer handlers) wait for a coroutine's result.
// Block() must not be called from one of the runner's own threads (it would wait on itself).
// Start/Stop from the owner's thread; Block is thread-safe.
class CqlRunner {
 public:
  explicit CqlRunner(int threads = 1) : threads_(threads) {}
  ~CqlRunner() { Stop(); }
  CqlRunner(const CqlRunner&) = delete;
  CqlRunner& operator=(const CqlRunner&) = delete;

  void Start() {
    for (int i = 0; i < threads_; ++i) workers_.emplace_back([this] { io_.run(); });
  }
  void Stop() {
    guard_.reset();
    io_.stop();
    for (auto& t : workers_) {
      if (t.joinable()) t.join();
    }
    workers_.clear();
  }

  boost::asio::io_context& io() noexcept { return io_; }
  boost::asio::any_io_executor executor() { return io_.get_executor(); }

  // Runs the coroutine on the runner and waits for its result (exceptions are rethrown).
  template <class T>
  T Block(boost::asio::awaitable<T> work) {
    if constexpr (std::is_void_v<T>) {
      boost::asio::co_spawn(io_, std::move(work), boost::asio::use_future).get();
    } else {
      // use_future needs a default-constructible result; Result<T> is not, so carry it in an optional.
      return std::move(*boost::asio::co_spawn(io_, Wrap(std::move(work)), boost::asio::use_future).get());
    }
  }

 private:
  template <class T>
  static boost::asio::awaitable<std::optional<T>> Wrap(boost::asio::awaitable<T> work) {
    std::optional<T> out(co_await std::move(work));
    co_return out;
  }

  int threads_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_{io_.get_executor()};
  std::vector<std::thread> workers_;
};

}  // namespace eda::catalog
