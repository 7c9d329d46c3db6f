#include "carrier-sim/domain/fault_policy.hpp"

namespace eda::carrier_sim {

FaultPolicy::FaultPolicy(Faults initial, std::uint64_t seed) : rng_(seed) {
  if (!Set(initial)) faults_ = {};
}

Faults FaultPolicy::Get() const {
  std::lock_guard lock(mu_);
  return faults_;
}

bool FaultPolicy::Set(Faults faults) {
  if (faults.error_percent < 0 || faults.error_percent > 100) return false;
  if (faults.latency.count() < 0 || faults.latency > std::chrono::seconds{60}) return false;
  std::lock_guard lock(mu_);
  faults_ = faults;
  return true;
}

bool FaultPolicy::ShouldFail() {
  std::lock_guard lock(mu_);
  if (faults_.error_percent <= 0) return false;
  if (faults_.error_percent >= 100) return true;
  return std::uniform_int_distribution<int>(0, 99)(rng_) < faults_.error_percent;
}

}  // namespace eda::carrier_sim
