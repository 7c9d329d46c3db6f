#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "eda/auth/errc.hpp"
#include "eda/auth/key_pair.hpp"
#include "eda/auth/settings.hpp"

namespace eda::auth {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(SettingsTest, DefaultsWithPublicKeyOnly) {
  auto keys = Ed25519KeyPair::Generate();
  auto s = LoadSettings(KeyUse::kVerify, Env({{"EDA_JWT_PUBLIC_KEY", EncodeBase64(keys.public_key)}}));
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->algorithm, Algorithm::kEdDSA);
  EXPECT_EQ(s->issuer, "eda-member");
  EXPECT_EQ(s->audience, "eda");
  EXPECT_EQ(s->access_ttl, std::chrono::seconds{900});
  EXPECT_EQ(*s->public_key, keys.public_key);
  EXPECT_TRUE(s->signing_key.empty());
}

TEST(SettingsTest, IssueNeedsSigningKey) {
  auto keys = Ed25519KeyPair::Generate();
  auto s = LoadSettings(KeyUse::kIssue, Env({{"EDA_JWT_PUBLIC_KEY", EncodeBase64(keys.public_key)}}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, errc::kConfig);
  EXPECT_NE(s.error().message.find("EDA_JWT_SIGNING_KEY"), std::string::npos);
}

TEST(SettingsTest, FullIssuerConfiguration) {
  auto keys = Ed25519KeyPair::Generate();
  std::string seed = EncodeBase64(keys.seed.bytes());
  auto s = LoadSettings(KeyUse::kIssue, Env({{"EDA_JWT_PUBLIC_KEY", EncodeBase64(keys.public_key)},
                                             {"EDA_JWT_SIGNING_KEY", seed},
                                             {"EDA_JWT_ISSUER", "me"},
                                             {"EDA_JWT_AUDIENCE", "you"},
                                             {"EDA_JWT_ACCESS_TTL_SECONDS", "60"},
                                             {"EDA_JWT_LEEWAY_SECONDS", "5"}}));
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->issuer, "me");
  EXPECT_EQ(s->audience, "you");
  EXPECT_EQ(s->access_ttl, std::chrono::seconds{60});
  EXPECT_EQ(s->leeway, std::chrono::seconds{5});
  EXPECT_TRUE(std::equal(s->signing_key.bytes().begin(), s->signing_key.bytes().end(), keys.seed.bytes().begin()));
}

TEST(SettingsTest, TokenAudiencesAreACommaList) {
  auto keys = Ed25519KeyPair::Generate();
  const std::string pk = EncodeBase64(keys.public_key);
  auto s = LoadSettings(KeyUse::kVerify, Env({{"EDA_JWT_PUBLIC_KEY", pk}, {"EDA_JWT_TOKEN_AUDIENCES", "eda-order, eda-member"}}));
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->token_audiences, (std::vector<std::string>{"eda-order", "eda-member"}));
  auto bad = LoadSettings(KeyUse::kVerify, Env({{"EDA_JWT_PUBLIC_KEY", pk}, {"EDA_JWT_TOKEN_AUDIENCES", "a,,b"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("EDA_JWT_TOKEN_AUDIENCES"), std::string::npos);
}

TEST(SettingsTest, ReportsAllProblemsAtOnceWithoutSecrets) {
  auto keys = Ed25519KeyPair::Generate();
  auto other = Ed25519KeyPair::Generate();
  std::string seed = EncodeBase64(keys.seed.bytes());
  auto s = LoadSettings(KeyUse::kIssue, Env({{"EDA_JWT_PUBLIC_KEY", EncodeBase64(other.public_key)},
                                             {"EDA_JWT_SIGNING_KEY", seed},
                                             {"EDA_JWT_ALG", "EdDSA"},
                                             {"EDA_JWT_ISSUER", ""},  // empty = default
                                             {"EDA_JWT_ACCESS_TTL_SECONDS", "15m"},
                                             {"EDA_JWT_LEEWAY_SECONDS", "9999"}}));
  ASSERT_FALSE(s.ok());
  const std::string& m = s.error().message;
  EXPECT_NE(m.find("EDA_JWT_PUBLIC_KEY: does not belong to EDA_JWT_SIGNING_KEY"), std::string::npos) << m;
  EXPECT_NE(m.find("EDA_JWT_ACCESS_TTL_SECONDS"), std::string::npos) << m;
  EXPECT_NE(m.find("EDA_JWT_LEEWAY_SECONDS"), std::string::npos) << m;
  EXPECT_EQ(m.find("EDA_JWT_ISSUER"), std::string::npos) << m;
  EXPECT_EQ(m.find(seed), std::string::npos);
}

TEST(SettingsTest, BadValues) {
  auto s = LoadSettings(KeyUse::kVerify, Env({{"EDA_JWT_PUBLIC_KEY", "not base64!"},
                                              {"EDA_JWT_ALG", "RS256"},
                                              {"EDA_JWT_SIGNING_KEY", "AAAA"}}));
  ASSERT_FALSE(s.ok());
  const std::string& m = s.error().message;
  EXPECT_NE(m.find("EDA_JWT_ALG: must be EdDSA or HS256"), std::string::npos) << m;
  EXPECT_NE(m.find("EDA_JWT_PUBLIC_KEY: must be base64 of exactly 32 bytes"), std::string::npos) << m;
  EXPECT_NE(m.find("EDA_JWT_SIGNING_KEY: must be base64 of exactly 32 bytes"), std::string::npos) << m;
}

TEST(SettingsTest, MissingKeyForVerify) {
  auto s = LoadSettings(KeyUse::kVerify, Env({}));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("EDA_JWT_PUBLIC_KEY: required"), std::string::npos);
}

TEST(SettingsTest, Hs256NeedsLongSecret) {
  auto s = LoadSettings(KeyUse::kVerify, Env({{"EDA_JWT_ALG", "HS256"}, {"EDA_JWT_HMAC_SECRET", "c2hvcnQ="}}));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("EDA_JWT_HMAC_SECRET"), std::string::npos);
  std::string secret = EncodeBase64(std::vector<std::uint8_t>(48, 3));
  auto ok = LoadSettings(KeyUse::kIssue, Env({{"EDA_JWT_ALG", "HS256"}, {"EDA_JWT_HMAC_SECRET", secret}}));
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok->hmac_secret.size(), 48u);
}

TEST(SettingsTest, AcceptsUrlSafeAndUnpaddedKeys) {
  auto keys = Ed25519KeyPair::Generate();
  std::string b64 = EncodeBase64(keys.public_key);
  std::string url = b64;
  for (char& c : url) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!url.empty() && url.back() == '=') url.pop_back();
  auto s = LoadSettings(KeyUse::kVerify, Env({{"EDA_JWT_PUBLIC_KEY", url}}));
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(*s->public_key, keys.public_key);
}

// ./eda hands the member service its signing key as a file (EDA_JWT_SIGNING_KEY_FILE), never in
// the environment.
TEST(SettingsTest, SigningKeyFromAFile) {
  auto keys = Ed25519KeyPair::Generate();
  const auto file = std::filesystem::temp_directory_path() / ("jwt-settings-test-" + std::to_string(::getpid()));
  std::ofstream(file) << EncodeBase64(keys.seed.bytes()) << "\n";
  auto s = LoadSettings(KeyUse::kIssue, Env({{"EDA_JWT_SIGNING_KEY_FILE", file.string()}}));
  std::filesystem::remove(file);
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_TRUE(std::equal(s->signing_key.bytes().begin(), s->signing_key.bytes().end(), keys.seed.bytes().begin()));
}

TEST(SettingsTest, UnreadableKeyFileOrKeyTwiceIsAProblem) {
  auto keys = Ed25519KeyPair::Generate();
  const std::string seed = EncodeBase64(keys.seed.bytes());
  auto missing = LoadSettings(KeyUse::kIssue, Env({{"EDA_JWT_SIGNING_KEY_FILE", "/nonexistent/jwt.key"}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, errc::kConfig);
  EXPECT_NE(missing.error().message.find("EDA_JWT_SIGNING_KEY_FILE: cannot read '/nonexistent/jwt.key'"),
            std::string::npos)
      << missing.error().message;
  auto both = LoadSettings(KeyUse::kIssue, Env({{"EDA_JWT_SIGNING_KEY", seed}, {"EDA_JWT_SIGNING_KEY_FILE", "/x"}}));
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.error().message.find("EDA_JWT_SIGNING_KEY_FILE"), std::string::npos);
  EXPECT_EQ(both.error().message.find(seed), std::string::npos);
}

}  // namespace
}  // namespace eda::auth
