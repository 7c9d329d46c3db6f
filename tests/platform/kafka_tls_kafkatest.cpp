// The brokers' TLS listener (deploy/lib/kafka.sh, EDA_KAFKA_TLS=1 makes every client use it): a
// client that trusts the profile's CA logs in and round-trips records over TLS; one that does not
// trust it, or that speaks plain text to it, gets nothing through.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <set>

#include "kafka_admin.hpp"
#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

using namespace std::chrono_literals;

std::string Env(const char* key) {
  const char* v = std::getenv(key);
  return v == nullptr ? "" : v;
}

class KafkaTls : public ::testing::Test {
 protected:
  void SetUp() override {
    tls_brokers_ = Env("EDA_KAFKA_TLS_BROKERS");
    ca_file_ = Env("EDA_KAFKA_TLS_CA_FILE");
    ASSERT_FALSE(tls_brokers_.empty()) << "EDA_KAFKA_TLS_BROKERS is not set (./eda infra env exports it)";
    ASSERT_FALSE(ca_file_.empty()) << "EDA_KAFKA_TLS_CA_FILE is not set (./eda infra env exports it)";
    topic_ = "platform-tls-" + UniqueSuffix();
    ASSERT_EQ(CreateTopic(KafkaBrokers(), topic_, 3, 3), "");
    ASSERT_EQ(WaitForTopic(KafkaBrokers(), topic_, 3, 15s).error, "");
  }
  void TearDown() override { (void)DeleteTopic(KafkaBrokers(), topic_); }

  KafkaUser TrustingAdmin() const {
    KafkaUser u = AdminUser();
    u.ca_file = ca_file_;
    return u;
  }

  std::string tls_brokers_, ca_file_, topic_;
};

TEST_F(KafkaTls, AClientTrustingTheProfileCaRoundTripsRecords) {
  std::vector<std::string> payloads;
  for (int i = 0; i < 20; ++i) payloads.push_back("tls-" + std::to_string(i));
  const ProduceOutcome produced = ProduceAll(tls_brokers_, topic_, payloads, 30s, TrustingAdmin());
  ASSERT_TRUE(produced.errors.empty()) << produced.errors.front();
  EXPECT_EQ(produced.delivered, 20);
  const auto consumed = ConsumeAll(tls_brokers_, topic_, "platform-tls-" + UniqueSuffix(), 20, 60s, TrustingAdmin());
  EXPECT_EQ(std::set<std::string>(consumed.begin(), consumed.end()),
            std::set<std::string>(payloads.begin(), payloads.end()));
}

TEST_F(KafkaTls, AClientThatDoesNotTrustTheCaGetsNothingThrough) {
  KafkaUser untrusting = AdminUser();
  untrusting.tls = true;  // the system's CAs only: the local CA is not among them
  untrusting.ca_file.clear();
  const ProduceOutcome produced = ProduceAll(tls_brokers_, topic_, {"never"}, 5s, untrusting);
  EXPECT_EQ(produced.delivered, 0);
  std::string seen;
  for (const auto& e : produced.client_errors) seen += e + "\n";
  EXPECT_NE(seen.find("certificate verify failed"), std::string::npos) << seen;
}

TEST_F(KafkaTls, PlainTextToTheTlsListenerGetsNothingThrough) {
  KafkaUser plain = AdminUser();
  plain.ca_file.clear();
  const ProduceOutcome produced = ProduceAll(tls_brokers_, topic_, {"never"}, 5s, plain);
  EXPECT_EQ(produced.delivered, 0);
}

}  // namespace
}  // namespace eda::platform_test
