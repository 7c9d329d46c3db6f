#include <gtest/gtest.h>

#include <set>

#include "eda/auth/refresh_token.hpp"

namespace eda::auth {
namespace {

TEST(RefreshTokenTest, RandomUrlSafeAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string t = NewRefreshToken();
    ASSERT_EQ(t.size(), 43u);
    ASSERT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(std::move(t));
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RefreshTokenTest, HashIsSha256Hex) {
  // SHA-256("abc") from FIPS 180-2.
  EXPECT_EQ(HashRefreshToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string t = NewRefreshToken();
  EXPECT_EQ(HashRefreshToken(t), HashRefreshToken(t));
  EXPECT_NE(HashRefreshToken(t), HashRefreshToken(t + "x"));
}

TEST(RefreshTokenTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

}  // namespace
}  // namespace eda::auth
