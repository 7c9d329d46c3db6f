#pragma once

#include <optional>
#include <string_view>

namespace eda::member {

// What a member may do. BUYER is the default; SELLER may be chosen at registration; ADMIN is granted
// only by an admin caller or by the bootstrap setting (see role_policy.hpp).
enum class Role { kBuyer, kSeller, kAdmin };

// The wire name: "BUYER", "SELLER", "ADMIN".
std::string_view RoleName(Role role) noexcept;

// Parses a wire name (exact, upper case). nullopt for anything else.
std::optional<Role> ParseRole(std::string_view name) noexcept;

}  // namespace eda::member
