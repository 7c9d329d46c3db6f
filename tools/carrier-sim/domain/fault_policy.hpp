#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace eda::carrier_sim {

// Injected faults of the simulated carrier API: every carrier request first waits `latency`, then
// fails with 503 with probability `error_percent`/100.
struct Faults {
  int error_percent = 0;                  // 0..100
  std::chrono::milliseconds latency{0};   // 0..60 s
};

// Holds the current faults and draws the fail/pass decision. Thread-safe.
class FaultPolicy {
 public:
  explicit FaultPolicy(Faults initial = {}, std::uint64_t seed = std::random_device{}());

  Faults Get() const;
  // false when a value is out of range (nothing changed).
  bool Set(Faults faults);
  // One draw: true means "answer this request with a 5xx".
  bool ShouldFail();

 private:
  mutable std::mutex mu_;
  Faults faults_;
  std::mt19937_64 rng_;
};

}  // namespace eda::carrier_sim
