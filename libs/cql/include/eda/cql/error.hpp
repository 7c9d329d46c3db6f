#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "eda/core/error.hpp"
#include "eda/core/result.hpp"
#include "eda/cql/consistency.hpp"

namespace eda::cql {

// Error codes. Values below 0x10000 are the server's ERROR codes exactly as on the wire
// (native_protocol_v4.spec section 9); values from 0x10000 are raised by this client.
enum class Errc : std::int32_t {
  kServerError = 0x0000,
  kProtocolError = 0x000A,
  kBadCredentials = 0x0100,
  kUnavailable = 0x1000,
  kOverloaded = 0x1001,
  kIsBootstrapping = 0x1002,
  kTruncateError = 0x1003,
  kWriteTimeout = 0x1100,
  kReadTimeout = 0x1200,
  kReadFailure = 0x1300,
  kFunctionFailure = 0x1400,
  kWriteFailure = 0x1500,
  kCdcWriteFailure = 0x1600,
  kCasWriteUnknown = 0x1700,
  kSyntaxError = 0x2000,
  kUnauthorized = 0x2100,
  kInvalid = 0x2200,
  kConfigError = 0x2300,
  kAlreadyExists = 0x2400,
  kUnprepared = 0x2500,

  // Client-side conditions.
  kRequestTimeout = 0x10000,   // no response within the per-request timeout
  kConnectionError = 0x10001,  // socket failure, connection closed, or connect refused
  kNoHostAvailable = 0x10002,  // no healthy connection to any node
  kMalformedFrame = 0x10003,   // the server sent bytes this client cannot decode
  kBadValue = 0x10004,         // a bound value does not fit the column type / wrong count
  kUnexpectedResponse = 0x10005,  // a valid frame of the wrong kind for the request
  kTooManyRequests = 0x10006,  // all stream ids of every connection are in use
  kUnknownServerError = 0x10007,  // an ERROR code this client does not know
};

// Stable machine-readable name, e.g. "cql.syntax_error", "cql.write_timeout".
std::string_view ErrcName(Errc c) noexcept;

// Whether an operation that failed with this code may succeed when retried (on the same or another
// node). Callers must still retry only idempotent statements: a write timeout may have applied.
bool IsRetryable(Errc c) noexcept;

// A decoded CQL failure with the details the server sent for its code. Fields that the code does
// not carry stay empty. A plain value type.
struct CqlError {
  Errc code = Errc::kServerError;
  std::string message;
  bool retryable = false;

  // Unavailable / timeouts / failures.
  std::optional<Consistency> consistency;
  std::int32_t required = 0;      // Unavailable: replicas required
  std::int32_t alive = 0;         // Unavailable: replicas alive
  std::int32_t received = 0;      // timeouts/failures: replicas that answered
  std::int32_t block_for = 0;     // timeouts/failures: replicas required
  std::int32_t num_failures = 0;  // read/write failure
  bool data_present = false;      // read timeout/failure
  std::string write_type;         // write timeout/failure: SIMPLE, BATCH, CAS, ...
  // Already_exists (keyspace, table) and Function_failure (keyspace, function, arg_types).
  std::string keyspace;
  std::string table;
  std::string function;
  std::vector<std::string> arg_types;
  // Unprepared: the statement id the node does not know.
  std::string unprepared_id;
  // Raw server code when code == kUnknownServerError.
  std::int32_t raw_code = 0;

  // A client-side or server error with the default retry classification for `c`.
  static CqlError Make(Errc c, std::string message);

  // The module-neutral form: code "cql.<name>", same message and retryable flag.
  eda::Error ToError() const;
};

std::ostream& operator<<(std::ostream& os, const CqlError& e);

// Every fallible operation of this library returns CqlResult.
template <class T>
using CqlResult = eda::Result<T, CqlError>;
using CqlStatus = eda::Result<void, CqlError>;

}  // namespace eda::cql
