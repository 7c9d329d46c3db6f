#include "eda/sql/settings.hpp"

#include <string>

#include "eda/config/reader.hpp"
#include "eda/sql/errors.hpp"

namespace eda::sql {

Status Settings::Validate() const {
  std::string problems;
  auto add = [&](const char* what) { problems += problems.empty() ? what : std::string("; ") + what; };
  if (host.empty()) add("host is empty");
  if (port == 0) add("port is 0");
  if (user.empty()) add("user is empty");
  if (database.empty()) add("database is empty");
  if (pool_size < 1 || pool_size > 1024) add("pool_size must be 1..1024");
  if (connect_timeout.count() <= 0) add("connect_timeout must be > 0");
  if (read_timeout.count() <= 0) add("read_timeout must be > 0");
  if (write_timeout.count() <= 0) add("write_timeout must be > 0");
  if (acquire_timeout.count() < 0) add("acquire_timeout must be >= 0");
  if (ping_after_idle.count() < 0) add("ping_after_idle must be >= 0");
  if (statement_cache_size < 1) add("statement_cache_size must be >= 1");
  if (!problems.empty()) return Error::Permanent(std::string(errc::kSettings), "invalid sql settings: " + problems);
  return {};
}

Result<Settings> Settings::FromEnv(Settings defaults) {
  config::Reader r;
  Settings s = defaults;
  s.host = r.GetString("EDA_MYSQL_HOST", defaults.host);
  s.port = r.GetPort("EDA_MYSQL_PORT", defaults.port);
  s.user = r.GetString("EDA_MYSQL_USER", defaults.user);
  s.password = r.GetSecret("EDA_MYSQL_PASSWORD", defaults.password.Reveal());
  s.database = r.GetString("EDA_MYSQL_DATABASE", defaults.database);
  s.pool_size = static_cast<std::size_t>(
      r.GetInt("EDA_MYSQL_POOL_SIZE", static_cast<std::int64_t>(defaults.pool_size), 1, 1024));
  if (auto st = r.Finish(); !st.ok()) return Error::Permanent(std::string(errc::kSettings), st.error().message);
  if (auto st = s.Validate(); !st.ok()) return st.error();
  return s;
}

}  // namespace eda::sql
