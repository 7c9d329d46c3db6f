#pragma once

#include <string>
#include <string_view>

namespace eda::auth {

// Opaque refresh tokens for the member service. The raw token goes to the client once; only its
// hash is stored, so a database leak does not yield usable tokens. All functions are thread-safe.

// 256 random bits (system CSPRNG), base64url without padding: 43 characters.
std::string NewRefreshToken();

// SHA-256 of `token` as 64 lower-case hex characters: the value to store and look up by.
std::string HashRefreshToken(std::string_view token);

// Equality of `a` and `b` in time that depends only on their lengths (sodium_memcmp).
bool ConstantTimeEquals(std::string_view a, std::string_view b) noexcept;

}  // namespace eda::auth
