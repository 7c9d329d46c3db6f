#include "eda/redis/pool.hpp"

#include <stdexcept>
#include <string>

#include "eda/redis/errors.hpp"
#include "pool_core.hpp"

namespace eda::redis {
namespace detail {
namespace {
bool PingNative(NativeConnection& native) {
  auto r = native.Command({"PING"});
  if (!r || r->is_error()) {
    native.MarkBroken();
    return false;
  }
  return true;
}
}  // namespace

Result<Connection> PoolCore::Acquire(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mu_);
  for (;;) {
    if (stopped_) return Error::Permanent(std::string(errc::kStopped), "redis pool is stopped");
    if (!idle_.empty()) {
      auto native = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      const auto now = std::chrono::steady_clock::now();
      if (now - native->last_used >= settings_.ping_after_idle && !PingNative(*native)) {
        // Died while idle (server restart, wait_timeout, KILL): replace it, transparently.
        Close(std::move(native), true);
        lock.lock();
        continue;
      }
      return Connection(shared_from_this(), std::move(native));
    }
    if (open_ < settings_.pool_size) {
      ++open_;
      lock.unlock();
      auto opened = NativeConnection::Open(settings_);
      if (!opened) {
        lock.lock();
        --open_;
        cv_.notify_one();
        return std::move(opened).error();
      }
      lock.lock();
      ++created_;
      lock.unlock();
      return Connection(shared_from_this(), std::move(opened).value());
    }
    ++waiting_;
    const bool woke = cv_.wait_until(lock, deadline, [&] {
      return stopped_ || !idle_.empty() || open_ < settings_.pool_size;
    });
    --waiting_;
    if (!woke)
      return Error::Transient(std::string(errc::kPoolTimeout),
                              "no redis connection free within " + std::to_string(timeout.count()) + " ms (pool_size " +
                                  std::to_string(settings_.pool_size) + ")");
  }
}

void PoolCore::Return(std::unique_ptr<NativeConnection> native) noexcept {
  if (!native) return;
  {
    std::lock_guard lock(mu_);
    if (!native->broken() && !stopped_) {
      native->last_used = std::chrono::steady_clock::now();
      idle_.push_back(std::move(native));
      cv_.notify_one();
      return;
    }
  }
  const bool broken = native->broken();
  Close(std::move(native), broken);
}

void PoolCore::Close(std::unique_ptr<NativeConnection> native, bool broken) noexcept {
  native.reset();  // redisFree outside the lock: it closes a socket
  std::lock_guard lock(mu_);
  --open_;
  if (broken) ++discarded_;
  cv_.notify_one();
}

void PoolCore::Stop() {
  std::vector<std::unique_ptr<NativeConnection>> idle;
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
    idle.swap(idle_);
    open_ -= idle.size();
    cv_.notify_all();
  }
  idle.clear();
}

bool PoolCore::stopped() const {
  std::lock_guard lock(mu_);
  return stopped_;
}

PoolStats PoolCore::Stats() const {
  std::lock_guard lock(mu_);
  return PoolStats{open_, idle_.size(), waiting_, created_, discarded_};
}

}  // namespace detail

Pool::Pool(Settings settings) {
  if (auto st = settings.Validate(); !st.ok()) throw std::invalid_argument(st.error().message);
  const auto threads = settings.pool_size;
  core_ = std::make_shared<detail::PoolCore>(std::move(settings));
  workers_ = std::make_unique<boost::asio::thread_pool>(threads);
}

Pool::~Pool() { Stop(); }

Result<Connection> Pool::Acquire() { return core_->Acquire(core_->settings().acquire_timeout); }
Result<Connection> Pool::Acquire(std::chrono::milliseconds timeout) { return core_->Acquire(timeout); }

Status Pool::Ping() {
  auto conn = Acquire();
  if (!conn) return std::move(conn).error();
  auto r = conn->Command("PING");
  if (!r) return std::move(r).error();
  return {};
}

PoolStats Pool::stats() const { return core_->Stats(); }
const Settings& Pool::settings() const noexcept { return core_->settings(); }
bool Pool::stopped() const { return core_->stopped(); }

void Pool::Stop() {
  core_->Stop();
  if (workers_) workers_->join();
}

}  // namespace eda::redis
