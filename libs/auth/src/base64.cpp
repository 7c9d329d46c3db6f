#include "base64.hpp"

#include <sodium.h>

#include "sodium_init.hpp"

namespace eda::auth::detail {
namespace {

std::string Encode(std::span<const std::uint8_t> bytes, int variant) {
  EnsureSodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(out.size() - 1);  // the encoded length counts the terminating NUL
  return out;
}

std::optional<std::string> Decode(std::string_view text, int variant) {
  EnsureSodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t out_len = 0;
  const char* end = nullptr;
  // libsodium rejects leftover non-zero bits and impossible lengths; we additionally require
  // that the whole input was consumed (it stops silently at the first foreign character).
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &out_len, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(out_len);
  return out;
}

}  // namespace

std::string EncodeBase64Url(std::span<const std::uint8_t> bytes) {
  return Encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::optional<std::string> DecodeBase64Url(std::string_view text) {
  return Decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::optional<std::string> DecodeBase64Any(std::string_view text) {
  const bool padded = !text.empty() && text.back() == '=';
  const bool url = text.find_first_of("-_") != std::string_view::npos;
  int variant = url ? (padded ? sodium_base64_VARIANT_URLSAFE : sodium_base64_VARIANT_URLSAFE_NO_PADDING)
                    : (padded ? sodium_base64_VARIANT_ORIGINAL : sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  return Decode(text, variant);
}

}  // namespace eda::auth::detail
