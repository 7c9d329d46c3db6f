#include "eda/events/retry_policy.hpp"

#include <gtest/gtest.h>

namespace eda::events {
namespace {

using std::chrono::milliseconds;

// With random 0.5 the jitter factor is exactly 1: delays are the plain exponential ones.
RetryPolicy NoJitterPolicy(RetrySettings s = {}) {
  return RetryPolicy(s, [] { return 0.5; });
}

TEST(RetryPolicy, DecisionTableWithDefaults) {
  RetryPolicy p = NoJitterPolicy();
  struct Row {
    int failed;
    bool retryable;
    RetryDecision expected;
  };
  const Row table[] = {
      {1, true, {RetryAction::kRetryInPlace, milliseconds(50)}},
      {2, true, {RetryAction::kRetryInPlace, milliseconds(100)}},
      {3, true, {RetryAction::kRetryLater, milliseconds(1000)}},
      {4, true, {RetryAction::kRetryLater, milliseconds(2000)}},
      {5, true, {RetryAction::kRetryLater, milliseconds(4000)}},
      {6, true, {RetryAction::kDeadLetter, milliseconds(0)}},
      {60, true, {RetryAction::kDeadLetter, milliseconds(0)}},
      {1, false, {RetryAction::kDeadLetter, milliseconds(0)}},
      {4, false, {RetryAction::kDeadLetter, milliseconds(0)}},
      {0, true, {RetryAction::kRetryInPlace, milliseconds(50)}},  // clamped to 1
  };
  for (const Row& r : table) EXPECT_EQ(p.Decide(r.failed, r.retryable), r.expected) << "failed=" << r.failed;
}

TEST(RetryPolicy, DelaysAreCapped) {
  RetrySettings s;
  s.in_place_attempts = 10;
  s.max_attempts = 100;
  s.in_place_max = milliseconds(300);
  s.delayed_max = milliseconds(5000);
  RetryPolicy p = NoJitterPolicy(s);
  EXPECT_EQ(p.Decide(9, true).delay, milliseconds(300));
  EXPECT_EQ(p.Decide(99, true).delay, milliseconds(5000));
  EXPECT_EQ(p.Decide(99, true).action, RetryAction::kRetryLater);
}

TEST(RetryPolicy, JitterStaysWithinBounds) {
  RetrySettings s;  // jitter 0.2
  RetryPolicy low(s, [] { return 0.0; });
  RetryPolicy high(s, [] { return 0.999999; });
  EXPECT_EQ(low.Decide(3, true).delay, milliseconds(800));
  EXPECT_NEAR(static_cast<double>(high.Decide(3, true).delay.count()), 1200.0, 1.0);
  RetryPolicy real(s);
  for (int i = 0; i < 1000; ++i) {
    auto d = real.Decide(4, true).delay;
    EXPECT_GE(d, milliseconds(1600));
    EXPECT_LE(d, milliseconds(2400));
  }
}

TEST(RetryPolicy, SettingsAreClamped) {
  RetrySettings s;
  s.in_place_attempts = 0;
  s.max_attempts = -3;
  s.jitter = 7;
  RetryPolicy p(s);
  EXPECT_EQ(p.settings().in_place_attempts, 1);
  EXPECT_EQ(p.settings().max_attempts, 1);
  EXPECT_EQ(p.settings().jitter, 1.0);
  EXPECT_EQ(p.Decide(1, true).action, RetryAction::kDeadLetter);
}

TEST(RetryPolicy, OnlyInPlace) {
  RetrySettings s;
  s.in_place_attempts = 3;
  s.max_attempts = 3;
  RetryPolicy p = NoJitterPolicy(s);
  EXPECT_EQ(p.Decide(2, true).action, RetryAction::kRetryInPlace);
  EXPECT_EQ(p.Decide(3, true).action, RetryAction::kDeadLetter);
}

}  // namespace
}  // namespace eda::events
