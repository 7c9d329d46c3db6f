#include "member/domain/throttle_policy.hpp"

#include <algorithm>

namespace eda::member {
namespace {

std::optional<std::chrono::seconds> CounterLock(const FailureCounter& counter, std::int64_t limit,
                                                const ThrottlePolicy& policy) {
  if (limit <= 0 || counter.failures < limit) return std::nullopt;
  const auto remaining = counter.ttl > std::chrono::seconds{0} ? counter.ttl : policy.lockout;
  return std::max(remaining, std::chrono::seconds{1});
}

}  // namespace

std::optional<std::chrono::seconds> LockedFor(const FailureCounter& login, const FailureCounter& address,
                                              const ThrottlePolicy& policy) {
  const auto by_login = CounterLock(login, policy.max_failures_per_login, policy);
  const auto by_address = CounterLock(address, policy.max_failures_per_address, policy);
  if (by_login && by_address) return std::max(*by_login, *by_address);
  return by_login ? by_login : by_address;
}

std::optional<std::chrono::seconds> ExpiryAfterFailure(std::int64_t failures_after_increment, std::int64_t limit,
                                                       const ThrottlePolicy& policy) {
  if (limit > 0 && failures_after_increment == limit) return policy.lockout;
  if (failures_after_increment == 1) return policy.window;
  return std::nullopt;
}

}  // namespace eda::member
