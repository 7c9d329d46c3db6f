#pragma once

#include "eda/auth/revocation_list.hpp"
#include "eda/auth/token_verifier.hpp"
#include "eda/http/authenticator.hpp"

namespace eda::auth {

// The HTTP server's bearer-token hook on a JWT verifier: verifies an access token, then checks its
// `ver` against `revocations`, and gives the Principal (member id from `sub`, role names from
// `roles`). Refusals: the verifier's auth.* codes; "auth.malformed" for a `sub` that is not a
// positive integer; "auth.revoked" for a revoked token; "auth.revocations_unknown" while the
// revocations were never loaded (fail closed). Each becomes a 401 in libs/http.
// `verifier` and `revocations` must outlive the returned function; thread-safe like both.
http::TokenVerifier MakeHttpTokenVerifier(const TokenVerifier& verifier, const RevocationList& revocations);

}  // namespace eda::auth
