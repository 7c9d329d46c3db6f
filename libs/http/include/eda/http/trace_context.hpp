#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eda::http {

// W3C Trace Context (https://www.w3.org/TR/trace-context/) `traceparent`:
//   "00-<32 hex trace id>-<16 hex span id>-<2 hex flags>"
// The server parses the incoming header (or starts a new trace when absent or invalid), gives the
// request its own span id as a child, and echoes the child's traceparent on the response; clients
// and event producers pass `ToHeader()` of the request's context on. Value type.
class TraceContext {
 public:
  // Parses a traceparent header. nullopt when malformed, version "ff", or an all-zero trace/span id.
  // Future versions (> 00) are accepted when their first 55 characters follow the 00 format.
  static std::optional<TraceContext> Parse(std::string_view header);
  // A new trace (random trace id and span id, sampled flag set).
  static TraceContext NewRoot();
  // A new span in the same trace whose parent is this span.
  TraceContext NewChild() const;

  // "00-<trace>-<span>-<flags>".
  std::string ToHeader() const;

  const std::string& trace_id() const noexcept { return trace_id_; }
  const std::string& span_id() const noexcept { return span_id_; }
  // The caller's span id, empty for a root.
  const std::string& parent_span_id() const noexcept { return parent_span_id_; }
  std::uint8_t flags() const noexcept { return flags_; }
  bool sampled() const noexcept { return (flags_ & 0x01) != 0; }

 private:
  std::string trace_id_;
  std::string span_id_;
  std::string parent_span_id_;
  std::uint8_t flags_ = 0;
};

// A random lowercase hex string of `hex_chars` characters (ids for requests, spans, errors). Thread-safe.
std::string RandomHex(std::size_t hex_chars);

}  // namespace eda::http
