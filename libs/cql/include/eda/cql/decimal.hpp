#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eda::cql {

// A CQL decimal: unscaled * 10^-scale, with the unscaled part as a big-endian two's-complement
// varint (minimal length), exactly as on the wire. Use it for money: no binary rounding.
// A plain value type.
struct Decimal {
  std::int32_t scale = 0;
  std::vector<std::uint8_t> unscaled{0};

  // unscaled * 10^-scale, e.g. FromUnscaled(1999, 2) is 19.99.
  static Decimal FromUnscaled(std::int64_t unscaled, std::int32_t scale);
  // Parses "-12.340" (digits, optional sign and point); the unscaled part must fit int64.
  static std::optional<Decimal> Parse(std::string_view text);
  // The unscaled value if it fits int64.
  std::optional<std::int64_t> UnscaledInt64() const;
  // Plain text, e.g. "19.99"; for unscaled values beyond int64, "0x<hex>E-<scale>".
  std::string ToString() const;
  double ToDouble() const;

  // Exact representation equality (1.0 and 1.00 differ, as in Java BigDecimal.equals).
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

// Minimal big-endian two's-complement encoding of v (CQL varint).
std::vector<std::uint8_t> EncodeVarint(std::int64_t v);
// Decodes a varint of 1..8 bytes; nullopt if empty or longer than 8 bytes.
std::optional<std::int64_t> DecodeVarint(const std::vector<std::uint8_t>& bytes);

}  // namespace eda::cql
