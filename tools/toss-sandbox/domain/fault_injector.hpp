#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace eda::toss_sandbox {

// Faults the sandbox adds to /v1 calls, for testing clients. Rates are probabilities in [0, 1] and
// are drawn in that order from one sequence seeded with `seed`, so a run with the same seed and the
// same request order sees the same faults.
struct FaultSettings {
  std::chrono::milliseconds latency{0};  // added before every /v1 answer
  double error_5xx_rate = 0;             // answered 500 FAILED_INTERNAL_SYSTEM_PROCESSING, nothing done
  double processed_5xx_rate = 0;         // the work IS done (and stored for the Idempotency-Key), answered 500
  double timeout_rate = 0;               // the work IS done, then the answer is held for `hang` (client times out)
  std::chrono::milliseconds hang{std::chrono::seconds(70)};  // longer than a 60 s client read timeout
  std::uint64_t seed = 1;
};

enum class FaultKind {
  kNone,
  kFailBeforeProcessing,   // 500, no state change
  kFailAfterProcessing,    // state changed, 500 answered
  kTimeoutAfterProcessing  // state changed, answer held back for `hang`, then 500
};

struct FaultDecision {
  std::chrono::milliseconds latency{0};
  FaultKind kind = FaultKind::kNone;
  std::chrono::milliseconds hang{0};  // kTimeoutAfterProcessing only
};

// Draws a FaultDecision per request. Settings can be replaced at run time (the admin route);
// replacing them restarts the random sequence from the new seed. Thread-safe.
class FaultInjector {
 public:
  explicit FaultInjector(FaultSettings settings);

  FaultDecision Decide();
  FaultSettings settings() const;
  void Update(const FaultSettings& settings);

 private:
  double NextUnitLocked();

  mutable std::mutex mu_;
  FaultSettings settings_;
  std::mt19937_64 rng_;
};

}  // namespace eda::toss_sandbox
