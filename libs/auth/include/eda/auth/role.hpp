#pragma once

#include <optional>
#include <string_view>

namespace eda::auth {

// A member's role, carried in the `roles` claim by its wire name (BUYER, SELLER, ADMIN).
enum class Role { kBuyer, kSeller, kAdmin };

// The wire name of `role` ("BUYER", "SELLER", "ADMIN").
std::string_view RoleName(Role role) noexcept;

// The role named `name` (exact, upper case), or nullopt for any other string.
std::optional<Role> ParseRole(std::string_view name) noexcept;

}  // namespace eda::auth
