#include "eda/redis/settings.hpp"

#include <string>

#include "eda/config/reader.hpp"
#include "eda/redis/errors.hpp"

namespace eda::redis {

Status Settings::Validate() const {
  std::string problems;
  auto add = [&](const char* what) { problems += problems.empty() ? what : std::string("; ") + what; };
  if (host.empty()) add("host is empty");
  if (!user.empty() && password.empty()) add("a user needs a password");
  if (port == 0) add("port is 0");
  if (database < 0 || database > 15) add("database must be 0..15");
  if (pool_size < 1 || pool_size > 1024) add("pool_size must be 1..1024");
  if (connect_timeout.count() <= 0) add("connect_timeout must be > 0");
  if (command_timeout.count() <= 0) add("command_timeout must be > 0");
  if (acquire_timeout.count() < 0) add("acquire_timeout must be >= 0");
  if (ping_after_idle.count() < 0) add("ping_after_idle must be >= 0");
  if (!problems.empty()) return Error::Permanent(std::string(errc::kSettings), "invalid redis settings: " + problems);
  return {};
}

Result<Settings> Settings::FromEnv(Settings defaults) {
  config::Reader r;
  Settings s = defaults;
  s.host = r.GetString("EDA_REDIS_HOST", defaults.host);
  s.port = r.GetPort("EDA_REDIS_PORT", defaults.port);
  s.user = r.GetString("EDA_REDIS_USER", defaults.user);
  s.password = r.GetSecret("EDA_REDIS_PASSWORD", defaults.password.Reveal());
  s.database = static_cast<int>(r.GetInt("EDA_REDIS_DB", defaults.database, 0, 15));
  s.pool_size = static_cast<std::size_t>(
      r.GetInt("EDA_REDIS_POOL_SIZE", static_cast<std::int64_t>(defaults.pool_size), 1, 1024));
  if (auto st = r.Finish(); !st.ok()) return Error::Permanent(std::string(errc::kSettings), st.error().message);
  if (auto st = s.Validate(); !st.ok()) return st.error();
  return s;
}

}  // namespace eda::redis
