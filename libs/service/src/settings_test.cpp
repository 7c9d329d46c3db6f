#include "eda/service/settings.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "eda/events/retry_policy.hpp"
#include "eda/service/event_plumbing.hpp"

namespace eda::service {
namespace {

// Sets an environment variable for one test and restores the previous value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value->c_str(), 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(DevSqlSettings, AreTheDevProfileWithoutAnAccount) {
  const sql::Settings s = DevSqlSettings();
  EXPECT_EQ(s.host, "127.0.0.1");
  EXPECT_EQ(s.port, 3306);
  EXPECT_EQ(s.user, "") << "no fallback to root";
  EXPECT_TRUE(s.password.empty());
  EXPECT_EQ(s.database, "my_db");
  EXPECT_EQ(s.pool_size, 16u) << "room for the consumer workers besides the relay and HTTP";
}

TEST(LoadSqlSettings, NoUserIsAnError) {
  const ScopedEnv user("EDA_MYSQL_USER", std::nullopt), user_file("EDA_MYSQL_USER_FILE", std::nullopt),
      password("EDA_MYSQL_PASSWORD", "pw");
  auto s = LoadSqlSettings();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "sql.settings");
  EXPECT_NE(s.error().message.find("EDA_MYSQL_USER"), std::string::npos);
}

TEST(LoadSqlSettings, RootIsRefused) {
  const ScopedEnv user("EDA_MYSQL_USER", "root"), password("EDA_MYSQL_PASSWORD", "1234");
  auto s = LoadSqlSettings();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("root"), std::string::npos);
}

TEST(LoadSqlSettings, AUserNeedsAPassword) {
  const ScopedEnv user("EDA_MYSQL_USER", "order"), password("EDA_MYSQL_PASSWORD", std::nullopt),
      password_file("EDA_MYSQL_PASSWORD_FILE", std::nullopt);
  auto s = LoadSqlSettings();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("EDA_MYSQL_PASSWORD_FILE"), std::string::npos);
}

TEST(LoadSqlSettings, TheServicesOwnUserWithItsPasswordFile) {
  const std::string file = ::testing::TempDir() + "/mysql-order.password";
  std::ofstream(file) << "0123abcd\n";
  const ScopedEnv host("EDA_MYSQL_HOST", std::nullopt), port("EDA_MYSQL_PORT", "33306"),
      user("EDA_MYSQL_USER", "order"), password("EDA_MYSQL_PASSWORD", std::nullopt),
      password_file("EDA_MYSQL_PASSWORD_FILE", file), database("EDA_MYSQL_DATABASE", "shop");
  auto s = LoadSqlSettings();
  std::filesystem::remove(file);
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->host, "127.0.0.1");
  EXPECT_EQ(s->port, 33306);
  EXPECT_EQ(s->user, "order");
  EXPECT_EQ(s->password.Reveal(), "0123abcd");
  EXPECT_EQ(s->database, "shop");
}

TEST(LoadSqlSettings, MalformedPortIsAnError) {
  const ScopedEnv user("EDA_MYSQL_USER", "order"), password("EDA_MYSQL_PASSWORD", "pw"),
      port("EDA_MYSQL_PORT", "not-a-port");
  auto s = LoadSqlSettings();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "sql.settings");
}

TEST(LoadKafkaSettings, ReadsTheUserAndItsPasswordFile) {
  const std::string file = ::testing::TempDir() + "/kafka-order.password";
  std::FILE* f = std::fopen(file.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("s3cret\n", f);
  std::fclose(f);
  const ScopedEnv brokers("EDA_KAFKA_BROKERS", "h1:1"), user("EDA_KAFKA_USERNAME", "order"),
      password("EDA_KAFKA_PASSWORD", std::nullopt), password_file("EDA_KAFKA_PASSWORD_FILE", file);
  auto s = LoadKafkaSettings();
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->brokers, "h1:1");
  EXPECT_EQ(s->credentials.username, "order");
  EXPECT_EQ(s->credentials.password.Reveal(), "s3cret");
  std::remove(file.c_str());
}

TEST(LoadKafkaSettings, AUserWithoutPasswordIsAnErrorThatNamesNoSecret) {
  const ScopedEnv user("EDA_KAFKA_USERNAME", "order"), password("EDA_KAFKA_PASSWORD", std::nullopt),
      password_file("EDA_KAFKA_PASSWORD_FILE", "/nonexistent/kafka-order.password");
  auto s = LoadKafkaSettings();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "config.invalid");
  EXPECT_NE(s.error().message.find("EDA_KAFKA_PASSWORD_FILE"), std::string::npos) << s.error().message;
}

TEST(LoadKafkaSettings, NoUserMeansNoAuthentication) {
  const ScopedEnv user("EDA_KAFKA_USERNAME", std::nullopt), password("EDA_KAFKA_PASSWORD", std::nullopt),
      password_file("EDA_KAFKA_PASSWORD_FILE", std::nullopt);
  auto s = LoadKafkaSettings();
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->credentials.username.empty());
  EXPECT_TRUE(events::CredentialProperties(s->credentials).empty());
}

TEST(ConsumerSettingsFor, NamesTheServiceAndAcceptsSeedRecords) {
  metrics::Registry registry;
  KafkaSettings kafka{"h1:1,h2:2", {"payment", config::Secret("pw"), /*ca_file=*/{}}};
  const events::ConsumerSettings s = ConsumerSettingsFor("payment", "payment-group", kafka, registry);
  EXPECT_EQ(s.brokers, "h1:1,h2:2");
  EXPECT_EQ(s.credentials.username, "payment");
  EXPECT_EQ(s.credentials.password.Reveal(), "pw");
  EXPECT_FALSE(s.create_topics) << "the service's Kafka user may not create topics";
  EXPECT_EQ(s.group_id, "payment-group");
  EXPECT_EQ(s.client_id, "eda-payment");
  EXPECT_FALSE(s.require_envelope);
  EXPECT_EQ(s.metrics, &registry);
  EXPECT_EQ(s.workers, kConsumerWorkers) << "records of different keys run in parallel";
  // Outages of a few minutes are retried through, not dead-lettered.
  const events::RetryPolicy policy(s.retry, [] { return 0.5; });
  std::chrono::milliseconds waited{0};
  int attempt = 1;
  for (;; ++attempt) {
    const events::RetryDecision d = policy.Decide(attempt, true);
    if (d.action == events::RetryAction::kDeadLetter) break;
    waited += d.delay;
  }
  EXPECT_EQ(attempt, 12);
  EXPECT_GE(waited, std::chrono::minutes(3));
  EXPECT_EQ(s.auto_offset_reset, events::ConsumerSettings{}.auto_offset_reset);  // others keep the defaults
}

TEST(ConsumerSettingsFor, UsesTheDefaultRegistryUnlessTold) {
  const events::ConsumerSettings s = ConsumerSettingsFor("search", "search", KafkaSettings{"h:1", {}});
  EXPECT_EQ(s.metrics, &metrics::Registry::Default());
}

}  // namespace
}  // namespace eda::service
