#include "member/api/auth_adapters.hpp"

#include "eda/auth/refresh_token.hpp"
#include "eda/auth/role.hpp"
#include "eda/http/principal.hpp"

namespace eda::member {
namespace {

auth::Role ToAuthRole(Role role) {
  switch (role) {
    case Role::kBuyer: return auth::Role::kBuyer;
    case Role::kSeller: return auth::Role::kSeller;
    case Role::kAdmin: return auth::Role::kAdmin;
  }
  return auth::Role::kBuyer;
}

}  // namespace

AccessToken JwtAccessTokenIssuer::Issue(const Member& member, std::int64_t token_version) const {
  const auth::Role roles[] = {ToAuthRole(member.role)};
  auth::IssuedToken issued = issuer_.Issue(std::to_string(member.id.value()), roles, token_version);
  return AccessToken{std::move(issued.token), issued.expires_in};
}

std::string OpaqueRefreshTokenCodec::NewToken() const { return auth::NewRefreshToken(); }

std::string OpaqueRefreshTokenCodec::Hash(std::string_view token) const { return auth::HashRefreshToken(token); }

Caller ToCaller(const http::Principal* principal) {
  if (principal == nullptr) return Caller::Anonymous();
  Role role = Role::kBuyer;
  if (principal->HasRole(RoleName(Role::kAdmin))) role = Role::kAdmin;
  else if (principal->HasRole(RoleName(Role::kSeller))) role = Role::kSeller;
  return Caller::Authenticated(MemberId{principal->member_id}, role);
}

}  // namespace eda::member
