// The brokers let in only users with a password and let each do only what its ACLs allow
// (deploy/lib/kafka.sh, tools/kafka-admin): a client without credentials or with a wrong password
// is refused, catalog may neither forge nor read a payment confirmation, payment may write one, and
// a service consumes only in its own group.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "eda/saga/topics.hpp"
#include "kafka_admin.hpp"
#include "platform_env.hpp"
#include "seed.pb.h"

namespace eda::platform_test {
namespace {

using namespace std::chrono_literals;

const std::string kConfirmResponse(saga::kPaymentConfirmResponse);

// A well-formed confirmation of an order that does not exist: the order service ignores it when it
// reads it later in the run.
std::string ForgedConfirmation() {
  edaordersystem::protobuf::paymentResponseV1 m;
  m.set_order_id("acl-test-" + UniqueSuffix());
  m.set_payment_key("acl-test-key");
  m.set_amount(1);
  return m.SerializeAsString();
}

bool Mentions(const std::vector<std::string>& errors, const std::string& what) {
  return std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.find(what) != std::string::npos; });
}

std::string Joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += e + "\n";
  return out;
}

TEST(KafkaAccessControl, AClientWithoutCredentialsCanNeitherWriteNorRead) {
  const ProduceOutcome produced = ProduceAll(KafkaBrokers(), kConfirmResponse, {ForgedConfirmation()}, 5s, KafkaUser{});
  EXPECT_EQ(produced.delivered, 0);
  EXPECT_FALSE(produced.errors.empty());
  std::vector<std::string> errors;
  const auto read = ConsumeAll(KafkaBrokers(), kConfirmResponse, "acl-test-" + UniqueSuffix(), 1, 5s, KafkaUser{}, &errors);
  EXPECT_TRUE(read.empty());
  EXPECT_FALSE(errors.empty()) << "the refusal must show, not look like an empty topic";
}

KafkaUser WithPassword(KafkaUser user, std::string password) {
  user.password = std::move(password);
  return user;
}

TEST(KafkaAccessControl, AWrongPasswordIsAnAuthenticationError) {
  const ProduceOutcome produced =
      ProduceAll(KafkaBrokers(), kConfirmResponse, {ForgedConfirmation()}, 5s, WithPassword(ProfileUser("payment"), "not-the-password"));
  EXPECT_EQ(produced.delivered, 0);
  EXPECT_TRUE(Mentions(produced.client_errors, "Authentication failed")) << Joined(produced.client_errors);
}

TEST(KafkaAccessControl, CatalogMayNotForgeAPaymentConfirmationNorReadOne) {
  const KafkaUser catalog = ProfileUser("catalog");
  ASSERT_FALSE(catalog.password.empty()) << "no kafka-catalog.password in $EDA_STATE_DIR/secrets";
  const ProduceOutcome produced = ProduceAll(KafkaBrokers(), kConfirmResponse, {ForgedConfirmation()}, 10s, catalog);
  EXPECT_EQ(produced.delivered, 0);
  EXPECT_TRUE(Mentions(produced.errors, "Topic authorization failed")) << Joined(produced.errors);
  std::vector<std::string> errors;
  EXPECT_TRUE(ConsumeAll(KafkaBrokers(), kConfirmResponse, "catalog", 1, 5s, catalog, &errors).empty());
  EXPECT_TRUE(Mentions(errors, "Topic authorization failed")) << Joined(errors);
}

TEST(KafkaAccessControl, PaymentWritesAPaymentConfirmation) {
  const KafkaUser payment = ProfileUser("payment");
  ASSERT_FALSE(payment.password.empty()) << "no kafka-payment.password in $EDA_STATE_DIR/secrets";
  const ProduceOutcome produced = ProduceAll(KafkaBrokers(), kConfirmResponse, {ForgedConfirmation()}, 30s, payment);
  EXPECT_EQ(produced.delivered, 1) << Joined(produced.errors) << Joined(produced.client_errors);
}

TEST(KafkaAccessControl, AServiceConsumesOnlyInItsOwnGroup) {
  std::vector<std::string> errors;
  EXPECT_TRUE(ConsumeAll(KafkaBrokers(), kConfirmResponse, "payment", 1, 5s, ProfileUser("order"), &errors).empty());
  EXPECT_TRUE(Mentions(errors, "Group authorization failed")) << Joined(errors);
}

}  // namespace
}  // namespace eda::platform_test
