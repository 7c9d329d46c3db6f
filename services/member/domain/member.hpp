#pragma once

#include <cstdint>
#include <string>

#include "eda/saga/ids.hpp"
#include "member/domain/role.hpp"

namespace eda::member {

// The `user.id` auto-increment key; the seed JSON calls it `id` (and other services `memberId`): the
// saga's type, the one every service's member ids have.
using MemberId = saga::MemberId;

// A member as the rest of the system sees it. Never carries the password or its hash.
struct Member {
  MemberId id;
  std::string login_id;
  std::string user_name;
  Role role = Role::kBuyer;

  bool operator==(const Member&) const = default;
};

// What anyone may learn about a seller: the name the shop shows their products under. Deliberately
// not the loginId (one half of the credentials, often an e-mail address) nor anything else.
struct SellerName {
  MemberId id;
  std::string user_name;

  bool operator==(const SellerName&) const = default;
};

}  // namespace eda::member
