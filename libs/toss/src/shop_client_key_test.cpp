#include "eda/toss/shop_client_key.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <map>
#include <string>

namespace eda::toss {
namespace {

constexpr std::string_view kDocsClientKey = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm";
constexpr std::string_view kDocsSecretKey = "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6";

std::optional<std::string> Published(std::string_view client_key, std::string_view secret_key) {
  auto r = ShopClientKey(client_key, config::Secret(std::string(secret_key)));
  EXPECT_TRUE(r.ok()) << client_key << " / " << secret_key << ": " << r.error().message;
  return r.ok() ? *r : std::optional<std::string>("(refused)");
}

// The refusal's message, after checking what every refusal promises: permanent, with its code, and
// without either key in it.
std::string Refusal(std::string_view client_key, std::string_view secret_key) {
  auto r = ShopClientKey(client_key, config::Secret(std::string(secret_key)));
  if (r.ok()) {
    ADD_FAILURE() << client_key << " / " << secret_key << " was accepted";
    return {};
  }
  EXPECT_EQ(r.error().code, "toss.client_key_refused");
  EXPECT_FALSE(r.error().retryable);
  EXPECT_EQ(r.error().message.find(client_key), std::string::npos) << r.error().message;
  if (!secret_key.empty()) {
    EXPECT_EQ(r.error().message.find(secret_key), std::string::npos) << r.error().message;
  }
  return r.error().message;
}

bool Has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST(ShopClientKey, NoClientKeyOrADocsKeyKeepsTheSandboxWindow) {
  EXPECT_EQ(Published("", ""), std::nullopt);
  EXPECT_EQ(Published("", "live_gsk_account0000"), std::nullopt);
  EXPECT_EQ(Published(kDocsClientKey, ""), std::nullopt);
  EXPECT_EQ(Published(kDocsClientKey, kDocsSecretKey), std::nullopt);
  // Even beside a real secret key: only the sandbox answers for a docs client key here.
  EXPECT_EQ(Published(kDocsClientKey, "test_gsk_account0000"), std::nullopt);
  EXPECT_EQ(Published("test_ck_docs_abc", "live_sk_account0000"), std::nullopt);
}

TEST(ShopClientKey, ASecretKeyIsNeverPublished) {
  for (std::string_view key : std::initializer_list<std::string_view>{
           "test_sk_account0000", "live_sk_account0000", "test_gsk_account0000", "live_gsk_account0000",
           kDocsSecretKey, "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"}) {
    const std::string m = Refusal(key, "test_gsk_account0000");
    EXPECT_TRUE(Has(m, "EDA_TOSS_CLIENT_KEY holds a Toss secret key")) << m;
    EXPECT_TRUE(Has(m, "EDA_TOSS_SECRET_KEY or EDA_TOSS_SECRET_KEY_FILE")) << m;
  }
}

TEST(ShopClientKey, AValueThatIsNoTossClientKeyIsRefused) {
  for (std::string_view key : {"gck_account0000", "prod_gck_account0000", "test_ck_", "test_xck_account0000",
                               "test_gck_account-0000", " test_gck_account0000", "test_gck_account0000\n",
                               "TEST_gck_account0000", "test_gck_accöunt"}) {
    const std::string m = Refusal(key, "test_gsk_account0000");
    EXPECT_TRUE(Has(m, "EDA_TOSS_CLIENT_KEY is not a Toss client key")) << m;
  }
  // Not through Refusal: the message shows this prefix as an example, and alone it is no key to leak.
  auto bare = ShopClientKey("test_gck_", config::Secret("test_gsk_account0000"));
  ASSERT_FALSE(bare.ok());
  EXPECT_TRUE(Has(bare.error().message, "EDA_TOSS_CLIENT_KEY is not a Toss client key")) << bare.error().message;
}

TEST(ShopClientKey, AnApiIndividualKeyStaysUnpublishedWithTheSandbox) {
  EXPECT_EQ(Published("test_ck_account0000", ""), std::nullopt);
  EXPECT_EQ(Published("test_ck_account0000", kDocsSecretKey), std::nullopt);
  EXPECT_EQ(Published("live_ck_account0000", "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"), std::nullopt);
}

TEST(ShopClientKey, AnApiIndividualKeyIsRefusedWithARealSecretKey) {
  std::string m = Refusal("test_ck_account0000", "test_sk_account1111");
  EXPECT_TRUE(Has(m, "EDA_TOSS_CLIENT_KEY is an API individual key (test_ck_…)")) << m;
  EXPECT_TRUE(Has(m, "(test_gck_…)")) << m;
  m = Refusal("live_ck_account0000", "live_gsk_account1111");
  EXPECT_TRUE(Has(m, "an API individual key (live_ck_…)")) << m;
  EXPECT_TRUE(Has(m, "(live_gsk_…) as EDA_TOSS_SECRET_KEY")) << m;
}

TEST(ShopClientKey, ARealWidgetKeyNeedsARealSecretKey) {
  for (std::string_view secret : std::initializer_list<std::string_view>{
           "", kDocsSecretKey, "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R", "test_sk_aBX7zk2yd8yoXwoJ0gqVx9POLqKQ"}) {
    const std::string m = Refusal("live_gck_account0000", secret);
    EXPECT_TRUE(Has(m, "EDA_TOSS_CLIENT_KEY is a real Toss widget key, but EDA_TOSS_SECRET_KEY")) << m;
    EXPECT_TRUE(Has(m, "(live_gsk_…)")) << m;
  }
}

TEST(ShopClientKey, AWidgetKeyIsPublishedWithItsPair) {
  EXPECT_EQ(Published("test_gck_account0000", "test_gsk_account1111"), "test_gck_account0000");
  EXPECT_EQ(Published("live_gck_account0000", "live_gsk_account1111"), "live_gck_account0000");
}

TEST(ShopClientKey, AWidgetKeyIsRefusedWithASecretKeyOfAnotherKindOrMode) {
  for (auto [client, secret] : std::map<std::string_view, std::string_view>{
           {"test_gck_account0000", "test_sk_account1111"},
           {"live_gck_account0000", "test_gsk_account1111"},
           {"test_gck_account2222", "live_gsk_account1111"},
           {"live_gck_account2222", "live_sk_account1111"},
           {"test_gck_account3333", "gsk_account1111"}}) {
    const std::string m = Refusal(client, secret);
    EXPECT_TRUE(Has(m, "EDA_TOSS_SECRET_KEY (or EDA_TOSS_SECRET_KEY_FILE) does not pair with EDA_TOSS_CLIENT_KEY")) << m;
    EXPECT_TRUE(Has(m, client.substr(0, 9))) << m;  // names the mode and kind expected, test_gck_ or live_gck_
  }
}

config::Reader ReaderOf(std::map<std::string, std::string> env) {
  return config::Reader([env = std::move(env)](std::string_view key) -> std::optional<std::string> {
    auto it = env.find(std::string(key));
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

TEST(ShopClientKey, LoadsBothKeysFromTheEnvironment) {
  auto none = ReaderOf({});
  auto r = LoadShopClientKey(none);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::nullopt);

  auto pair = ReaderOf({{"EDA_TOSS_CLIENT_KEY", "test_gck_account0000"}, {"EDA_TOSS_SECRET_KEY", "test_gsk_account1111"}});
  r = LoadShopClientKey(pair);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "test_gck_account0000");

  auto lone = ReaderOf({{"EDA_TOSS_CLIENT_KEY", "test_gck_account0000"}});
  r = LoadShopClientKey(lone);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "toss.client_key_refused");
}

TEST(ShopClientKey, ReadsTheSecretKeyFromItsFileAsThePaymentServiceDoes) {
  const std::string path = ::testing::TempDir() + "/eda_toss_secret_key";
  std::ofstream(path, std::ios::binary) << "test_gsk_account1111\r\n";

  auto file = ReaderOf({{"EDA_TOSS_CLIENT_KEY", "test_gck_account0000"}, {"EDA_TOSS_SECRET_KEY_FILE", path}});
  auto r = LoadShopClientKey(file);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "test_gck_account0000");

  auto both = ReaderOf({{"EDA_TOSS_CLIENT_KEY", "test_gck_account0000"},
                        {"EDA_TOSS_SECRET_KEY", "test_gsk_account2222"},
                        {"EDA_TOSS_SECRET_KEY_FILE", path}});
  r = LoadShopClientKey(both);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "config.invalid");
  EXPECT_TRUE(Has(r.error().message, "EDA_TOSS_SECRET_KEY_FILE")) << r.error().message;
  EXPECT_FALSE(Has(r.error().message, "account")) << r.error().message;

  auto missing = ReaderOf({{"EDA_TOSS_CLIENT_KEY", "test_gck_account0000"},
                           {"EDA_TOSS_SECRET_KEY_FILE", "/nonexistent/eda/toss_secret_key"}});
  r = LoadShopClientKey(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Has(r.error().message, "EDA_TOSS_SECRET_KEY_FILE: cannot read '/nonexistent/eda/toss_secret_key'"))
      << r.error().message;
  std::remove(path.c_str());
}

}  // namespace
}  // namespace eda::toss
