#pragma once

// Fixture helpers for tests that need the Redis test server (label redis). Header-only.

#include <stdexcept>
#include <string>

#include "eda/core/uuid.hpp"
#include "eda/redis/settings.hpp"

namespace eda::redis::testing {

// Settings of the test server: the TEST profile defaults (127.0.0.1:26379) overridden by the
// EDA_REDIS_* variables. Throws std::runtime_error if they are malformed.
inline Settings TestSettings(std::size_t pool_size = 4) {
  Settings defaults;
  defaults.port = 26379;
  defaults.pool_size = pool_size;
  auto s = Settings::FromEnv(defaults);
  if (!s) throw std::runtime_error(s.error().message);
  s->pool_size = pool_size;
  return *s;
}

// A key prefix no other run uses: "test:<prefix>:<8 hex>:".
inline std::string UniquePrefix(const std::string& prefix) {
  return "test:" + prefix + ":" + eda::NewUuid().substr(0, 8) + ":";
}

}  // namespace eda::redis::testing
