#include "eda/auth/role.hpp"

namespace eda::auth {

std::string_view RoleName(Role role) noexcept {
  switch (role) {
    case Role::kBuyer: return "BUYER";
    case Role::kSeller: return "SELLER";
    case Role::kAdmin: return "ADMIN";
  }
  return "BUYER";
}

std::optional<Role> ParseRole(std::string_view name) noexcept {
  if (name == "BUYER") return Role::kBuyer;
  if (name == "SELLER") return Role::kSeller;
  if (name == "ADMIN") return Role::kAdmin;
  return std::nullopt;
}

}  // namespace eda::auth
