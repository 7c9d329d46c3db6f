#include <gtest/gtest.h>

#include "eda/auth/password_hasher.hpp"

namespace eda::auth {
namespace {

TEST(PasswordHasherTest, HashAndVerify) {
  PasswordHasher hasher(PasswordCost::kTestOnlyFast);
  auto hash = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$")) << *hash;
  EXPECT_EQ(hash->find("correct"), std::string::npos);
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse battery staple"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(hasher.Verify(*hash, ""));
}

TEST(PasswordHasherTest, SaltMakesEveryHashDifferent) {
  PasswordHasher hasher(PasswordCost::kTestOnlyFast);
  EXPECT_NE(hasher.Hash("pw").value(), hasher.Hash("pw").value());
}

TEST(PasswordHasherTest, PasswordsWithNulBytesAreNotTruncated) {
  PasswordHasher hasher(PasswordCost::kTestOnlyFast);
  const std::string with_nul("ab\0cd", 5);
  auto hash = hasher.Hash(with_nul).value();
  EXPECT_TRUE(hasher.Verify(hash, with_nul));
  EXPECT_FALSE(hasher.Verify(hash, "ab"));
}

TEST(PasswordHasherTest, GarbageStoredValueNeverVerifies) {
  PasswordHasher hasher(PasswordCost::kTestOnlyFast);
  EXPECT_FALSE(hasher.Verify("", "pw"));
  EXPECT_FALSE(hasher.Verify("plaintext-password", "plaintext-password"));
  EXPECT_FALSE(hasher.Verify(std::string(500, '$'), "pw"));
  EXPECT_TRUE(hasher.NeedsRehash("garbage"));
}

TEST(PasswordHasherTest, NeedsRehashWhenPresetChanges) {
  PasswordHasher fast(PasswordCost::kTestOnlyFast);
  PasswordHasher interactive(PasswordCost::kInteractive);
  auto hash = fast.Hash("pw").value();
  EXPECT_FALSE(fast.NeedsRehash(hash));
  EXPECT_TRUE(interactive.NeedsRehash(hash));
  // An old hash keeps verifying under the new preset: parameters travel with the string.
  EXPECT_TRUE(interactive.Verify(hash, "pw"));
}

}  // namespace
}  // namespace eda::auth
