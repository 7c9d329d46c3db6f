#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eda/cql/error.hpp"
#include "eda/cql/frame.hpp"
#include "eda/cql/result_set.hpp"

namespace eda::cql {

// A decoded response frame other than ERROR.
struct Response {
  Opcode opcode = Opcode::kReady;
  std::string authenticator;  // AUTHENTICATE: authenticator class
  std::optional<std::vector<std::uint8_t>> token;  // AUTH_CHALLENGE / AUTH_SUCCESS
  std::vector<std::pair<std::string, std::vector<std::string>>> supported;  // SUPPORTED
  std::string event_type;  // EVENT: TOPOLOGY_CHANGE, STATUS_CHANGE, SCHEMA_CHANGE (rest skipped)
  ResultSet result;        // RESULT (kind, rows, prepared, ...); warnings and tracing id for any
};

// Decodes a response frame, taking its body (rows keep referring to it).
// An ERROR frame becomes the failed result with the server's typed error; malformed bytes of any
// kind give kMalformedFrame. Never reads outside the body and never throws on bad input.
CqlResult<Response> ParseResponse(Frame frame);

// Decodes an ERROR body (after the frame prefix) into a typed error.
CqlError ParseError(WireReader& r);

}  // namespace eda::cql
