#include "member/domain/access_policy.hpp"

#include <gtest/gtest.h>

namespace eda::member {
namespace {

const MemberId kAlice{1};
const MemberId kBob{2};
const Member kAliceRow{kAlice, "alice", "Alice", Role::kBuyer};

TEST(AuthorizeModify, AnonymousIsUnauthenticated) {
  const auto r = AuthorizeModify(Caller::Anonymous(), kAlice);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, MemberErrc::kUnauthenticated);
}

TEST(AuthorizeModify, SelfAllowedOthersForbiddenAdminAllowed) {
  EXPECT_TRUE(AuthorizeModify(Caller::Authenticated(kAlice, Role::kBuyer), kAlice).ok());
  EXPECT_TRUE(AuthorizeModify(Caller::Authenticated(kAlice, Role::kSeller), kAlice).ok());
  const auto other = AuthorizeModify(Caller::Authenticated(kBob, Role::kSeller), kAlice);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, MemberErrc::kForbidden);
  EXPECT_TRUE(AuthorizeModify(Caller::Authenticated(kBob, Role::kAdmin), kAlice).ok());
}

TEST(AuthorizeRead, AnonymousGetsUnauthenticatedWhetherOrNotTheMemberExists) {
  EXPECT_EQ(AuthorizeRead(Caller::Anonymous(), kAliceRow).error().code, MemberErrc::kUnauthenticated);
  EXPECT_EQ(AuthorizeRead(Caller::Anonymous(), std::nullopt).error().code, MemberErrc::kUnauthenticated);
}

TEST(AuthorizeRead, SelfSeesOwnRow) {
  const auto r = AuthorizeRead(Caller::Authenticated(kAlice, Role::kBuyer), kAliceRow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, kAliceRow);
}

TEST(AuthorizeRead, OtherMemberCannotTellExistingFromMissing) {
  const auto bob = Caller::Authenticated(kBob, Role::kBuyer);
  const auto existing = AuthorizeRead(bob, kAliceRow);
  const auto missing = AuthorizeRead(bob, std::nullopt);
  ASSERT_FALSE(existing.ok());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(existing.error().code, MemberErrc::kForbidden);
  EXPECT_EQ(missing.error().code, MemberErrc::kForbidden);
  EXPECT_EQ(existing.error().detail, missing.error().detail);
}

TEST(AuthorizeRead, AdminSeesAnyoneAndLearnsMissing) {
  const auto admin = Caller::Authenticated(kBob, Role::kAdmin);
  ASSERT_TRUE(AuthorizeRead(admin, kAliceRow).ok());
  EXPECT_EQ(AuthorizeRead(admin, std::nullopt).error().code, MemberErrc::kMemberNotFound);
}

TEST(DecideRegistrationRole, DefaultsToBuyerAndAllowsSeller) {
  EXPECT_EQ(*DecideRegistrationRole(std::nullopt, Caller::Anonymous(), "alice", ""), Role::kBuyer);
  EXPECT_EQ(*DecideRegistrationRole(Role::kBuyer, Caller::Anonymous(), "alice", ""), Role::kBuyer);
  EXPECT_EQ(*DecideRegistrationRole(Role::kSeller, Caller::Anonymous(), "alice", ""), Role::kSeller);
}

TEST(DecideRegistrationRole, AdminOnlyFromAdminCaller) {
  EXPECT_EQ(DecideRegistrationRole(Role::kAdmin, Caller::Anonymous(), "alice", "").error().code,
            MemberErrc::kForbidden);
  EXPECT_EQ(DecideRegistrationRole(Role::kAdmin, Caller::Authenticated(kBob, Role::kSeller), "alice", "")
                .error()
                .code,
            MemberErrc::kForbidden);
  EXPECT_EQ(*DecideRegistrationRole(Role::kAdmin, Caller::Authenticated(kBob, Role::kAdmin), "alice", ""),
            Role::kAdmin);
}

TEST(DecideRegistrationRole, BootstrapLoginIdBecomesAdminOthersDoNot) {
  EXPECT_EQ(*DecideRegistrationRole(std::nullopt, Caller::Anonymous(), "root", "root"), Role::kAdmin);
  EXPECT_EQ(*DecideRegistrationRole(Role::kSeller, Caller::Anonymous(), "root", "root"), Role::kAdmin);
  EXPECT_EQ(*DecideRegistrationRole(std::nullopt, Caller::Anonymous(), "rooty", "root"), Role::kBuyer);
  EXPECT_EQ(DecideRegistrationRole(Role::kAdmin, Caller::Anonymous(), "rooty", "root").error().code,
            MemberErrc::kForbidden);
  EXPECT_EQ(DecideRegistrationRole(Role::kAdmin, Caller::Anonymous(), "", "").error().code, MemberErrc::kForbidden);
}

TEST(Role, WireNamesRoundTrip) {
  for (Role r : {Role::kBuyer, Role::kSeller, Role::kAdmin}) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_EQ(ParseRole("admin"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
}

}  // namespace
}  // namespace eda::member
