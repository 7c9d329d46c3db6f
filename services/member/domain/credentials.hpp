#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "eda/core/result.hpp"
#include "member/domain/member.hpp"

namespace eda::member {

// The cryptography the service uses, behind interfaces so the domain holds no crypto library and
// tests can run fast. api/ adapts eda::auth (argon2id, Ed25519 JWT, random refresh tokens).
// Implementations are thread-safe.

class PasswordHashing {
 public:
  virtual ~PasswordHashing() = default;
  // A self-describing hash (algorithm, parameters, salt). Error only for resource exhaustion.
  virtual Result<std::string> Hash(std::string_view password) const = 0;
  // Constant-time check of `password` against `stored`; false for a malformed `stored`.
  virtual bool Verify(std::string_view stored, std::string_view password) const = 0;
  // True when `stored` was made with other parameters than the current ones.
  virtual bool NeedsRehash(std::string_view stored) const = 0;
};

struct AccessToken {
  std::string token;
  std::chrono::seconds expires_in{0};
};

class AccessTokenIssuer {
 public:
  virtual ~AccessTokenIssuer() = default;
  // A signed, short-lived token naming the member and its role, carrying `token_version` (the
  // member's current one: raising it later revokes the token). Never fails.
  virtual AccessToken Issue(const Member& member, std::int64_t token_version) const = 0;
};

class RefreshTokenCodec {
 public:
  virtual ~RefreshTokenCodec() = default;
  // A new random opaque token (given to the client once).
  virtual std::string NewToken() const = 0;
  // The value stored and looked up by (a one-way hash).
  virtual std::string Hash(std::string_view token) const = 0;
};

}  // namespace eda::member
