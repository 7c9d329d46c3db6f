#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/auth/secret_bytes.hpp"
#include "eda/core/result.hpp"

namespace eda::auth {

// The JWS algorithm every token must carry. A token whose header names any other algorithm
// (including "none") is rejected before its signature is looked at.
enum class Algorithm {
  kEdDSA,  // Ed25519 signatures: only the holder of the seed (member service) can issue
  kHS256,  // HMAC-SHA256 with a shared secret: every holder can issue
};

// "EdDSA" or "HS256": the JOSE name used in the `alg` header and in EDA_JWT_ALG.
std::string_view AlgorithmName(Algorithm alg) noexcept;

inline constexpr std::size_t kEd25519PublicKeyBytes = 32;
inline constexpr std::size_t kEd25519SeedBytes = 32;
inline constexpr std::size_t kMinHmacSecretBytes = 32;

using Ed25519PublicKey = std::array<std::uint8_t, kEd25519PublicKeyBytes>;

// Token settings shared by issuer and verifier. Copyable; secrets stay inside SecretBytes.
struct Settings {
  // EDA_JWT_ALG ("EdDSA" | "HS256"). The only algorithm accepted.
  Algorithm algorithm = Algorithm::kEdDSA;
  // EDA_JWT_PUBLIC_KEY: base64 of the 32-byte Ed25519 public key. Needed to verify EdDSA tokens;
  // derived from `signing_key` when only that is given.
  std::optional<Ed25519PublicKey> public_key;
  // EDA_JWT_SIGNING_KEY: base64 of the 32-byte Ed25519 seed. Only the member service sets it.
  SecretBytes signing_key;
  // EDA_JWT_HMAC_SECRET: base64 of at least 32 random bytes; used (and required) only with HS256.
  SecretBytes hmac_secret;
  // EDA_JWT_ISSUER: the `iss` written and required.
  std::string issuer = "eda-member";
  // EDA_JWT_AUDIENCE: the audience this component requires in `aud` (each service its own,
  // "eda-<service>": libs/service AccessTokens). Also what an issuer writes when token_audiences
  // is empty.
  std::string audience = "eda";
  // EDA_JWT_TOKEN_AUDIENCES (comma list): the `aud` an issuer writes, i.e. the services a token is
  // meant for. Empty: {audience}.
  std::vector<std::string> token_audiences;
  // EDA_JWT_ACCESS_TTL_SECONDS: lifetime of an access token (1 s .. 1 day).
  std::chrono::seconds access_ttl{900};
  // EDA_JWT_LEEWAY_SECONDS: clock skew tolerated on exp/nbf/iat (0 .. 300 s).
  std::chrono::seconds leeway{30};
};

// What the loading component will do with the keys: every service verifies; only the member
// service also issues and therefore needs the signing key (or the HMAC secret).
enum class KeyUse { kVerify, kIssue };

// Reads one environment variable; nullopt when unset. Injected so tests need no real environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Looks the name up in the process environment (std::getenv).
std::optional<std::string> ProcessEnv(std::string_view name);

// Checks that `settings` are usable for `use`: keys present with the right sizes, a public key
// that matches the seed when both are given, TTL and leeway in range, non-empty issuer/audience.
// On failure the error (code auth.config) lists every problem at once, each prefixed by the name
// of its environment variable. Never mentions secret values.
Status Validate(const Settings& settings, KeyUse use);

// Builds Settings from the EDA_JWT_* variables (defaults above for unset ones) and validates them
// for `use`. Each variable may instead be read from the file named by <name>_FILE (e.g.
// EDA_JWT_SIGNING_KEY_FILE; trailing newline dropped); setting both, or naming an unreadable
// file, is a problem. All problems are reported together in one auth.config error.
Result<Settings> LoadSettings(KeyUse use, const EnvLookup& env = ProcessEnv);

}  // namespace eda::auth
