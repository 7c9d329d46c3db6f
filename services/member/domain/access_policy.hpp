#pragma once

#include <optional>
#include <string_view>

#include "member/domain/member.hpp"
#include "member/domain/member_error.hpp"
#include "member/domain/role.hpp"

namespace eda::member {

// Who is calling, as established by the access token (api/ maps the verified token to this). The
// domain never sees tokens. A plain value; thread-safe to copy.
struct Caller {
  std::optional<MemberId> member_id;  // nullopt: anonymous
  Role role = Role::kBuyer;

  static Caller Anonymous() { return Caller{}; }
  static Caller Authenticated(MemberId id, Role role) { return Caller{id, role}; }
  bool authenticated() const noexcept { return member_id.has_value(); }
  bool is_admin() const noexcept { return authenticated() && role == Role::kAdmin; }
};

// Rule: a member can read and modify only themselves; an admin can read and modify anyone.

// May `caller` modify member `target`? Anonymous → kUnauthenticated; another member's id →
// kForbidden. Decided before any lookup, so a non-admin learns nothing about other ids.
MemberResult<void> AuthorizeModify(const Caller& caller, MemberId target);

// The answer to "show the member with this loginId" for `caller`, given what the store found.
// Anonymous → kUnauthenticated (whether or not it exists); a non-admin asking about anyone but
// themselves → kForbidden, the same whether the member exists or not (no enumeration); an admin
// gets kMemberNotFound for a missing one.
MemberResult<Member> AuthorizeRead(const Caller& caller, const std::optional<Member>& found);

// The role a registration gets. `requested` is the parsed optional `role` field (validated already);
// `bootstrap_admin_login_id` is the configured loginId that becomes ADMIN on registration (empty:
// none). Rules: default BUYER; BUYER or SELLER on request by anyone; ADMIN only when the caller is
// an admin, or when `login_id` equals the bootstrap loginId (then ADMIN whatever was requested).
// Anyone else requesting ADMIN → kForbidden.
MemberResult<Role> DecideRegistrationRole(std::optional<Role> requested, const Caller& caller,
                                          std::string_view login_id, std::string_view bootstrap_admin_login_id);

}  // namespace eda::member
