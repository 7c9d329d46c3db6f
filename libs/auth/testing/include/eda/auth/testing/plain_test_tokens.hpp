#pragma once

#include <string>
#include <string_view>

#include "eda/core/error.hpp"
#include "eda/core/result.hpp"
#include "eda/http/principal.hpp"

namespace eda::auth::testing {

// A token verifier for route tests that need no cryptography: the token is "member:<id>:<ROLE>"
// and names the caller directly. Pass it as http::Authenticator(PlainTestToken). Tests of the real
// verifier use TestTokens (test_tokens.hpp).
inline Result<http::Principal> PlainTestToken(std::string_view token) {
  const auto a = token.find(':');
  const auto b = token.rfind(':');
  if (a == std::string_view::npos || b == a) return Error::Permanent("auth.invalid", "bad token");
  http::Principal p;
  p.member_id = std::stoll(std::string(token.substr(a + 1, b - a - 1)));
  p.roles.emplace_back(token.substr(b + 1));
  return p;
}

}  // namespace eda::auth::testing
