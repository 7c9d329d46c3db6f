#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "eda/config/secret.hpp"
#include "eda/core/result.hpp"

namespace eda::sql {

// The shared non-printable secret type (operator<< writes "***"; Reveal() gives the value).
using Secret = eda::config::Secret;

// How to reach MariaDB and how the pool behaves. Plain value; filled by the caller (see FromEnv).
struct Settings {
  std::string host = "127.0.0.1";                // server host name or address (TCP only)
  std::uint16_t port = 3306;                     // server TCP port
  std::string user = "root";                     // account name
  Secret password;                               // account password (never logged)
  std::string database = "my_db";                // default schema for every connection
  std::size_t pool_size = 8;                     // max open connections == worker threads of Run()
  std::chrono::milliseconds connect_timeout{3000};   // TCP connect + handshake (rounded up to s)
  std::chrono::milliseconds read_timeout{30000};     // one server reply, incl. lock waits (rounded up to s)
  std::chrono::milliseconds write_timeout{30000};    // one request write (rounded up to s)
  std::chrono::milliseconds acquire_timeout{5000};   // default wait for a free connection
  std::chrono::milliseconds ping_after_idle{3000};   // ping a pooled connection on reuse if idle longer
  std::size_t statement_cache_size = 128;            // prepared statements kept per connection (LRU)

  // Checks ranges (pool_size >= 1, non-empty host/user/database, timeouts > 0).
  // Error code "sql.settings", never containing the password.
  Status Validate() const;

  // `defaults` overridden by EDA_MYSQL_HOST, EDA_MYSQL_PORT, EDA_MYSQL_USER, EDA_MYSQL_PASSWORD,
  // EDA_MYSQL_DATABASE and EDA_MYSQL_POOL_SIZE where set, each also as a file (EDA_MYSQL_PASSWORD_FILE:
  // config::Reader). A malformed number or an unreadable file is an "sql.settings" error (never
  // containing the password).
  static Result<Settings> FromEnv(Settings defaults);
};

}  // namespace eda::sql
