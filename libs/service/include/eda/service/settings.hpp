#pragma once

// Settings of the kernel libraries as every service loads them, with the DEV profile as defaults
// (./eda sets the EDA_* variables of the chosen profile; a bare binary talks to the dev stack).

#include "eda/core/result.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/sql/settings.hpp"

namespace eda::service {

// The DEV profile's MariaDB: 127.0.0.1:3306, database my_db, no user and no password (every service
// has its own); a pool of 16 connections (room for the consumer workers); the other pool fields
// keep eda::sql::Settings' defaults. Pure; no environment read.
sql::Settings DevSqlSettings();

// DevSqlSettings() overridden by EDA_MYSQL_HOST, _PORT, _USER, _PASSWORD, _DATABASE, _POOL_SIZE
// (eda::sql::Settings::FromEnv; each also as <name>_FILE: ./eda gives services EDA_MYSQL_USER=<service>
// and EDA_MYSQL_PASSWORD_FILE). EDA_MYSQL_USER and a password are required, and the user must not
// be root: no service logs in as root, not even by default. Errors: "sql.settings" (missing user
// or password, root, malformed value; never contains the password).
Result<sql::Settings> LoadSqlSettings();

// Where a service's brokers are and which Kafka user it is.
struct KafkaSettings {
  std::string brokers = std::string(events::kDevBrokers);  // EDA_KAFKA_BROKERS
  // EDA_KAFKA_USERNAME and EDA_KAFKA_PASSWORD_FILE: ./eda gives each service its own user, whose ACLs
  // allow only the topics it produces and consumes and its own consumer group.
  events::KafkaCredentials credentials;
};

// KafkaSettings from the environment (events::BrokersFromEnv, events::CredentialsFromEnv).
// Errors: "config.invalid" (a username without password or the reverse, an unreadable password
// file; never contains the password).
Result<KafkaSettings> LoadKafkaSettings();

}  // namespace eda::service
