#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "eda/auth/role.hpp"

namespace eda::auth {

// The verified content of an access token. A plain value type.
struct Claims {
  std::string subject;                  // `sub`: the member id as a decimal string
  std::vector<Role> roles;              // `roles`: known role names only (unknown names are skipped)
  std::string issuer;                   // `iss`
  std::vector<std::string> audience;    // `aud` (a JSON string or array on the wire)
  std::chrono::sys_seconds issued_at{}; // `iat` (epoch when absent)
  std::chrono::sys_seconds not_before{};// `nbf` (epoch when absent)
  std::chrono::sys_seconds expires_at{};// `exp` (always present in a valid token)
  std::string token_id;                 // `jti` (empty when absent)
  std::string token_use;                // `token_use`: "access" for every token a verifier accepts
  std::int64_t token_version = 0;       // `ver`: the member's token version at issue (0 when absent);
                                        // a RevocationList refuses versions below the member's minimum

  bool HasRole(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }
};

}  // namespace eda::auth
