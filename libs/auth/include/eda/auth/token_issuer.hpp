#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "eda/auth/claims.hpp"
#include "eda/auth/clock.hpp"
#include "eda/auth/role.hpp"
#include "eda/auth/settings.hpp"
#include "eda/core/result.hpp"

namespace eda::auth {

// A freshly signed access token and what it says.
struct IssuedToken {
  std::string token;               // compact JWS: header.payload.signature
  Claims claims;                   // exactly what a verifier with the same settings returns
  std::chrono::seconds expires_in; // = settings.access_ttl, for the `expiresIn` response field
};

// Signs access tokens. Only the member service constructs one (it alone holds the signing key).
// The header is {"alg":<configured>,"typ":"JWT"}; the payload carries sub, roles, iss, aud (the
// settings' token_audiences: a string for one, an array for several), iat,
// nbf (= iat), exp (= iat + access_ttl), jti (a random UUID), token_use "access" and ver (the
// member's token version, which logout and password changes raise: see RevocationList).
//
// Thread safety: Issue is const and safe to call concurrently (the Clock must be too).
class TokenIssuer {
 public:
  // Fails with auth.config when `settings` cannot issue (Validate(settings, KeyUse::kIssue)).
  static Result<TokenIssuer> Create(const Settings& settings, Clock clock = SystemClock());

  TokenIssuer(TokenIssuer&&) noexcept;
  TokenIssuer& operator=(TokenIssuer&&) noexcept;
  ~TokenIssuer();

  // A token for member `subject` (its id as a decimal string) with `roles`, carrying
  // `token_version` (>= 0) as `ver`. Never fails.
  IssuedToken Issue(std::string subject, std::span<const Role> roles, std::int64_t token_version = 0) const;

 private:
  struct Impl;
  explicit TokenIssuer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::auth
