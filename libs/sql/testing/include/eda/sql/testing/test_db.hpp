#pragma once

// Fixture helpers for tests that need the MariaDB test server (label sql). Header-only.

#include <string>

#include "eda/core/uuid.hpp"
#include "eda/sql/settings.hpp"

namespace eda::sql::testing {

// Settings of the test server: the TEST profile defaults (127.0.0.1:23306, root/1234, my_db)
// overridden by the EDA_MYSQL_* variables. Throws std::runtime_error if they are malformed.
inline Settings TestSettings(std::size_t pool_size = 4) {
  Settings defaults;
  defaults.port = 23306;
  defaults.password = Secret("1234");
  defaults.pool_size = pool_size;
  defaults.connect_timeout = std::chrono::seconds(3);
  defaults.read_timeout = std::chrono::seconds(20);
  defaults.write_timeout = std::chrono::seconds(20);
  auto s = Settings::FromEnv(defaults);
  if (!s) throw std::runtime_error(s.error().message);
  s->pool_size = pool_size;
  return *s;
}

// A name that no other test run uses: "<prefix>_<8 hex>".
inline std::string UniqueName(const std::string& prefix) { return prefix + "_" + eda::NewUuid().substr(0, 8); }

}  // namespace eda::sql::testing
