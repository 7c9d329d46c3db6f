#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "eda/core/result.hpp"
#include "eda/http/principal.hpp"
#include "eda/http/problem.hpp"
#include "eda/http/router.hpp"

namespace eda::http {

// Verifies a bearer token (the text after "Bearer ") and returns the caller, or an Error whose
// message may be shown to the client (never include the token). Called on I/O threads: must be
// fast and non-blocking (a JWT signature check is fine; a database lookup is not). Thread-safe.
using TokenVerifier = std::function<Result<Principal>(std::string_view token)>;

// Applies a route's auth rules to the Authorization header:
//   kNone → no principal, header ignored;
//   no/empty header → kOptional: no principal; kRequired/roles: 401 "unauthorized";
//   not "Bearer <token>" or verifier error → 401 "unauthorized" (also for kOptional);
//   missing role → 403 "forbidden";
//   no verifier configured and auth needed → 401 (fail closed).
// 401 problems should be sent with `WWW-Authenticate: Bearer` (the server does). Thread-safe.
class Authenticator {
 public:
  explicit Authenticator(TokenVerifier verifier = {}) : verifier_(std::move(verifier)) {}

  Result<std::optional<Principal>, Problem> Authenticate(const RouteOptions& route,
                                                         std::string_view authorization_header) const;

 private:
  TokenVerifier verifier_;
};

}  // namespace eda::http
