#include "eda/service/settings.hpp"

#include "eda/config/reader.hpp"

namespace eda::service {

sql::Settings DevSqlSettings() {
  sql::Settings s;  // host, port and database already are the dev profile's
  // No account: each service names its own, so nothing falls back to root.
  s.user.clear();
  // Consumer workers (8), the outbox relay, sweepers and HTTP workers share the pool.
  s.pool_size = 16;
  return s;
}

Result<sql::Settings> LoadSqlSettings() {
  auto refused = [](std::string why) { return Error::Permanent("sql.settings", std::move(why)); };
  config::Reader env;
  const std::string user = env.GetString("EDA_MYSQL_USER", "");
  if (user.empty()) {
    return refused("EDA_MYSQL_USER is not set: a service logs in as its own MariaDB user (./eda sets "
                   "EDA_MYSQL_USER and EDA_MYSQL_PASSWORD_FILE)");
  }
  if (user == "root") return refused("EDA_MYSQL_USER: a service never logs in as root");
  auto settings = sql::Settings::FromEnv(DevSqlSettings());
  if (settings && settings->password.empty()) {
    return refused("EDA_MYSQL_PASSWORD_FILE (or EDA_MYSQL_PASSWORD) is required with EDA_MYSQL_USER");
  }
  return settings;
}

Result<KafkaSettings> LoadKafkaSettings() {
  auto credentials = events::CredentialsFromEnv();
  if (!credentials) return std::move(credentials).error();
  return KafkaSettings{events::BrokersFromEnv(events::kDevBrokers), std::move(*credentials)};
}

}  // namespace eda::service
