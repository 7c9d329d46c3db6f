#include "eda/events/retry_policy.hpp"

#include <algorithm>
#include <random>

namespace eda::events {
namespace {

double DefaultRandom01() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

RetryPolicy::RetryPolicy(RetrySettings settings, std::function<double()> random01)
    : settings_(settings), random01_(random01 ? std::move(random01) : std::function<double()>(DefaultRandom01)) {
  settings_.in_place_attempts = std::max(1, settings_.in_place_attempts);
  settings_.max_attempts = std::max(settings_.in_place_attempts, settings_.max_attempts);
  settings_.jitter = std::clamp(settings_.jitter, 0.0, 1.0);
}

std::chrono::milliseconds RetryPolicy::Jittered(std::chrono::milliseconds base, int exponent,
                                                std::chrono::milliseconds cap) const {
  // Doubling stops at the cap, so large attempt counts cannot overflow.
  double delay = static_cast<double>(base.count());
  for (int i = 0; i < exponent && delay < static_cast<double>(cap.count()); ++i) delay *= 2;
  delay = std::min(delay, static_cast<double>(cap.count()));
  double factor = 1.0 - settings_.jitter + 2.0 * settings_.jitter * std::clamp(random01_(), 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(delay * factor));
}

RetryDecision RetryPolicy::Decide(int failed_attempts, bool retryable) const {
  failed_attempts = std::max(1, failed_attempts);
  if (!retryable || failed_attempts >= settings_.max_attempts) return {RetryAction::kDeadLetter, {}};
  if (failed_attempts < settings_.in_place_attempts)
    return {RetryAction::kRetryInPlace, Jittered(settings_.in_place_base, failed_attempts - 1, settings_.in_place_max)};
  return {RetryAction::kRetryLater,
          Jittered(settings_.delayed_base, failed_attempts - settings_.in_place_attempts, settings_.delayed_max)};
}

}  // namespace eda::events
