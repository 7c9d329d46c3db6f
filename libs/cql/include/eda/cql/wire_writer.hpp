#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eda/cql/consistency.hpp"

namespace eda::cql {

// Appends the protocol's body primitives, big-endian, to an owned byte buffer.
// Lengths that do not fit their field (a [string] over 65535 bytes) are a caller bug and throw
// std::length_error. Not thread-safe.
class WireWriter {
 public:
  WireWriter() = default;

  void WriteByte(std::uint8_t v) { buf_.push_back(v); }
  void WriteShort(std::uint16_t v);
  void WriteInt(std::int32_t v);
  void WriteLong(std::int64_t v);
  void WriteString(std::string_view s);      // [string]
  void WriteLongString(std::string_view s);  // [long string]
  void WriteBytes(std::span<const std::uint8_t> b);  // [bytes]
  void WriteNullBytes() { WriteInt(-1); }            // [bytes] null / [value] null
  void WriteUnsetValue() { WriteInt(-2); }           // [value] not set (v4+)
  void WriteShortBytes(std::span<const std::uint8_t> b);  // [short bytes]
  void WriteStringList(const std::vector<std::string>& l);
  void WriteStringMap(const std::vector<std::pair<std::string, std::string>>& m);
  void WriteStringMultimap(const std::vector<std::pair<std::string, std::vector<std::string>>>& m);
  void WriteInet(std::span<const std::uint8_t> address, std::int32_t port);
  void WriteConsistency(Consistency c) { WriteShort(static_cast<std::uint16_t>(c)); }
  void WriteRaw(std::span<const std::uint8_t> b) { buf_.insert(buf_.end(), b.begin(), b.end()); }

  std::size_t size() const noexcept { return buf_.size(); }
  // Overwrites 4 bytes at `pos` with `v` (to patch a length written before its content).
  void PatchInt(std::size_t pos, std::int32_t v);
  const std::vector<std::uint8_t>& bytes() const& noexcept { return buf_; }
  std::vector<std::uint8_t> Take() && noexcept { return std::move(buf_); }

 private:
  std::vector<std::uint8_t> buf_;
};

}  // namespace eda::cql
