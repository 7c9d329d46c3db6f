#include "eda/config/reader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "eda/config/infra_settings.hpp"

namespace eda::config {
namespace {

Reader FromMap(std::map<std::string, std::string> m) {
  return Reader([m = std::move(m)](std::string_view k) -> std::optional<std::string> {
    auto it = m.find(std::string(k));
    if (it == m.end()) return std::nullopt;
    return it->second;
  });
}

TEST(ReaderTest, DefaultsWhenUnset) {
  auto r = FromMap({});
  EXPECT_EQ(r.GetString("A", "x"), "x");
  EXPECT_EQ(r.GetInt("B", 7), 7);
  EXPECT_EQ(r.GetPort("C", 8081), 8081);
  EXPECT_TRUE(r.GetBool("D", true));
  EXPECT_EQ(r.GetDuration("E", std::chrono::seconds(3)), std::chrono::seconds(3));
  EXPECT_TRUE(r.Finish().ok());
}

TEST(ReaderTest, ParsesValues) {
  auto r = FromMap({{"I", " 42 "}, {"P", "8085"}, {"B", "Off"}, {"D", "250ms"}, {"D2", "2m"}, {"L", "a, b,,c"}});
  EXPECT_EQ(r.GetInt("I", 0), 42);
  EXPECT_EQ(r.GetPort("P", 1), 8085);
  EXPECT_FALSE(r.GetBool("B", true));
  EXPECT_EQ(r.GetDuration("D", {}), std::chrono::milliseconds(250));
  EXPECT_EQ(r.GetDuration("D2", {}), std::chrono::minutes(2));
  EXPECT_EQ(r.GetList("L", ""), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(r.Finish().ok());
}

TEST(ReaderTest, CollectsAllErrorsNamingTheVariable) {
  auto r = FromMap({{"EDA_HTTP_PORT", "99999"}, {"EDA_IO_THREADS", "many"}, {"EDA_FLAG", "maybe"}, {"EDA_T", "5 parsecs"}});
  EXPECT_EQ(r.GetPort("EDA_HTTP_PORT", 8080), 8080);  // default kept on error
  r.GetInt("EDA_IO_THREADS", 1);
  r.GetBool("EDA_FLAG", false);
  r.GetDuration("EDA_T", {});
  r.RequireString("EDA_MISSING");
  auto st = r.Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "config.invalid");
  EXPECT_EQ(r.errors().size(), 5u);
  for (auto key : {"EDA_HTTP_PORT", "EDA_IO_THREADS", "EDA_FLAG", "EDA_T", "EDA_MISSING"}) {
    EXPECT_NE(st.error().message.find(key), std::string::npos) << key;
  }
  EXPECT_NE(st.error().message.find("99999"), std::string::npos);
}

TEST(ReaderTest, IntRangeChecked) {
  auto r = FromMap({{"N", "0"}});
  EXPECT_EQ(r.GetInt("N", 4, 1, 64), 4);
  EXPECT_FALSE(r.Finish().ok());
}

TEST(ReaderTest, PortZeroOnlyWhenAllowed) {
  auto r = FromMap({{"P", "0"}});
  EXPECT_EQ(r.GetPort("P", 5, true), 0);
  EXPECT_TRUE(r.Finish().ok());
  EXPECT_EQ(r.GetPort("P", 5), 5);
  EXPECT_FALSE(r.Finish().ok());
}

TEST(ReaderTest, SecretNeverInErrorsAndMasked) {
  auto r = FromMap({{"EDA_MYSQL_PASSWORD", "s3cr3t"}});
  auto s = r.GetSecret("EDA_MYSQL_PASSWORD", "");
  EXPECT_EQ(s.Reveal(), "s3cr3t");
  EXPECT_TRUE(r.Finish().ok());
}

TEST(ReaderTest, FileValuesUsedUnlessEnvironmentOverrides) {
  std::string path = ::testing::TempDir() + "/eda_config_test.env";
  {
    std::ofstream f(path);
    f << "# comment\n\nEDA_A = from-file\nEDA_B=\"quoted\"\n";
  }
  auto r = FromMap({{"EDA_B", "from-env"}});
  ASSERT_TRUE(r.LoadFile(path).ok());
  EXPECT_EQ(r.GetString("EDA_A", ""), "from-file");
  EXPECT_EQ(r.GetString("EDA_B", ""), "from-env");
  std::remove(path.c_str());
}

TEST(ReaderTest, LoadFileFromEnvUsesEdaConfigFile) {
  std::string path = ::testing::TempDir() + "/eda_config_env.env";
  {
    std::ofstream f(path);
    f << "EDA_X=42\n";
  }
  auto r = FromMap({{"EDA_CONFIG_FILE", path}});
  ASSERT_TRUE(r.LoadFileFromEnv().ok());
  EXPECT_EQ(r.GetInt("EDA_X", 0), 42);
  auto none = FromMap({});
  EXPECT_TRUE(none.LoadFileFromEnv().ok());
  std::remove(path.c_str());
}

TEST(ReaderTest, MalformedFileLineIsAnError) {
  std::string path = ::testing::TempDir() + "/eda_config_bad.env";
  {
    std::ofstream f(path);
    f << "NOEQUALSSIGN\n";
  }
  auto r = FromMap({});
  auto st = r.LoadFile(path);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find(":1:"), std::string::npos);
  std::remove(path.c_str());
  EXPECT_FALSE(r.LoadFile("/nonexistent/eda.env").ok());
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream f(path, std::ios::binary);
  f << content;
  return path;
}

TEST(ReaderTest, FileVariantReadsTheValueFromAFile) {
  const std::string path = WriteTemp("eda_secret_file", "s3cr3t-from-file\r\n");
  const std::string port = WriteTemp("eda_port_file", "23306\n");
  auto r = FromMap({{"EDA_MYSQL_PASSWORD_FILE", path}, {"EDA_MYSQL_PORT_FILE", port}});
  EXPECT_EQ(r.GetSecret("EDA_MYSQL_PASSWORD", "1234").Reveal(), "s3cr3t-from-file");
  EXPECT_EQ(r.GetPort("EDA_MYSQL_PORT", 3306), 23306);
  EXPECT_TRUE(r.Finish().ok());
  std::remove(path.c_str());
  std::remove(port.c_str());
}

TEST(ReaderTest, FileVariantMayComeFromTheConfigFile) {
  const std::string secret = WriteTemp("eda_secret_file2", "abc");
  const std::string config = WriteTemp("eda_config_with_file.env", "EDA_MYSQL_PASSWORD_FILE=" + secret + "\n");
  auto r = FromMap({});
  ASSERT_TRUE(r.LoadFile(config).ok());
  EXPECT_EQ(r.GetSecret("EDA_MYSQL_PASSWORD", "").Reveal(), "abc");
  EXPECT_TRUE(r.Finish().ok());
  std::remove(secret.c_str());
  std::remove(config.c_str());
}

TEST(ReaderTest, FileVariantErrorsNameThePathNeverTheContent) {
  const std::string path = WriteTemp("eda_secret_file3", "do-not-print-me");
  auto both = FromMap({{"EDA_MYSQL_PASSWORD", "x"}, {"EDA_MYSQL_PASSWORD_FILE", path}});
  EXPECT_EQ(both.GetSecret("EDA_MYSQL_PASSWORD", "default").Reveal(), "default");
  auto st = both.Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("EDA_MYSQL_PASSWORD_FILE"), std::string::npos);
  EXPECT_EQ(st.error().message.find("do-not-print-me"), std::string::npos);

  auto missing = FromMap({{"EDA_MYSQL_PASSWORD_FILE", "/nonexistent/eda/password"}});
  EXPECT_EQ(missing.GetSecret("EDA_MYSQL_PASSWORD", "default").Reveal(), "default");
  st = missing.Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("EDA_MYSQL_PASSWORD_FILE: cannot read '/nonexistent/eda/password'"),
            std::string::npos);

  // An empty _FILE variable counts as unset.
  auto empty = FromMap({{"EDA_MYSQL_PASSWORD", "env"}, {"EDA_MYSQL_PASSWORD_FILE", ""}});
  EXPECT_EQ(empty.GetSecret("EDA_MYSQL_PASSWORD", "").Reveal(), "env");
  EXPECT_TRUE(empty.Finish().ok());
  std::remove(path.c_str());
}

TEST(InfraSettingsTest, DevDefaultsAndOverrides) {
  auto r = FromMap({{"EDA_MYSQL_PORT", "23306"}, {"EDA_KAFKA_BROKERS", "h1:29092,h2:29093"}});
  auto s = InfraSettings::Load(r);
  ASSERT_TRUE(r.Finish().ok());
  EXPECT_EQ(s.mysql_port, 23306);
  EXPECT_EQ(s.redis_port, 6379);
  EXPECT_EQ(s.cassandra_port, 9042);
  EXPECT_EQ(s.mysql_password.Reveal(), "1234");
  EXPECT_EQ(s.kafka_brokers, (std::vector<std::string>{"h1:29092", "h2:29093"}));
}

}  // namespace
}  // namespace eda::config
