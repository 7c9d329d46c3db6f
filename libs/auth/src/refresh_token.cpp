#include "eda/auth/refresh_token.hpp"

#include <sodium.h>

#include "base64.hpp"
#include "sodium_init.hpp"

namespace eda::auth {

std::string NewRefreshToken() {
  detail::EnsureSodium();
  std::uint8_t raw[32];
  randombytes_buf(raw, sizeof raw);
  std::string token = detail::EncodeBase64Url({raw, sizeof raw});
  sodium_memzero(raw, sizeof raw);
  return token;
}

std::string HashRefreshToken(std::string_view token) {
  detail::EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::string hex(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace eda::auth
