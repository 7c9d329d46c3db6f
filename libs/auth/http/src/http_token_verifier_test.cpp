#include "eda/auth/http_token_verifier.hpp"

#include <gtest/gtest.h>

#include "eda/auth/testing/test_tokens.hpp"

namespace eda::auth {
namespace {

TEST(HttpTokenVerifier, GivesMemberIdAndRoles) {
  testing::TestTokens tokens;
  auto verify = MakeHttpTokenVerifier(tokens.verifier(), tokens.revocations());
  auto principal = verify(tokens.AccessToken(42, {Role::kSeller}));
  ASSERT_TRUE(principal.ok()) << principal.error();
  EXPECT_EQ(principal->member_id, 42);
  EXPECT_TRUE(principal->HasRole("SELLER"));
  EXPECT_FALSE(principal->HasRole("ADMIN"));
}

TEST(HttpTokenVerifier, RefusesBadTokensAndNonNumericSubjects) {
  testing::TestTokens tokens;
  auto verify = MakeHttpTokenVerifier(tokens.verifier(), tokens.revocations());
  EXPECT_FALSE(verify("not.a.token").ok());
  const Role roles[] = {Role::kBuyer};
  auto odd = verify(tokens.issuer().Issue("alice", roles).token);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().code, "auth.malformed");
  auto expired = tokens.AccessToken(7);
  tokens.Advance(std::chrono::hours(2));
  EXPECT_FALSE(verify(expired).ok());
}

TEST(HttpTokenVerifier, RefusesTokensBelowTheMembersMinimumVersion) {
  testing::TestTokens tokens;
  auto verify = MakeHttpTokenVerifier(tokens.verifier(), tokens.revocations());
  const Role roles[] = {Role::kBuyer};
  const std::string old_token = tokens.issuer().Issue("42", roles, 3).token;
  const std::string other_member = tokens.issuer().Issue("43", roles, 0).token;
  ASSERT_TRUE(verify(old_token).ok());

  const RevocationList::Entry raised[] = {{.seq = 1, .member_id = 42, .min_version = 4}};
  tokens.revocations().Apply(raised);
  auto refused = verify(old_token);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "auth.revoked");
  EXPECT_TRUE(verify(tokens.issuer().Issue("42", roles, 4).token).ok());
  EXPECT_TRUE(verify(other_member).ok());
}

TEST(HttpTokenVerifier, FailsClosedUntilRevocationsAreLoaded) {
  testing::TestTokens tokens;
  RevocationList never_loaded(std::chrono::seconds(930), tokens.clock());
  auto verify = MakeHttpTokenVerifier(tokens.verifier(), never_loaded);
  auto refused = verify(tokens.AccessToken(42));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "auth.revocations_unknown");
  never_loaded.Apply({});
  EXPECT_TRUE(verify(tokens.AccessToken(42)).ok());
}

}  // namespace
}  // namespace eda::auth
