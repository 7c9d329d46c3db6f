#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"

namespace eda::events {

// One Kafka record header. Values are bytes; every header we write is printable ASCII.
struct Header {
  std::string key;
  std::string value;
  friend bool operator==(const Header&, const Header&) = default;
};
using Headers = std::vector<Header>;

// Returns the value of the LAST header named `key` (Kafka allows repeats; the last one wins, as in
// librdkafka's get_last), or nullopt. Pure; thread-compatible.
std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view key);
// Replaces every header named `key` by one header with `value` (appended at the end).
void SetHeader(Headers& headers, std::string_view key, std::string value);
// Removes every header named `key`.
void RemoveHeader(Headers& headers, std::string_view key);

// Header names of the envelope every event carries.
inline constexpr std::string_view kEventIdHeader = "event-id";
inline constexpr std::string_view kEventTypeHeader = "event-type";
inline constexpr std::string_view kSchemaVersionHeader = "schema-version";
inline constexpr std::string_view kTraceIdHeader = "trace-id";
inline constexpr std::string_view kProducedAtHeader = "produced-at";
inline constexpr std::string_view kSourceHeader = "source";

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::milliseconds>;

// The metadata of one event, carried as Kafka headers next to the protobuf payload.
struct Envelope {
  std::string event_id;        // UUID (lowercase canonical text); unique per event, the inbox key
  std::string event_type;      // e.g. "eda.events.v1.OrderCancelled" or a seed topic's message name
  int schema_version = 1;      // >= 1; bumped when the payload changes incompatibly
  std::string trace_id;        // W3C traceparent value ("00-<32 hex>-<16 hex>-<2 hex>"); may be empty
  TimePoint produced_at{};     // when the event was created (UTC, millisecond precision)
  std::string source;          // producing service name, e.g. "order"

  // A new envelope: fresh UUID, produced_at = now, a fresh traceparent unless `trace_id` is given.
  static Envelope New(std::string event_type, std::string source, std::string trace_id = {});
  friend bool operator==(const Envelope&, const Envelope&) = default;
};

// Envelope -> the six headers, in a fixed order. Pure.
Headers EncodeEnvelope(const Envelope& envelope);
// Headers -> envelope. Errors (code "events.bad_envelope", not retryable) name the missing or invalid
// header: event-id (must be a UUID), event-type (non-empty), schema-version (integer >= 1), produced-at
// (RFC 3339), source (non-empty). A missing or malformed trace-id is not an error: it decodes as "".
Result<Envelope> DecodeEnvelope(const Headers& headers);

// RFC 3339 UTC with milliseconds: "2026-11-24T01:02:03.045Z". Pure.
std::string FormatTimestamp(TimePoint t);
// Parses RFC 3339 ("...Z" or "+hh:mm" offsets, 0-9 fraction digits, truncated to ms). nullopt if invalid.
std::optional<TimePoint> ParseTimestamp(std::string_view text);
TimePoint NowMs();

// A fresh W3C traceparent ("00-" 32 hex trace id "-" 16 hex parent id "-01"). Thread-safe.
std::string NewTraceparent();
// True if `value` has the W3C traceparent shape (version 00, non-zero ids, lowercase hex).
bool IsValidTraceparent(std::string_view value);
// True if `value` is a canonical 8-4-4-4-12 hex UUID.
bool IsUuid(std::string_view value);

}  // namespace eda::events
