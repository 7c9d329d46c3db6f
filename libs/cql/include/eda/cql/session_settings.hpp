#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eda/cql/connection.hpp"
#include "eda/cql/consistency.hpp"
#include "eda/cql/error.hpp"
#include "eda/config/reader.hpp"

namespace eda::cql {

// Settings of a Session. Every field has a working default for a local single node.
struct SessionSettings {
  // Nodes to connect to: "host" (uses `port`) or "host:port". Each is treated as one node.
  std::vector<std::string> contact_points{"127.0.0.1"};
  std::uint16_t port = 9042;
  // Keyspace applied with USE on every connection (also after reconnects); empty: none.
  std::string keyspace;
  // Sent only if a node asks for authentication (PasswordAuthenticator).
  std::optional<Credentials> credentials;
  // Connections opened to every node; requests go to the least loaded one.
  int connections_per_node = 2;
  std::chrono::milliseconds connect_timeout{5000};   // TCP connect + handshake
  std::chrono::milliseconds request_timeout{12000};  // default per request (QueryOptions can override)
  Consistency consistency = Consistency::kLocalQuorum;
  Consistency serial_consistency = Consistency::kLocalSerial;  // for IF conditions
  std::int32_t page_size = 5000;  // default rows per page for SELECT
  // Reconnect backoff: base delay doubled per failure up to max, with +-20 % jitter.
  std::chrono::milliseconds reconnect_base_delay{200};
  std::chrono::milliseconds reconnect_max_delay{10000};
  // Extra attempts for retryable errors of statements marked idempotent.
  int max_retries = 2;
  std::chrono::milliseconds retry_delay{50};
  std::uint8_t protocol_version = 4;  // v3 is used when a node refuses v4
  std::int32_t max_frame_bytes = 256 * 1024 * 1024;

  // Contact points, port and credentials from the environment: EDA_CASSANDRA_HOST (comma list,
  // default "127.0.0.1"), EDA_CASSANDRA_PORT (default `default_port`), and EDA_CASSANDRA_USER with
  // EDA_CASSANDRA_PASSWORD; every one may instead come from a file named by <KEY>_FILE
  // (config::Reader), which is how ./eda hands out passwords. A password without a user, or a user
  // without a password, is an error, as are an invalid port and an unreadable file: kBadValue,
  // whose message names the variables, never the password.
  static CqlResult<SessionSettings> FromEnv(std::uint16_t default_port);
  // The same, reading through `env` (tests inject their variables this way).
  static CqlResult<SessionSettings> FromEnv(std::uint16_t default_port, eda::config::Reader& env);
  // Checks ranges (non-empty contact points, positive counts and timeouts). kBadValue if invalid.
  CqlStatus Validate() const;
};

}  // namespace eda::cql
