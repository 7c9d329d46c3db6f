#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eda/cql/consistency.hpp"

namespace eda::cql {

// A bounds-checked reader of the protocol's body primitives ([int], [string], [bytes], ...).
// It never reads outside the span given at construction: a read that does not fit marks the
// reader failed (sticky), returns an empty/zero value and consumes nothing more; callers check
// ok() once after a group of reads. Counts read from the wire are checked against the bytes left
// before anything is allocated, so a hostile count cannot cause a huge allocation.
// Views returned (string_view, span) point into the underlying buffer; the caller keeps it alive.
// Not thread-safe; cheap to copy.
class WireReader {
 public:
  explicit WireReader(std::span<const std::uint8_t> data) noexcept : data_(data) {}

  bool ok() const noexcept { return !failed_; }
  std::size_t remaining() const noexcept { return failed_ ? 0 : data_.size() - pos_; }
  std::size_t position() const noexcept { return pos_; }
  // Marks the reader failed (used by callers that find a semantically invalid value).
  void Fail() noexcept { failed_ = true; }

  std::uint8_t ReadByte() noexcept;
  std::uint16_t ReadShort() noexcept;  // [short], unsigned
  std::int32_t ReadInt() noexcept;     // [int]
  std::int64_t ReadLong() noexcept;    // [long]
  std::string_view ReadString() noexcept;      // [string]
  std::string_view ReadLongString() noexcept;  // [long string]
  // [bytes]: nullopt for a negative length (null). [value] is the same with -2 meaning "not set",
  // which ReadBytes also returns as nullopt.
  std::optional<std::span<const std::uint8_t>> ReadBytes() noexcept;
  std::span<const std::uint8_t> ReadShortBytes() noexcept;  // [short bytes]
  std::vector<std::string> ReadStringList();                // [string list]
  std::vector<std::pair<std::string, std::string>> ReadStringMap();                  // [string map]
  std::vector<std::pair<std::string, std::vector<std::string>>> ReadStringMultimap();  // [string multimap]
  // [bytes map] (custom payload): keys and values are skipped but bounds-checked.
  void SkipBytesMap() noexcept;
  // [inet]: address bytes (4 or 16) and port.
  std::pair<std::vector<std::uint8_t>, std::int32_t> ReadInet();
  Consistency ReadConsistency() noexcept;
  // Raw n bytes.
  std::span<const std::uint8_t> ReadRaw(std::size_t n) noexcept;
  void Skip(std::size_t n) noexcept { (void)ReadRaw(n); }

 private:
  bool Need(std::size_t n) noexcept;

  std::span<const std::uint8_t> data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace eda::cql
