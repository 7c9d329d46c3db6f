#include "member/api/error_table.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace eda::member {
namespace {

// The whole table, spelled out: a change of any status or code is a wire change and must show up
// here as a deliberate edit.
const std::map<MemberErrc, std::pair<int, std::string>> kExpected = {
    {MemberErrc::kInvalidRequest, {400, "member.invalid_request"}},
    {MemberErrc::kDuplicateLoginId, {409, "member.duplicate_login_id"}},
    {MemberErrc::kInvalidCredentials, {401, "member.invalid_credentials"}},
    {MemberErrc::kUnauthenticated, {401, "member.unauthenticated"}},
    {MemberErrc::kForbidden, {403, "member.forbidden"}},
    {MemberErrc::kMemberNotFound, {404, "member.not_found"}},
    {MemberErrc::kTooManyAttempts, {429, "member.too_many_attempts"}},
    {MemberErrc::kInvalidRefreshToken, {401, "member.invalid_refresh_token"}},
    {MemberErrc::kRefreshTokenReused, {401, "member.refresh_token_reused"}},
    {MemberErrc::kUnavailable, {503, "member.unavailable"}},
    {MemberErrc::kInternal, {500, "member.internal"}},
};

TEST(ErrorTable, EveryDomainErrorHasItsExpectedEntry) {
  ASSERT_EQ(kExpected.size(), kAllMemberErrcs.size()) << "a MemberErrc was added: extend the table and this test";
  for (MemberErrc errc : kAllMemberErrcs) {
    const auto it = kExpected.find(errc);
    ASSERT_NE(it, kExpected.end()) << static_cast<int>(errc);
    const ErrorMapping& m = MapError(errc);
    EXPECT_EQ(m.status, it->second.first) << m.code;
    EXPECT_EQ(m.code, it->second.second);
  }
}

TEST(ErrorTable, CodesAndTypesAreUniqueAndWellFormed) {
  std::set<std::string_view> codes;
  std::set<std::string_view> types;
  for (MemberErrc errc : kAllMemberErrcs) {
    const ErrorMapping& m = MapError(errc);
    EXPECT_TRUE(codes.insert(m.code).second) << "duplicate code " << m.code;
    EXPECT_TRUE(types.insert(m.type).second) << "duplicate type " << m.type;
    EXPECT_EQ(m.code.substr(0, 7), "member.");
    EXPECT_EQ(m.type.substr(0, 23), "urn:eda:problem:member:");
    EXPECT_FALSE(m.title.empty());
    EXPECT_GE(m.status, 400);
    EXPECT_LT(m.status, 600);
  }
}

TEST(ErrorTable, CredentialFailuresLookAlikeToClients) {
  // Unknown login and wrong password are the same MemberErrc; the token failures share 401 with it.
  EXPECT_EQ(MapError(MemberErrc::kInvalidCredentials).status, 401);
  EXPECT_EQ(MapError(MemberErrc::kUnauthenticated).status, 401);
}

}  // namespace
}  // namespace eda::member
