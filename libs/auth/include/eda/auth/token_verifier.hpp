#pragma once

#include <memory>
#include <string_view>

#include "eda/auth/claims.hpp"
#include "eda/auth/clock.hpp"
#include "eda/auth/settings.hpp"
#include "eda/core/result.hpp"

namespace eda::auth {

// Verifies compact-JWS access tokens (RFC 7519) with the configured algorithm and key. Pure CPU
// work, no I/O; a verification costs tens of microseconds (see eda-auth-bench).
//
// Checks, in this order, with the first failure returned as the error code (errc.hpp):
//   shape (3 base64url parts without padding, JSON objects)      -> auth.malformed
//   header alg == the configured algorithm (never "none")       -> auth.unsupported_alg
//   signature over "<header>.<payload>"                         -> auth.bad_signature
//   claim types (sub string, exp integer, roles string array,
//   ver non-negative integer...)                                 -> auth.malformed
//   now >= exp + leeway                                           -> auth.expired
//   now + leeway < nbf, or now + leeway < iat                     -> auth.not_yet_valid
//   iss == configured issuer                                      -> auth.wrong_issuer
//   aud (string or array) contains the configured audience        -> auth.wrong_audience
//   token_use == "access"                                          -> auth.wrong_token_use
//
// Revocation (the member's token version) is not checked here: that needs the member service's
// revocations, held by a RevocationList (libs/auth/http's MakeHttpTokenVerifier checks both).
//
// Thread safety: Verify is const and safe to call concurrently (the Clock must be too).
class TokenVerifier {
 public:
  // Fails with auth.config when `settings` cannot verify (Validate(settings, KeyUse::kVerify)).
  // Copies the key material it needs; `settings` may be destroyed afterwards.
  static Result<TokenVerifier> Create(const Settings& settings, Clock clock = SystemClock());

  TokenVerifier(TokenVerifier&&) noexcept;
  TokenVerifier& operator=(TokenVerifier&&) noexcept;
  ~TokenVerifier();

  // The claims of `token` when every check passes; otherwise an auth.* error whose message says
  // why without echoing the token.
  Result<Claims> Verify(std::string_view token) const;

 private:
  struct Impl;
  explicit TokenVerifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::auth
