#include "member/api/error_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace eda::member {
namespace {

// The whole table, spelled out: a change of any status or code is a wire change and must show up
// here as a deliberate edit.
const std::map<MemberErrc, std::pair<int, std::string>> kExpected = {
    {MemberErrc::kInvalidRequest, {400, "validation_failed"}},
    {MemberErrc::kDuplicateLoginId, {409, "duplicate_login_id"}},
    {MemberErrc::kInvalidCredentials, {401, "invalid_credentials"}},
    {MemberErrc::kUnauthenticated, {401, "unauthorized"}},
    {MemberErrc::kForbidden, {403, "forbidden"}},
    {MemberErrc::kMemberNotFound, {404, "member_not_found"}},
    {MemberErrc::kTooManyAttempts, {429, "too_many_attempts"}},
    {MemberErrc::kInvalidRefreshToken, {401, "invalid_refresh_token"}},
    {MemberErrc::kRefreshTokenReused, {401, "refresh_token_reused"}},
    {MemberErrc::kUnavailable, {503, "service_unavailable"}},
    {MemberErrc::kInternal, {500, "internal_error"}},
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
    EXPECT_EQ(m.type, "urn:eda:problem:" + std::string(m.code));
    EXPECT_TRUE(std::all_of(m.code.begin(), m.code.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }))
        << "codes are snake_case: " << m.code;
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
