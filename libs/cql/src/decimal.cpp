#include "eda/cql/decimal.hpp"

#include <cmath>
#include <limits>

namespace eda::cql {

std::vector<std::uint8_t> EncodeVarint(std::int64_t v) {
  std::vector<std::uint8_t> out;
  const auto u = static_cast<std::uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(u >> shift));
  // Drop leading bytes that only repeat the sign.
  std::size_t start = 0;
  while (start + 1 < out.size()) {
    const bool redundant = (out[start] == 0x00 && (out[start + 1] & 0x80) == 0) ||
                           (out[start] == 0xFF && (out[start + 1] & 0x80) != 0);
    if (!redundant) break;
    ++start;
  }
  return {out.begin() + static_cast<std::ptrdiff_t>(start), out.end()};
}

std::optional<std::int64_t> DecodeVarint(const std::vector<std::uint8_t>& bytes) {
  if (bytes.empty() || bytes.size() > 8) return std::nullopt;
  std::uint64_t v = (bytes[0] & 0x80) ? ~std::uint64_t{0} : 0;
  for (std::uint8_t b : bytes) v = (v << 8) | b;
  return static_cast<std::int64_t>(v);
}

Decimal Decimal::FromUnscaled(std::int64_t unscaled, std::int32_t scale) {
  return Decimal{scale, EncodeVarint(unscaled)};
}

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  std::uint64_t unscaled = 0;
  std::int32_t scale = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    seen_digit = true;
    if (unscaled > (static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) - (c - '0')) / 10) {
      return std::nullopt;
    }
    unscaled = unscaled * 10 + static_cast<std::uint64_t>(c - '0');
    if (seen_point) ++scale;
  }
  if (!seen_digit) return std::nullopt;
  const auto value = static_cast<std::int64_t>(unscaled);
  return FromUnscaled(negative ? -value : value, scale);
}

std::optional<std::int64_t> Decimal::UnscaledInt64() const { return DecodeVarint(unscaled); }

std::string Decimal::ToString() const {
  const auto v = UnscaledInt64();
  if (!v) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s = "0x";
    for (std::uint8_t b : unscaled) {
      s.push_back(kHex[b >> 4]);
      s.push_back(kHex[b & 0x0F]);
    }
    return s + "E" + std::to_string(-static_cast<std::int64_t>(scale));
  }
  const bool negative = *v < 0;
  // Magnitude as unsigned so INT64_MIN is handled.
  const std::uint64_t mag = negative ? ~static_cast<std::uint64_t>(*v) + 1 : static_cast<std::uint64_t>(*v);
  std::string digits = std::to_string(mag);
  if (scale > 0) {
    const auto s = static_cast<std::size_t>(scale);
    if (digits.size() <= s) digits.insert(0, s - digits.size() + 1, '0');
    digits.insert(digits.size() - s, ".");
  } else if (scale < 0) {
    if (mag != 0) digits.append(static_cast<std::size_t>(-static_cast<std::int64_t>(scale)), '0');
  }
  return negative ? "-" + digits : digits;
}

double Decimal::ToDouble() const {
  const auto v = UnscaledInt64();
  if (!v) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(*v) * std::pow(10.0, -static_cast<double>(scale));
}

}  // namespace eda::cql
