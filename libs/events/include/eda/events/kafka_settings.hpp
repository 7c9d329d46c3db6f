#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eda/config/secret.hpp"
#include "eda/core/result.hpp"

namespace eda::events {

inline constexpr std::string_view kDevBrokers = "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094";
inline constexpr std::string_view kTestBrokers = "127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094";

// EDA_KAFKA_BROKERS if set and non-empty, else `fallback` (services pass kDevBrokers, tests kTestBrokers).
std::string BrokersFromEnv(std::string_view fallback);

// Raw librdkafka properties applied last (overriding ours); for tuning and tests only.
using KafkaProperties = std::vector<std::pair<std::string, std::string>>;

// Who a client is to the brokers, and how it reaches them. The brokers `./eda` runs accept only
// SASL/SCRAM-SHA-512 clients (on plain TCP bound to loopback, and over TLS on a second listener) and
// authorize each user by ACLs, so every producer, consumer and admin call carries one user's name and
// password. An empty username connects without authentication, which those brokers refuse.
struct KafkaCredentials {
  std::string username;
  config::Secret password;
  // A PEM file of the CA that signed the brokers' certificates: when set, the client speaks TLS
  // (SASL_SSL) and checks the brokers' certificates and names against it.
  std::string ca_file;
};

// EDA_KAFKA_USERNAME and EDA_KAFKA_PASSWORD, each also as <KEY>_FILE (eda::config::Reader; `./eda`
// gives a service its own user and EDA_KAFKA_PASSWORD_FILE, tests the admin user the same way), and
// EDA_KAFKA_CA_FILE (TLS; `./eda` sets it with EDA_KAFKA_TLS=1). Both unset: no credentials. Errors
// ("config.invalid"): only one of the two set, an unreadable password or CA file; messages name the
// variables and paths, never the password.
Result<KafkaCredentials> CredentialsFromEnv();

// The librdkafka properties that make a client authenticate as `credentials` (security.protocol,
// sasl.mechanisms, sasl.username, sasl.password, ssl.ca.location with a CA file; nothing when the
// username and the CA file are empty), for code that
// builds its own librdkafka configuration (tools, tests). The password is in the returned value in
// clear: hand it to librdkafka, never print it.
KafkaProperties CredentialProperties(const KafkaCredentials& credentials);

}  // namespace eda::events
