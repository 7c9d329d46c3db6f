#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "eda/auth/secret_bytes.hpp"
#include "eda/auth/settings.hpp"

namespace eda::auth {

// A new Ed25519 key pair from the system CSPRNG (libsodium). `seed` is the signing key.
struct Ed25519KeyPair {
  Ed25519PublicKey public_key{};
  SecretBytes seed;

  static Ed25519KeyPair Generate();
};

// Standard base64 with padding, the format of EDA_JWT_PUBLIC_KEY / EDA_JWT_SIGNING_KEY.
// The caller owns the result; wipe it (WipeString) if it encodes a secret.
std::string EncodeBase64(std::span<const std::uint8_t> bytes);

}  // namespace eda::auth
