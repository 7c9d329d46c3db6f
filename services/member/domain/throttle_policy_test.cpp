#include "member/domain/throttle_policy.hpp"

#include <gtest/gtest.h>

namespace eda::member {
namespace {

using std::chrono::seconds;

ThrottlePolicy Policy() { return ThrottlePolicy{3, 10, seconds{600}, seconds{900}}; }

TEST(LockedFor, BelowBothLimitsProceeds) {
  EXPECT_EQ(LockedFor({0, seconds{0}}, {0, seconds{0}}, Policy()), std::nullopt);
  EXPECT_EQ(LockedFor({2, seconds{100}}, {9, seconds{100}}, Policy()), std::nullopt);
}

TEST(LockedFor, LoginLimitReachedLocksForRemainingTtl) {
  EXPECT_EQ(LockedFor({3, seconds{850}}, {3, seconds{850}}, Policy()), seconds{850});
  EXPECT_EQ(LockedFor({7, seconds{12}}, {0, seconds{0}}, Policy()), seconds{12});
}

TEST(LockedFor, AddressLimitLocksEveryLoginId) {
  EXPECT_EQ(LockedFor({0, seconds{0}}, {10, seconds{300}}, Policy()), seconds{300});
}

TEST(LockedFor, LongerOfTwoLocksWins) {
  EXPECT_EQ(LockedFor({3, seconds{100}}, {10, seconds{700}}, Policy()), seconds{700});
  EXPECT_EQ(LockedFor({3, seconds{800}}, {10, seconds{700}}, Policy()), seconds{800});
}

TEST(LockedFor, MissingTtlMeansFullLockoutAndNeverBelowOneSecond) {
  EXPECT_EQ(LockedFor({3, seconds{-1}}, {0, seconds{0}}, Policy()), seconds{900});
  ThrottlePolicy tiny = Policy();
  tiny.lockout = seconds{0};
  EXPECT_EQ(LockedFor({3, seconds{0}}, {0, seconds{0}}, tiny), seconds{1});
}

TEST(LockedFor, NonPositiveLimitDisablesThatCounter) {
  ThrottlePolicy p = Policy();
  p.max_failures_per_login = 0;
  EXPECT_EQ(LockedFor({1000, seconds{10}}, {0, seconds{0}}, p), std::nullopt);
}

TEST(ExpiryAfterFailure, FirstFailureOpensWindowLimitArmsLockout) {
  const auto p = Policy();
  EXPECT_EQ(ExpiryAfterFailure(1, 3, p), seconds{600});
  EXPECT_EQ(ExpiryAfterFailure(2, 3, p), std::nullopt);
  EXPECT_EQ(ExpiryAfterFailure(3, 3, p), seconds{900});
  EXPECT_EQ(ExpiryAfterFailure(4, 3, p), std::nullopt);  // keeps the running lockout, no extension
}

TEST(ExpiryAfterFailure, LimitOfOneLocksAtOnce) {
  EXPECT_EQ(ExpiryAfterFailure(1, 1, Policy()), seconds{900});
}

TEST(Throttle, SequenceOfFailuresLeadsToLockThenExpiryFrees) {
  // Simulates the store: failures 1..3 on one login id, then the check before attempt 4.
  const auto p = Policy();
  FailureCounter login;
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(LockedFor(login, {}, p), std::nullopt) << "attempt " << i + 1;
    ++login.failures;
    if (auto ttl = ExpiryAfterFailure(login.failures, p.max_failures_per_login, p)) login.ttl = *ttl;
  }
  EXPECT_EQ(LockedFor(login, {}, p), seconds{900});
  login = FailureCounter{};  // the store's key expired
  EXPECT_EQ(LockedFor(login, {}, p), std::nullopt);
}

}  // namespace
}  // namespace eda::member
