#include "member/store/redis_login_throttle_store.hpp"

#include <charconv>

#include "eda/redis/pool.hpp"

namespace eda::member {

RedisLoginThrottleStore::RedisLoginThrottleStore(redis::Pool& pool, std::string key_prefix,
                                                 std::chrono::seconds window)
    : pool_(pool), prefix_(std::move(key_prefix)), window_(window) {}

std::string RedisLoginThrottleStore::Key(Scope scope, const std::string& subject) const {
  return prefix_ + (scope == Scope::kLoginId ? "login:" : "addr:") + subject;
}

Result<FailureCounter> RedisLoginThrottleStore::Get(Scope scope, const std::string& subject) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  const std::string key = Key(scope, subject);
  auto value = conn->Get(key);
  if (!value) return std::move(value).error();
  if (!*value) return FailureCounter{};
  FailureCounter counter;
  const std::string& text = **value;
  if (std::from_chars(text.data(), text.data() + text.size(), counter.failures).ec != std::errc{}) {
    return Error::Permanent("member.throttle_counter", "throttle counter is not an integer");
  }
  auto ttl = conn->Pttl(key);
  if (!ttl) return std::move(ttl).error();
  if (*ttl) {
    // Round up: a lock with 300 ms left must still answer Retry-After: 1, not 0.
    counter.ttl = std::chrono::ceil<std::chrono::seconds>(**ttl);
  }
  return counter;
}

Result<std::int64_t> RedisLoginThrottleStore::Increment(Scope scope, const std::string& subject) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  return conn->IncrByWithExpiry(Key(scope, subject), 1, window_);
}

Status RedisLoginThrottleStore::Expire(Scope scope, const std::string& subject, std::chrono::seconds ttl) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto set = conn->Expire(Key(scope, subject), ttl);
  if (!set) return std::move(set).error();
  return {};
}

Status RedisLoginThrottleStore::Reset(Scope scope, const std::string& subject) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto removed = conn->Del(Key(scope, subject));
  if (!removed) return std::move(removed).error();
  return {};
}

}  // namespace eda::member
