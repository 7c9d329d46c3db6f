#pragma once

#include "eda/auth/password_hasher.hpp"
#include "eda/auth/token_issuer.hpp"
#include "member/domain/access_policy.hpp"
#include "member/domain/credentials.hpp"

namespace eda::http {
struct Principal;
}

namespace eda::member {

// The domain's crypto ports on eda::auth: argon2id (libsodium), EdDSA JWTs, random refresh tokens
// stored as SHA-256. All thread-safe; the wrapped objects must outlive the adapters.

class AuthPasswordHashing : public PasswordHashing {
 public:
  explicit AuthPasswordHashing(const auth::PasswordHasher& hasher) : hasher_(hasher) {}
  Result<std::string> Hash(std::string_view password) const override { return hasher_.Hash(password); }
  bool Verify(std::string_view stored, std::string_view password) const override {
    return hasher_.Verify(stored, password);
  }
  bool NeedsRehash(std::string_view stored) const override { return hasher_.NeedsRehash(stored); }

 private:
  const auth::PasswordHasher& hasher_;
};

class JwtAccessTokenIssuer : public AccessTokenIssuer {
 public:
  explicit JwtAccessTokenIssuer(const auth::TokenIssuer& issuer) : issuer_(issuer) {}
  // sub = member id, roles = [the member's role].
  AccessToken Issue(const Member& member, std::int64_t token_version) const override;

 private:
  const auth::TokenIssuer& issuer_;
};

class OpaqueRefreshTokenCodec : public RefreshTokenCodec {
 public:
  std::string NewToken() const override;
  std::string Hash(std::string_view token) const override;
};

// The domain's view of the caller of a request (nullptr: anonymous). The highest role wins.
Caller ToCaller(const http::Principal* principal);

}  // namespace eda::member
