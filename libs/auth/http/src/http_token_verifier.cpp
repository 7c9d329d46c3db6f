#include "eda/auth/http_token_verifier.hpp"

#include <charconv>
#include <string>
#include <utility>

#include "eda/auth/errc.hpp"
#include "eda/auth/role.hpp"
#include "eda/http/principal.hpp"

namespace eda::auth {

http::TokenVerifier MakeHttpTokenVerifier(const TokenVerifier& verifier, const RevocationList& revocations) {
  return [&verifier, &revocations](std::string_view token) -> Result<http::Principal> {
    auto claims = verifier.Verify(token);
    if (!claims) return std::move(claims).error();
    http::Principal principal;
    const std::string& sub = claims->subject;
    const auto parsed = std::from_chars(sub.data(), sub.data() + sub.size(), principal.member_id);
    if (parsed.ec != std::errc{} || parsed.ptr != sub.data() + sub.size() || principal.member_id <= 0) {
      return Error::Permanent(std::string(errc::kMalformed), "the token subject is not a member id");
    }
    switch (revocations.Check(principal.member_id, claims->token_version)) {
      case RevocationList::Verdict::kValid: break;
      case RevocationList::Verdict::kRevoked:
        return Error::Permanent(std::string(errc::kRevoked), "the token was revoked (logout or password change)");
      case RevocationList::Verdict::kNotLoaded:
        return Error::Permanent(std::string(errc::kRevocationsUnknown), "token revocations are not loaded yet");
    }
    for (Role role : claims->roles) principal.roles.emplace_back(RoleName(role));
    return principal;
  };
}

}  // namespace eda::auth
