#include "eda/cql/session_settings.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace eda::cql {
namespace {

config::Reader ReaderOf(std::map<std::string, std::string> vars) {
  return config::Reader([vars = std::move(vars)](std::string_view key) -> std::optional<std::string> {
    auto it = vars.find(std::string(key));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}

TEST(SessionSettingsFromEnv, DefaultsAreOneLocalNodeWithoutCredentials) {
  auto env = ReaderOf({});
  auto s = SessionSettings::FromEnv(29042, env);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->contact_points, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(s->port, 29042);
  EXPECT_FALSE(s->credentials.has_value());
}

TEST(SessionSettingsFromEnv, HostsPortAndPasswordFromAFile) {
  const auto file = std::filesystem::temp_directory_path() / ("cql-settings-test-" + std::to_string(::getpid()));
  std::ofstream(file) << "s3cret-in-a-file\n";
  auto env = ReaderOf({{"EDA_CASSANDRA_HOST", "10.0.0.1, 10.0.0.2:9043"},
                       {"EDA_CASSANDRA_PORT", "9142"},
                       {"EDA_CASSANDRA_USER", "catalog"},
                       {"EDA_CASSANDRA_PASSWORD_FILE", file.string()}});
  auto s = SessionSettings::FromEnv(9042, env);
  std::filesystem::remove(file);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->contact_points, (std::vector<std::string>{"10.0.0.1", "10.0.0.2:9043"}));
  EXPECT_EQ(s->port, 9142);
  ASSERT_TRUE(s->credentials.has_value());
  EXPECT_EQ(s->credentials->username, "catalog");
  EXPECT_EQ(s->credentials->password.Reveal(), "s3cret-in-a-file");
}

TEST(SessionSettingsFromEnv, HalfALoginIsRefusedWithoutShowingThePassword) {
  auto user_only = ReaderOf({{"EDA_CASSANDRA_USER", "catalog"}});
  auto a = SessionSettings::FromEnv(9042, user_only);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, Errc::kBadValue);
  EXPECT_NE(a.error().message.find("EDA_CASSANDRA_PASSWORD"), std::string::npos);

  auto password_only = ReaderOf({{"EDA_CASSANDRA_PASSWORD", "hunter2-secret"}});
  auto b = SessionSettings::FromEnv(9042, password_only);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.error().message.find("EDA_CASSANDRA_USER"), std::string::npos);
  EXPECT_EQ(b.error().message.find("hunter2-secret"), std::string::npos);
}

TEST(SessionSettingsFromEnv, BadPortAndUnreadableFileAreErrors) {
  auto env = ReaderOf({{"EDA_CASSANDRA_PORT", "70000"},
                       {"EDA_CASSANDRA_USER", "catalog"},
                       {"EDA_CASSANDRA_PASSWORD_FILE", "/nonexistent/cassandra.password"}});
  auto s = SessionSettings::FromEnv(9042, env);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("EDA_CASSANDRA_PORT"), std::string::npos);
  EXPECT_NE(s.error().message.find("EDA_CASSANDRA_PASSWORD_FILE"), std::string::npos);
}

}  // namespace
}  // namespace eda::cql
