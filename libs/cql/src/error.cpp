#include "eda/cql/error.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace eda::cql {

namespace {

struct ConsistencyEntry {
  Consistency value;
  std::string_view name;
};

constexpr std::array<ConsistencyEntry, 11> kConsistencyNames{{
    {Consistency::kAny, "ANY"},
    {Consistency::kOne, "ONE"},
    {Consistency::kTwo, "TWO"},
    {Consistency::kThree, "THREE"},
    {Consistency::kQuorum, "QUORUM"},
    {Consistency::kAll, "ALL"},
    {Consistency::kLocalQuorum, "LOCAL_QUORUM"},
    {Consistency::kEachQuorum, "EACH_QUORUM"},
    {Consistency::kSerial, "SERIAL"},
    {Consistency::kLocalSerial, "LOCAL_SERIAL"},
    {Consistency::kLocalOne, "LOCAL_ONE"},
}};

struct ErrcEntry {
  Errc code;
  std::string_view name;
  bool retryable;
};

// The one table of error codes: name and retry classification. Covered entry by entry by a test.
// Retryable means "the same request may succeed later or on another node": coordinator-side
// transient conditions and client-side transport failures. Statement errors never are.
constexpr std::array<ErrcEntry, 28> kErrcTable{{
    {Errc::kServerError, "cql.server_error", true},
    {Errc::kProtocolError, "cql.protocol_error", false},
    {Errc::kBadCredentials, "cql.bad_credentials", false},
    {Errc::kUnavailable, "cql.unavailable", true},
    {Errc::kOverloaded, "cql.overloaded", true},
    {Errc::kIsBootstrapping, "cql.is_bootstrapping", true},
    {Errc::kTruncateError, "cql.truncate_error", true},
    {Errc::kWriteTimeout, "cql.write_timeout", true},
    {Errc::kReadTimeout, "cql.read_timeout", true},
    {Errc::kReadFailure, "cql.read_failure", false},
    {Errc::kFunctionFailure, "cql.function_failure", false},
    {Errc::kWriteFailure, "cql.write_failure", false},
    {Errc::kCdcWriteFailure, "cql.cdc_write_failure", false},
    {Errc::kCasWriteUnknown, "cql.cas_write_unknown", true},
    {Errc::kSyntaxError, "cql.syntax_error", false},
    {Errc::kUnauthorized, "cql.unauthorized", false},
    {Errc::kInvalid, "cql.invalid", false},
    {Errc::kConfigError, "cql.config_error", false},
    {Errc::kAlreadyExists, "cql.already_exists", false},
    {Errc::kUnprepared, "cql.unprepared", true},
    {Errc::kRequestTimeout, "cql.request_timeout", true},
    {Errc::kConnectionError, "cql.connection_error", true},
    {Errc::kNoHostAvailable, "cql.no_host_available", true},
    {Errc::kMalformedFrame, "cql.malformed_frame", false},
    {Errc::kBadValue, "cql.bad_value", false},
    {Errc::kUnexpectedResponse, "cql.unexpected_response", false},
    {Errc::kTooManyRequests, "cql.too_many_requests", true},
    {Errc::kUnknownServerError, "cql.unknown_server_error", false},
}};

const ErrcEntry* Find(Errc c) {
  auto it = std::find_if(kErrcTable.begin(), kErrcTable.end(), [c](const ErrcEntry& e) { return e.code == c; });
  return it == kErrcTable.end() ? nullptr : &*it;
}

}  // namespace

std::string_view ConsistencyName(Consistency c) noexcept {
  for (const auto& e : kConsistencyNames) {
    if (e.value == c) return e.name;
  }
  return "UNKNOWN";
}

bool ParseConsistency(std::string_view name, Consistency& out) noexcept {
  for (const auto& e : kConsistencyNames) {
    if (e.name.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (std::toupper(static_cast<unsigned char>(name[i])) != e.name[i]) {
        same = false;
        break;
      }
    }
    if (same) {
      out = e.value;
      return true;
    }
  }
  return false;
}

std::string_view ErrcName(Errc c) noexcept {
  const ErrcEntry* e = Find(c);
  return e ? e->name : "cql.unknown";
}

bool IsRetryable(Errc c) noexcept {
  const ErrcEntry* e = Find(c);
  return e != nullptr && e->retryable;
}

CqlError CqlError::Make(Errc c, std::string message) {
  CqlError e;
  e.code = c;
  e.message = std::move(message);
  e.retryable = IsRetryable(c);
  return e;
}

eda::Error CqlError::ToError() const { return eda::Error{std::string(ErrcName(code)), message, retryable}; }

std::ostream& operator<<(std::ostream& os, const CqlError& e) {
  os << ErrcName(e.code) << ": " << e.message;
  if (e.retryable) os << " (retryable)";
  return os;
}

}  // namespace eda::cql
