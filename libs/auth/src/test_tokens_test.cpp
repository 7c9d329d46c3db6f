#include "eda/auth/testing/test_tokens.hpp"

#include <gtest/gtest.h>

#include "eda/auth/errc.hpp"

namespace eda::auth {
namespace {

TEST(TestTokensTest, TokensVerifyAndExpireWithTheClock) {
  testing::TestTokens tokens;
  const std::string token = tokens.AccessToken(42, {Role::kSeller});
  auto claims = tokens.verifier().Verify(token);
  ASSERT_TRUE(claims.ok()) << claims.error();
  EXPECT_EQ(claims->subject, "42");
  EXPECT_TRUE(claims->HasRole(Role::kSeller));
  tokens.Advance(std::chrono::seconds{900 + 30});
  EXPECT_EQ(tokens.verifier().Verify(token).error().code, errc::kExpired);

  testing::TestTokens other;
  EXPECT_EQ(other.verifier().Verify(tokens.AccessToken(1)).error().code, errc::kBadSignature);
}

}  // namespace
}  // namespace eda::auth
