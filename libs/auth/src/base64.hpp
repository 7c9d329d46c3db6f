#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace eda::auth::detail {

// base64url without padding (RFC 7515 section 2).
std::string EncodeBase64Url(std::span<const std::uint8_t> bytes);
inline std::string EncodeBase64Url(std::string_view text) {
  return EncodeBase64Url({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

// Strict decode: only the url-safe alphabet, no padding, no whitespace, and no non-zero unused
// trailing bits (so every value has exactly one encoding). nullopt on any violation.
std::optional<std::string> DecodeBase64Url(std::string_view text);

// Decodes standard base64 (padding optional) or base64url, for keys read from the environment.
std::optional<std::string> DecodeBase64Any(std::string_view text);

}  // namespace eda::auth::detail
