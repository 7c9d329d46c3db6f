#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>

namespace eda::http {

// The server's open connections, so a graceful stop can close idle ones and wait for busy ones.
// Add/Remove/CloseIdle/WaitEmpty are thread-safe; a Handle's `busy` and `cancel` are touched only on
// its connection's strand (CloseIdle posts there).
class Connections {
 public:
  struct Handle {
    boost::asio::any_io_executor strand;
    std::function<void()> cancel;  // aborts pending I/O; reset when the connection ends
    bool busy = false;             // a request is being read, handled or written
  };

  std::shared_ptr<Handle> Add(boost::asio::any_io_executor strand, std::function<void()> cancel);
  void Remove(const std::shared_ptr<Handle>& handle);
  // Posts to every connection: cancel its I/O unless it is busy with a request.
  void CloseIdle();
  // Posts to every connection: cancel its I/O.
  void CancelAll();
  // Blocks until no connection is left or `deadline`; true when empty.
  bool WaitEmpty(std::chrono::steady_clock::time_point deadline);
  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable empty_;
  std::unordered_map<Handle*, std::shared_ptr<Handle>> handles_;
};

}  // namespace eda::http
