#pragma once

#include <chrono>
#include <string>

#include "member/domain/login_throttle_store.hpp"

namespace eda::redis {
class Pool;
}

namespace eda::member {

// LoginThrottleStore on Redis: one counter per (scope, subject) at
// "<prefix>login:<loginId>" / "<prefix>addr:<address>". Increments create the key with the window
// as expiry atomically (so a crash can never leave a counter without expiry that locks forever).
// Blocking; thread-safe. `pool` must outlive the store.
class RedisLoginThrottleStore : public LoginThrottleStore {
 public:
  // `key_prefix`: e.g. "eda:member:throttle:" (tests use a unique one). `window`: the expiry a new
  // counter gets.
  RedisLoginThrottleStore(redis::Pool& pool, std::string key_prefix, std::chrono::seconds window);

  Result<FailureCounter> Get(Scope scope, const std::string& subject) override;
  Result<std::int64_t> Increment(Scope scope, const std::string& subject) override;
  Status Expire(Scope scope, const std::string& subject, std::chrono::seconds ttl) override;
  Status Reset(Scope scope, const std::string& subject) override;

  std::string Key(Scope scope, const std::string& subject) const;

 private:
  redis::Pool& pool_;
  std::string prefix_;
  std::chrono::seconds window_;
};

}  // namespace eda::member
