#include "eda/toss/settings.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace eda::toss {
namespace {

Settings LoadFrom(std::map<std::string, std::string> env) {
  config::Reader r([env = std::move(env)](std::string_view key) -> std::optional<std::string> {
    auto it = env.find(std::string(key));
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
  Settings s = Settings::Load(r);
  EXPECT_TRUE(r.Finish().ok());
  return s;
}

TEST(TossSettings, NoKeyOrADocsKeyMeansTheLocalSandbox) {
  EXPECT_EQ(LoadFrom({}).base_url, "http://127.0.0.1:8090");
  EXPECT_EQ(LoadFrom({}).secret_key.Reveal(), "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6");
  EXPECT_EQ(LoadFrom({{"EDA_TOSS_SECRET_KEY", "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"}}).base_url, "http://127.0.0.1:8090");
  EXPECT_TRUE(Settings::UsesLocalSandbox("test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6"));
}

TEST(TossSettings, AnAccountsKeyTalksToToss) {
  // A merchant's own test key works against the real API (Toss's test mode), so it is not the sandbox.
  const Settings s = LoadFrom({{"EDA_TOSS_SECRET_KEY", "test_sk_merchant0000000000000000"}});
  EXPECT_EQ(s.base_url, "https://api.tosspayments.com");
  EXPECT_EQ(s.secret_key.Reveal(), "test_sk_merchant0000000000000000");
  EXPECT_FALSE(Settings::UsesLocalSandbox("live_gsk_abc"));
}

TEST(TossSettings, TheSandboxIsFoundWhereTheStackSaysItListens) {
  // ./eda exports every component's URL, the sandbox's too; a sandbox key follows it, a real key not.
  EXPECT_EQ(LoadFrom({{"EDA_TOSS_SANDBOX_URL", "http://127.0.0.1:28090"}}).base_url, "http://127.0.0.1:28090");
  EXPECT_EQ(LoadFrom({{"EDA_TOSS_SECRET_KEY", "test_sk_merchant0000000000000000"},
                      {"EDA_TOSS_SANDBOX_URL", "http://127.0.0.1:28090"}})
                .base_url,
            "https://api.tosspayments.com");
}

TEST(TossSettings, AnExplicitUrlWinsAndLosesItsTrailingSlash) {
  const Settings s = LoadFrom({{"EDA_TOSS_SECRET_KEY", "live_sk_x"}, {"EDA_TOSS_API_URL", "http://127.0.0.1:28090/"}});
  EXPECT_EQ(s.base_url, "http://127.0.0.1:28090");
}

}  // namespace
}  // namespace eda::toss
