#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace eda::member {

// Login throttling, as pure arithmetic over failure counters; the store keeps the counters (Redis
// INCR + EXPIRE, one per loginId and one per client address) and this decides what they mean.
//
// Model: a counter counts failed logins. The first failure starts a window (the counter expires
// after `window`); the failure that reaches the limit re-arms the expiry to `lockout`, and while
// the counter is at or over its limit every attempt — even with the right password — is refused
// with Retry-After = the counter's remaining lifetime. A successful login clears the loginId
// counter (not the address one: one address guessing many accounts stays throttled).
struct ThrottlePolicy {
  // Failed logins for one loginId before it is locked (0 or less: never locked by loginId).
  std::int64_t max_failures_per_login = 5;
  // Failed logins from one client address (any loginId) before the address is locked (0 or less: never).
  std::int64_t max_failures_per_address = 20;
  // How long failures are remembered when the limit is not reached.
  std::chrono::seconds window{15 * 60};
  // How long a loginId or address stays locked once its limit is reached.
  std::chrono::seconds lockout{15 * 60};
};

// One counter as read from the store. `ttl` is its remaining lifetime; zero or negative when the
// store reported none (missing key, or no expiry).
struct FailureCounter {
  std::int64_t failures = 0;
  std::chrono::seconds ttl{0};
};

// The Retry-After to answer with before even checking the password, or nullopt when the attempt
// may proceed. When both counters are locked, the longer wait wins. Never less than 1 second; a
// locked counter without a lifetime (should not happen) counts as a full lockout.
std::optional<std::chrono::seconds> LockedFor(const FailureCounter& login, const FailureCounter& address,
                                              const ThrottlePolicy& policy);

// After a failed login raised a counter to `failures_after_increment` (limit `limit`): the expiry to
// set on that counter, or nullopt to leave it as it is. First failure → window; reaching the
// limit → lockout (a limit of 1 locks at once); anything else → unchanged.
std::optional<std::chrono::seconds> ExpiryAfterFailure(std::int64_t failures_after_increment, std::int64_t limit,
                                                       const ThrottlePolicy& policy);

}  // namespace eda::member
