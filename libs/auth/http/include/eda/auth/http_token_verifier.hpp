#pragma once

#include "eda/auth/token_verifier.hpp"
#include "eda/http/authenticator.hpp"

namespace eda::auth {

// The HTTP server's bearer-token hook on a JWT verifier: verifies an access token and gives the
// Principal (member id from `sub`, role names from `roles`). A token whose `sub` is not a positive
// integer is refused as "auth.malformed"; every refusal becomes a 401 in libs/http.
// `verifier` must outlive the returned function; thread-safe like the verifier.
http::TokenVerifier MakeHttpTokenVerifier(const TokenVerifier& verifier);

}  // namespace eda::auth
