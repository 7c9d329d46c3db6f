#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eda/config/reader.hpp"
#include "eda/config/secret.hpp"

namespace eda::config {

// Endpoints of the shared servers, read from the EDA_* variables of the team brief. Defaults are the
// DEV profile (services); tests get the TEST profile from `./eda` through the same variables.
struct InfraSettings {
  // EDA_KAFKA_BROKERS: comma list host:port.
  std::vector<std::string> kafka_brokers{"127.0.0.1:19092", "127.0.0.1:19093", "127.0.0.1:19094"};
  std::string mysql_host = "127.0.0.1";  // EDA_MYSQL_HOST
  std::uint16_t mysql_port = 3306;       // EDA_MYSQL_PORT
  std::string mysql_user = "root";       // EDA_MYSQL_USER
  Secret mysql_password{"1234"};         // EDA_MYSQL_PASSWORD
  std::string mysql_database = "my_db";  // EDA_MYSQL_DATABASE
  std::string redis_host = "127.0.0.1";  // EDA_REDIS_HOST
  std::uint16_t redis_port = 6379;       // EDA_REDIS_PORT
  std::string cassandra_host = "127.0.0.1";  // EDA_CASSANDRA_HOST
  std::uint16_t cassandra_port = 9042;       // EDA_CASSANDRA_PORT

  // Reads every field through `r` (errors are collected in `r`; call r.Finish() afterwards).
  static InfraSettings Load(Reader& r);
};

}  // namespace eda::config
