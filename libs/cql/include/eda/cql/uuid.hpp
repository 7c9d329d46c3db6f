#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eda::cql {

// A 16-byte uuid/timeuuid in RFC 4122 byte order (the order of its hex text form), as CQL sends it.
// A plain value type.
struct Uuid {
  std::array<std::uint8_t, 16> bytes{};

  // Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (either case); nullopt if malformed.
  static std::optional<Uuid> Parse(std::string_view text);
  // A random version-4 uuid. Thread-safe.
  static Uuid Random();
  // Lowercase canonical text form.
  std::string ToString() const;
  int version() const noexcept { return bytes[6] >> 4; }

  friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

}  // namespace eda::cql
