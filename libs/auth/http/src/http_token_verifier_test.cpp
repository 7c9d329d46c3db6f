#include "eda/auth/http_token_verifier.hpp"

#include <gtest/gtest.h>

#include "eda/auth/testing/test_tokens.hpp"

namespace eda::auth {
namespace {

TEST(HttpTokenVerifier, GivesMemberIdAndRoles) {
  testing::TestTokens tokens;
  auto verify = MakeHttpTokenVerifier(tokens.verifier());
  auto principal = verify(tokens.AccessToken(42, {Role::kSeller}));
  ASSERT_TRUE(principal.ok()) << principal.error();
  EXPECT_EQ(principal->member_id, 42);
  EXPECT_TRUE(principal->HasRole("SELLER"));
  EXPECT_FALSE(principal->HasRole("ADMIN"));
}

TEST(HttpTokenVerifier, RefusesBadTokensAndNonNumericSubjects) {
  testing::TestTokens tokens;
  auto verify = MakeHttpTokenVerifier(tokens.verifier());
  EXPECT_FALSE(verify("not.a.token").ok());
  const Role roles[] = {Role::kBuyer};
  auto odd = verify(tokens.issuer().Issue("alice", roles).token);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().code, "auth.malformed");
  auto expired = tokens.AccessToken(7);
  tokens.Advance(std::chrono::hours(2));
  EXPECT_FALSE(verify(expired).ok());
}

}  // namespace
}  // namespace eda::auth
