#include "eda/config/infra_settings.hpp"

namespace eda::config {

InfraSettings InfraSettings::Load(Reader& r) {
  InfraSettings d;
  InfraSettings s;
  std::string brokers_default;
  for (const auto& b : d.kafka_brokers) brokers_default += (brokers_default.empty() ? "" : ",") + b;
  s.kafka_brokers = r.GetList("EDA_KAFKA_BROKERS", brokers_default);
  if (s.kafka_brokers.empty()) r.AddError("EDA_KAFKA_BROKERS", "must list at least one host:port");
  s.mysql_host = r.GetString("EDA_MYSQL_HOST", d.mysql_host);
  s.mysql_port = r.GetPort("EDA_MYSQL_PORT", d.mysql_port);
  s.mysql_user = r.GetString("EDA_MYSQL_USER", d.mysql_user);
  s.mysql_password = r.GetSecret("EDA_MYSQL_PASSWORD", d.mysql_password.Reveal());
  s.mysql_database = r.GetString("EDA_MYSQL_DATABASE", d.mysql_database);
  s.redis_host = r.GetString("EDA_REDIS_HOST", d.redis_host);
  s.redis_port = r.GetPort("EDA_REDIS_PORT", d.redis_port);
  s.cassandra_host = r.GetString("EDA_CASSANDRA_HOST", d.cassandra_host);
  s.cassandra_port = r.GetPort("EDA_CASSANDRA_PORT", d.cassandra_port);
  return s;
}

}  // namespace eda::config
