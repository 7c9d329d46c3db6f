#pragma once

#include <chrono>
#include <functional>

namespace eda::auth {

// Source of "now" for token issue and verification. Injected so tests can move time; must be
// callable concurrently from any thread when the issuer/verifier is shared.
using Clock = std::function<std::chrono::system_clock::time_point()>;

// The real wall clock.
inline Clock SystemClock() {
  return [] { return std::chrono::system_clock::now(); };
}

}  // namespace eda::auth
