#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "eda/core/result.hpp"
#include "member/domain/throttle_policy.hpp"

namespace eda::member {

// Failure counters for login throttling (store/ on Redis; faked in tests). The meaning of the
// counts is throttle_policy's business; this only keeps them. Blocking, thread-safe; failures are
// eda::Error values.
class LoginThrottleStore {
 public:
  enum class Scope { kLoginId, kAddress };

  virtual ~LoginThrottleStore() = default;

  // Current count and remaining lifetime ({0, 0s} when there is none).
  virtual Result<FailureCounter> Get(Scope scope, const std::string& subject) = 0;
  // Adds one failure and returns the new count.
  virtual Result<std::int64_t> Increment(Scope scope, const std::string& subject) = 0;
  virtual Status Expire(Scope scope, const std::string& subject, std::chrono::seconds ttl) = 0;
  virtual Status Reset(Scope scope, const std::string& subject) = 0;
};

}  // namespace eda::member
