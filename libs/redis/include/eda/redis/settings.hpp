#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "eda/config/secret.hpp"
#include "eda/core/result.hpp"

namespace eda::redis {

using Secret = eda::config::Secret;

// How to reach Redis and how the pool behaves. Plain value; filled by the caller (see FromEnv).
struct Settings {
  std::string host = "127.0.0.1";                     // server host name or address (TCP)
  std::uint16_t port = 6379;                          // server TCP port
  // ACL user of AUTH <user> <password> (on every new connection, so also after a reconnect);
  // empty: AUTH <password>, which is the `default` user. Needs a password.
  std::string user;
  Secret password;                                    // AUTH password; empty: no AUTH (never logged)
  int database = 0;                                   // SELECT index, 0..15
  std::size_t pool_size = 8;                          // max open connections == worker threads of Run()
  std::chrono::milliseconds connect_timeout{2000};    // TCP connect
  std::chrono::milliseconds command_timeout{2000};    // one command/pipeline round trip (socket timeout)
  std::chrono::milliseconds acquire_timeout{2000};    // default wait for a free connection
  std::chrono::milliseconds ping_after_idle{3000};    // PING a pooled connection on reuse if idle longer

  // Checks ranges; error code "redis.settings" (never containing the password).
  Status Validate() const;

  // `defaults` overridden by EDA_REDIS_HOST, EDA_REDIS_PORT, EDA_REDIS_USER, EDA_REDIS_PASSWORD,
  // EDA_REDIS_DB, EDA_REDIS_POOL_SIZE where set, each also as a file named by <KEY>_FILE
  // (config::Reader; ./eda hands out EDA_REDIS_PASSWORD_FILE). Malformed values and unreadable
  // files give a "redis.settings" error listing them (never the password).
  static Result<Settings> FromEnv(Settings defaults);
};

}  // namespace eda::redis
