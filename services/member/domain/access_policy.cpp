#include "member/domain/access_policy.hpp"

namespace eda::member {

MemberResult<void> AuthorizeModify(const Caller& caller, MemberId target) {
  if (!caller.authenticated()) return MemberError::Of(MemberErrc::kUnauthenticated, "an access token is required");
  if (caller.is_admin() || *caller.member_id == target) return {};
  return MemberError::Of(MemberErrc::kForbidden, "a member may modify only their own account");
}

MemberResult<Member> AuthorizeRead(const Caller& caller, const std::optional<Member>& found) {
  if (!caller.authenticated()) return MemberError::Of(MemberErrc::kUnauthenticated, "an access token is required");
  if (caller.is_admin()) {
    if (!found) return MemberError::Of(MemberErrc::kMemberNotFound, "no member has this loginId");
    return *found;
  }
  if (found && found->id == *caller.member_id) return *found;
  return MemberError::Of(MemberErrc::kForbidden, "a member may read only their own account");
}

MemberResult<Role> DecideRegistrationRole(std::optional<Role> requested, const Caller& caller,
                                          std::string_view login_id, std::string_view bootstrap_admin_login_id) {
  if (!bootstrap_admin_login_id.empty() && login_id == bootstrap_admin_login_id) return Role::kAdmin;
  const Role role = requested.value_or(Role::kBuyer);
  if (role == Role::kAdmin && !caller.is_admin()) {
    return MemberError::Of(MemberErrc::kForbidden, "only an admin may grant the ADMIN role");
  }
  return role;
}

}  // namespace eda::member
