#include "toss-sandbox/domain/fault_injector.hpp"

namespace eda::toss_sandbox {

FaultInjector::FaultInjector(FaultSettings settings) : settings_(settings), rng_(settings.seed) {}

FaultDecision FaultInjector::Decide() {
  std::lock_guard lk(mu_);
  FaultDecision d;
  d.latency = settings_.latency;
  // One draw per request, split into bands, so the rates add up and the sequence is reproducible.
  const double u = NextUnitLocked();
  double edge = settings_.error_5xx_rate;
  if (u < edge) {
    d.kind = FaultKind::kFailBeforeProcessing;
    return d;
  }
  edge += settings_.processed_5xx_rate;
  if (u < edge) {
    d.kind = FaultKind::kFailAfterProcessing;
    return d;
  }
  edge += settings_.timeout_rate;
  if (u < edge) {
    d.kind = FaultKind::kTimeoutAfterProcessing;
    d.hang = settings_.hang;
  }
  return d;
}

FaultSettings FaultInjector::settings() const {
  std::lock_guard lk(mu_);
  return settings_;
}

void FaultInjector::Update(const FaultSettings& settings) {
  std::lock_guard lk(mu_);
  settings_ = settings;
  rng_.seed(settings.seed);
}

double FaultInjector::NextUnitLocked() {
  // 53 random bits → [0, 1): the same on every standard library (uniform_real_distribution is not).
  return static_cast<double>(rng_() >> 11) * 0x1.0p-53;
}

}  // namespace eda::toss_sandbox
