#include "eda/http/authenticator.hpp"

#include "eda/http/headers.hpp"

namespace eda::http {

Result<std::optional<Principal>, Problem> Authenticator::Authenticate(const RouteOptions& route,
                                                                      std::string_view header) const {
  if (route.auth == AuthMode::kNone && route.roles.empty()) return std::optional<Principal>{};
  const bool required = route.auth == AuthMode::kRequired || !route.roles.empty();
  if (header.empty()) {
    if (!required) return std::optional<Principal>{};
    return Problem::Unauthorized("a bearer token is required");
  }
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() || !EqualsIgnoreCase(header.substr(0, kScheme.size()), kScheme)) {
    return Problem::Unauthorized("the Authorization header must be 'Bearer <token>'");
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return Problem::Unauthorized("the Authorization header must be 'Bearer <token>'");
  if (!verifier_) return Problem::Unauthorized("token authentication is not configured");
  auto principal = verifier_(token);
  if (!principal.ok()) return Problem::Unauthorized("invalid token: " + principal.error().message);
  if (!route.roles.empty()) {
    bool any = false;
    for (const auto& role : route.roles) any = any || principal->HasRole(role);
    if (!any) {
      std::string roles;
      for (const auto& role : route.roles) roles += (roles.empty() ? "" : ", ") + role;
      return Problem::Forbidden("requires one of the roles: " + roles);
    }
  }
  return std::optional<Principal>(std::move(principal).value());
}

}  // namespace eda::http
