#include "member/domain/refresh_token_family.hpp"

#include <gtest/gtest.h>

namespace eda::member {
namespace {

using std::chrono::seconds;

const Clock::time_point kT0 = Clock::time_point{} + std::chrono::hours{24 * 365 * 50};

RefreshTokenRecord Fresh() { return StartFamily(MemberId{7}, "t1", "f1", kT0, seconds{3600}); }

TEST(RefreshFamily, StartFamilyIsActiveRootWithExpiry) {
  const auto t = Fresh();
  EXPECT_EQ(t.id, "t1");
  EXPECT_EQ(t.family_id, "f1");
  EXPECT_EQ(t.parent_id, std::nullopt);
  EXPECT_EQ(t.member_id, MemberId{7});
  EXPECT_EQ(t.state, RefreshTokenState::kActive);
  EXPECT_EQ(t.expires_at, kT0 + seconds{3600});
}

TEST(RefreshFamily, ActiveUnexpiredRotates) {
  EXPECT_EQ(DecideRefresh(Fresh(), kT0 + seconds{10}), RefreshDecision::kRotate);
}

TEST(RefreshFamily, ExpiryIsExclusive) {
  EXPECT_EQ(DecideRefresh(Fresh(), kT0 + seconds{3599}), RefreshDecision::kRotate);
  EXPECT_EQ(DecideRefresh(Fresh(), kT0 + seconds{3600}), RefreshDecision::kRejectExpired);
}

TEST(RefreshFamily, UnknownIsRejected) {
  EXPECT_EQ(DecideRefresh(std::nullopt, kT0), RefreshDecision::kRejectUnknown);
}

TEST(RefreshFamily, ReuseOfRotatedRevokesFamilyEvenAfterExpiry) {
  auto t = Fresh();
  t.state = RefreshTokenState::kRotated;
  EXPECT_EQ(DecideRefresh(t, kT0 + seconds{1}), RefreshDecision::kRevokeFamily);
  EXPECT_EQ(DecideRefresh(t, kT0 + seconds{999999}), RefreshDecision::kRevokeFamily);
}

TEST(RefreshFamily, RevokedIsRejected) {
  auto t = Fresh();
  t.state = RefreshTokenState::kRevoked;
  EXPECT_EQ(DecideRefresh(t, kT0 + seconds{1}), RefreshDecision::kRejectRevoked);
}

TEST(RefreshFamily, ChildKeepsFamilyAndPointsToParent) {
  const auto parent = Fresh();
  const auto child = NextInFamily(parent, "t2", kT0 + seconds{100}, seconds{3600});
  EXPECT_EQ(child.id, "t2");
  EXPECT_EQ(child.family_id, "f1");
  EXPECT_EQ(child.parent_id, "t1");
  EXPECT_EQ(child.member_id, parent.member_id);
  EXPECT_EQ(child.state, RefreshTokenState::kActive);
  EXPECT_EQ(child.expires_at, kT0 + seconds{3700});
}

TEST(RefreshFamily, ErrorsForEachRefusal) {
  EXPECT_EQ(RefreshError(RefreshDecision::kRejectUnknown).code, MemberErrc::kInvalidRefreshToken);
  EXPECT_EQ(RefreshError(RefreshDecision::kRejectExpired).code, MemberErrc::kInvalidRefreshToken);
  EXPECT_EQ(RefreshError(RefreshDecision::kRejectRevoked).code, MemberErrc::kInvalidRefreshToken);
  EXPECT_EQ(RefreshError(RefreshDecision::kRevokeFamily).code, MemberErrc::kRefreshTokenReused);
  EXPECT_EQ(RefreshError(RefreshDecision::kRotate).code, MemberErrc::kInternal);
  // Unknown, expired and revoked are told apart only in logs, not to the caller.
  EXPECT_EQ(RefreshError(RefreshDecision::kRejectUnknown).detail, RefreshError(RefreshDecision::kRejectRevoked).detail);
}

}  // namespace
}  // namespace eda::member
