#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eda::http {

// The authenticated caller of a request, as produced by the server's token verifier (libs/auth
// builds one from a verified JWT). Plain value.
struct Principal {
  std::int64_t member_id = 0;
  std::vector<std::string> roles;  // e.g. "USER", "ADMIN"

  bool HasRole(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
};

}  // namespace eda::http
