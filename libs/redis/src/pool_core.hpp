#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/redis/connection.hpp"
#include "eda/redis/pool.hpp"
#include "eda/redis/settings.hpp"
#include "native_connection.hpp"

namespace eda::redis::detail {

// The shared state of a Pool: idle connections, the open count and waiters. Shared with every
// borrowed Connection so that a Connection outliving its Pool still has somewhere to return to.
// Thread-safe.
class PoolCore : public std::enable_shared_from_this<PoolCore> {
 public:
  explicit PoolCore(Settings settings) : settings_(std::move(settings)) {}

  Result<Connection> Acquire(std::chrono::milliseconds timeout);
  // Takes a connection back: reused if healthy, closed (and counted as discarded) if broken.
  void Return(std::unique_ptr<NativeConnection> native) noexcept;
  void Stop();
  bool stopped() const;
  PoolStats Stats() const;
  const Settings& settings() const noexcept { return settings_; }

 private:
  void Close(std::unique_ptr<NativeConnection> native, bool broken) noexcept;

  const Settings settings_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<NativeConnection>> idle_;  // LIFO: the most recently used is warmest
  std::size_t open_ = 0;
  std::size_t waiting_ = 0;
  std::uint64_t created_ = 0;
  std::uint64_t discarded_ = 0;
  bool stopped_ = false;
};

}  // namespace eda::redis::detail
