#include <gtest/gtest.h>

#include <map>

#include "eda/events/kafka_settings.hpp"

namespace eda::events {
namespace {

std::map<std::string, std::string> AsMap(const KafkaProperties& p) { return {p.begin(), p.end()}; }

TEST(KafkaCredentialProperties, SaslOverPlainTcpWithoutACaFile) {
  const auto p = AsMap(CredentialProperties({"order", config::Secret(std::string("pw")), ""}));
  EXPECT_EQ(p.at("security.protocol"), "SASL_PLAINTEXT");
  EXPECT_EQ(p.at("sasl.mechanisms"), "SCRAM-SHA-512");
  EXPECT_EQ(p.at("sasl.username"), "order");
  EXPECT_EQ(p.count("ssl.ca.location"), 0U);
}

TEST(KafkaCredentialProperties, ACaFileMeansTlsCheckedAgainstIt) {
  const auto p = AsMap(CredentialProperties({"order", config::Secret(std::string("pw")), "/var/ca.pem"}));
  EXPECT_EQ(p.at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(p.at("ssl.ca.location"), "/var/ca.pem");
  EXPECT_EQ(p.at("sasl.username"), "order");
  const auto anonymous = AsMap(CredentialProperties({"", config::Secret(std::string()), "/var/ca.pem"}));
  EXPECT_EQ(anonymous.at("security.protocol"), "SSL");
  EXPECT_EQ(anonymous.count("sasl.username"), 0U);
}

TEST(KafkaCredentialProperties, NothingWithoutUserOrCa) { EXPECT_TRUE(CredentialProperties({}).empty()); }

}  // namespace
}  // namespace eda::events
