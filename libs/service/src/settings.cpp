#include "eda/service/settings.hpp"

#include "eda/auth/settings.hpp"

namespace eda::service {

sql::Settings DevSqlSettings() {
  sql::Settings s;  // host, port, user and database already are the dev profile's
  s.password = sql::Secret("1234");
  // Consumer workers (8), the outbox relay, sweepers and HTTP workers share the pool.
  s.pool_size = 16;
  return s;
}

Result<sql::Settings> LoadSqlSettings() { return sql::Settings::FromEnv(DevSqlSettings()); }

Result<auth::TokenVerifier> LoadTokenVerifier() {
  auto settings = auth::LoadSettings(auth::KeyUse::kVerify);
  if (!settings) return settings.error();
  return auth::TokenVerifier::Create(*settings);
}

}  // namespace eda::service
