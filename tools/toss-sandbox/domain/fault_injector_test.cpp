#include "toss-sandbox/domain/fault_injector.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace eda::toss_sandbox {
namespace {

std::vector<FaultKind> Draw(FaultInjector& f, int n) {
  std::vector<FaultKind> out;
  for (int i = 0; i < n; ++i) out.push_back(f.Decide().kind);
  return out;
}

TEST(FaultInjectorTest, OffByDefault) {
  FaultInjector f(FaultSettings{});
  for (FaultKind k : Draw(f, 1000)) EXPECT_EQ(k, FaultKind::kNone);
}

TEST(FaultInjectorTest, SameSeedSameSequenceAndRatesRoughlyHold) {
  FaultSettings s;
  s.error_5xx_rate = 0.2;
  s.processed_5xx_rate = 0.1;
  s.timeout_rate = 0.1;
  s.seed = 7;
  FaultInjector a(s), b(s);
  const auto seq = Draw(a, 2000);
  EXPECT_EQ(seq, Draw(b, 2000));
  int before = 0, after = 0, timeout = 0;
  for (FaultKind k : seq) {
    before += k == FaultKind::kFailBeforeProcessing;
    after += k == FaultKind::kFailAfterProcessing;
    timeout += k == FaultKind::kTimeoutAfterProcessing;
  }
  EXPECT_NEAR(before, 400, 80);
  EXPECT_NEAR(after, 200, 60);
  EXPECT_NEAR(timeout, 200, 60);
  a.Update(s);  // re-seeding restarts the sequence
  EXPECT_EQ(Draw(a, 2000), seq);
}

TEST(FaultInjectorTest, RateOneAlwaysFaultsAndCarriesLatencyAndHang) {
  FaultSettings s;
  s.timeout_rate = 1.0;
  s.latency = std::chrono::milliseconds(25);
  s.hang = std::chrono::milliseconds(500);
  FaultInjector f(s);
  const FaultDecision d = f.Decide();
  EXPECT_EQ(d.kind, FaultKind::kTimeoutAfterProcessing);
  EXPECT_EQ(d.latency.count(), 25);
  EXPECT_EQ(d.hang.count(), 500);
}

}  // namespace
}  // namespace eda::toss_sandbox
