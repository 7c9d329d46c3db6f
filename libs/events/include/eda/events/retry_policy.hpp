#pragma once

#include <chrono>
#include <functional>

namespace eda::events {

// How a consumer retries a failing handler. Defaults: 3 quick attempts in place (the first delivery
// included, 50 ms then 100 ms apart), then re-queued through `<topic>.retry.<group>` with 1 s, 2 s, 4 s... (capped
// at 60 s) until 6 attempts in all failed, then `<topic>.DLQ`. Every delay gets +-`jitter` (fraction).
struct RetrySettings {
  int in_place_attempts = 3;                          // attempts made in place before re-queueing; >= 1
  std::chrono::milliseconds in_place_base{50};        // delay after the first failed in-place attempt
  std::chrono::milliseconds in_place_max{500};        // cap of in-place delays (keeps the partition moving)
  int max_attempts = 6;                               // total attempts before dead-lettering; >= in_place_attempts
  std::chrono::milliseconds delayed_base{1000};       // delay of the first re-queue
  std::chrono::milliseconds delayed_max{60'000};      // cap of re-queue delays
  double jitter = 0.2;                                // each delay is scaled by a random factor in [1-j, 1+j]
};

enum class RetryAction {
  kRetryInPlace,  // sleep `delay`, call the handler again on the same thread (partition waits briefly)
  kRetryLater,    // publish to `<topic>.retry.<group>` with not-before = now + `delay`, commit, move on
  kDeadLetter,    // publish to `<topic>.DLQ`, commit, move on
};

struct RetryDecision {
  RetryAction action = RetryAction::kDeadLetter;
  std::chrono::milliseconds delay{0};
  friend bool operator==(const RetryDecision&, const RetryDecision&) = default;
};

// The retry decision table (pure apart from the injected random source). Thread-safe if `random01` is.
class RetryPolicy {
 public:
  // `random01` returns a value in [0, 1); by default a thread-local PRNG. Settings are clamped to sane
  // values (attempt counts >= 1, jitter in [0, 1]).
  explicit RetryPolicy(RetrySettings settings = {}, std::function<double()> random01 = {});

  // `failed_attempts`: how many attempts of this message have failed so far, the current one included
  // (>= 1). `retryable`: false for errors that cannot heal (bad payload, business rejection) -> DLQ now.
  RetryDecision Decide(int failed_attempts, bool retryable) const;

  const RetrySettings& settings() const { return settings_; }

 private:
  std::chrono::milliseconds Jittered(std::chrono::milliseconds base, int exponent,
                                     std::chrono::milliseconds cap) const;
  RetrySettings settings_;
  std::function<double()> random01_;
};

}  // namespace eda::events
