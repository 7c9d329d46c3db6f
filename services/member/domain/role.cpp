#include "member/domain/role.hpp"

namespace eda::member {

std::string_view RoleName(Role role) noexcept {
  switch (role) {
    case Role::kBuyer: return "BUYER";
    case Role::kSeller: return "SELLER";
    case Role::kAdmin: return "ADMIN";
  }
  return "BUYER";
}

std::optional<Role> ParseRole(std::string_view name) noexcept {
  for (Role r : {Role::kBuyer, Role::kSeller, Role::kAdmin}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace eda::member
