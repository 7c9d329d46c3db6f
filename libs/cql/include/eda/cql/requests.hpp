#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eda/cql/consistency.hpp"
#include "eda/cql/data_type.hpp"
#include "eda/cql/error.hpp"
#include "eda/cql/frame.hpp"
#include "eda/cql/value.hpp"

namespace eda::cql {

// A request body ready to be framed with a stream id.
struct Request {
  Opcode opcode = Opcode::kOptions;
  std::vector<std::uint8_t> body;
};

// <query_parameters> of QUERY and EXECUTE (native_protocol_v4.spec 4.1.4).
struct QueryParameters {
  Consistency consistency = Consistency::kLocalQuorum;
  std::optional<Consistency> serial_consistency;  // for IF conditions (SERIAL / LOCAL_SERIAL)
  std::vector<Value> values;
  // When non-empty (same size as values) values are sent by name (flag 0x40).
  std::vector<std::string> names;
  // Column types from prepared metadata, parallel to values; values are converted to them.
  const std::vector<DataType>* value_types = nullptr;
  std::int32_t page_size = 0;                 // <= 0: no paging
  std::optional<std::string> paging_state;    // opaque bytes from a previous page
  std::optional<std::int64_t> default_timestamp_us;
  bool skip_metadata = false;
};

enum class BatchType : std::uint8_t { kLogged = 0, kUnlogged = 1, kCounter = 2 };

// One statement of a BATCH: a query string, or a prepared id with the types of its markers.
struct BatchStatement {
  bool prepared = false;
  std::string query_or_id;
  std::vector<Value> values;
  const std::vector<DataType>* value_types = nullptr;
};

// Request builders. Pure functions: no I/O. Value conversion failures give kBadValue.
Request BuildStartup(const std::vector<std::pair<std::string, std::string>>& options);
Request BuildOptions();
CqlResult<Request> BuildQuery(std::string_view cql, const QueryParameters& params, int version = 4);
Request BuildPrepare(std::string_view cql);
CqlResult<Request> BuildExecute(std::span<const std::uint8_t> prepared_id, const QueryParameters& params,
                                int version = 4);
CqlResult<Request> BuildBatch(BatchType type, const std::vector<BatchStatement>& statements, Consistency consistency,
                              std::optional<Consistency> serial_consistency,
                              std::optional<std::int64_t> default_timestamp_us, int version = 4);
Request BuildAuthResponse(std::span<const std::uint8_t> token);
Request BuildRegister(const std::vector<std::string>& event_types);

// SASL PLAIN token for PasswordAuthenticator: "\0user\0password".
std::vector<std::uint8_t> PlainSaslToken(std::string_view user, std::string_view password);

}  // namespace eda::cql
