#pragma once

#include <cstdint>
#include <string_view>

namespace eda::cql {

// CQL consistency levels with their wire codes ([consistency] is a [short]).
enum class Consistency : std::uint16_t {
  kAny = 0x0000,
  kOne = 0x0001,
  kTwo = 0x0002,
  kThree = 0x0003,
  kQuorum = 0x0004,
  kAll = 0x0005,
  kLocalQuorum = 0x0006,
  kEachQuorum = 0x0007,
  kSerial = 0x0008,
  kLocalSerial = 0x0009,
  kLocalOne = 0x000A,
};

// Upper-case CQL name ("LOCAL_QUORUM"); "UNKNOWN" for a code outside the table.
std::string_view ConsistencyName(Consistency c) noexcept;

// Parses a CQL name (case-insensitive, "LOCAL_QUORUM" or "local_quorum"); false if unknown.
bool ParseConsistency(std::string_view name, Consistency& out) noexcept;

}  // namespace eda::cql
