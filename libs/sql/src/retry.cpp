#include "eda/sql/retry.hpp"

#include <algorithm>
#include <random>
#include <thread>

namespace eda::sql::detail {

void SleepBeforeRetry(const RetryPolicy& policy, int attempt) {
  using std::chrono::milliseconds;
  const int shift = std::clamp(attempt - 1, 0, 20);
  const auto base = std::min<long long>(policy.initial_backoff.count() << shift, policy.max_backoff.count());
  if (base <= 0) return;
  // Jitter spreads out transactions that deadlocked with each other so they do not collide again.
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<long long> jitter(base / 2, base + base / 2);
  std::this_thread::sleep_for(milliseconds(jitter(rng)));
}

}  // namespace eda::sql::detail
