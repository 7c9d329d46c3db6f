#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "eda/auth/secret_bytes.hpp"
#include "eda/auth/settings.hpp"

namespace eda::auth::detail {

inline constexpr std::size_t kEd25519SignatureBytes = 64;
inline constexpr std::size_t kHs256Bytes = 32;

// HMAC-SHA256 of `message` under `key` (any length).
std::string HmacSha256(std::span<const std::uint8_t> key, std::string_view message);

// Ed25519 detached signature of `message` with the 64-byte libsodium secret key.
std::string Ed25519Sign(std::span<const std::uint8_t> secret_key, std::string_view message);

// True when `signature` is a valid Ed25519 signature of `message` by `public_key`.
bool Ed25519Verify(const Ed25519PublicKey& public_key, std::string_view message, std::string_view signature);

// The 64-byte libsodium signing key (seed || public key) for a 32-byte seed.
SecretBytes Ed25519SecretKeyFromSeed(std::span<const std::uint8_t> seed);

// The public key of a 32-byte seed.
Ed25519PublicKey Ed25519PublicKeyFromSeed(std::span<const std::uint8_t> seed);

}  // namespace eda::auth::detail
