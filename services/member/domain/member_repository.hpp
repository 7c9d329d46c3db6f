#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "member/domain/member.hpp"

namespace eda::member {

// The member data the service needs to persist (implemented in store/ on MariaDB; faked in tests).
// All methods are blocking and thread-safe; infrastructure failures come back as eda::Error values
// (retryable or not) and never as exceptions.
class MemberRepository {
 public:
  // The error code Create returns when the loginId is taken (case-insensitively).
  static constexpr std::string_view kDuplicateLoginId = "member.duplicate_login_id";

  struct NewMember {
    std::string login_id;
    std::string user_name;
    std::string password_hash;  // argon2id string; never the password
    Role role = Role::kBuyer;
    std::chrono::system_clock::time_point now;
  };

  // A member with its password hash, for login and modification only: never serialized.
  struct StoredMember {
    Member member;
    std::string password_hash;
    std::int64_t token_version = 0;  // written into each access token as `ver`
  };

  // One raise of a member's token version: access tokens of `member_id` with a lower version are
  // revoked. `seq` numbers the raises in commit-independent insertion order.
  struct TokenRevocation {
    std::int64_t seq = 0;
    MemberId member_id;
    std::int64_t min_version = 0;
  };

  virtual ~MemberRepository() = default;

  // Inserts the member AND its member-registered event (transactional outbox) atomically: both are
  // committed or neither is. Returns the member with its new id; kDuplicateLoginId when taken.
  virtual Result<Member> Create(const NewMember& member) = 0;

  virtual Result<std::optional<StoredMember>> FindByLoginId(std::string_view login_id) = 0;
  virtual Result<std::optional<StoredMember>> FindById(MemberId id) = 0;

  // The names of the members among `ids` whose role is SELLER, by id; buyers, admins and unknown
  // ids are left out. `ids` holds no duplicates and is not empty.
  virtual Result<std::vector<SellerName>> FindSellerNames(const std::vector<MemberId>& ids) = 0;

  // Changes the given fields (nullopt: unchanged) and updated_at. Returns false when no such member.
  virtual Result<bool> Update(MemberId id, const std::optional<std::string>& user_name,
                              const std::optional<std::string>& password_hash,
                              std::chrono::system_clock::time_point now) = 0;

  // Raises the member's token version by one and records the raise (a TokenRevocation stamped
  // `now`), atomically. Returns the new version; an error with code kNoSuchMember when the member
  // does not exist.
  static constexpr std::string_view kNoSuchMember = "member.no_such_member";
  virtual Result<std::int64_t> RaiseTokenVersion(MemberId id, std::chrono::system_clock::time_point now) = 0;

  // The recorded raises stamped at or after `oldest` that have seq > `after_seq` or were stamped at
  // or after `recent_since` (a look-back for raises committed after a higher seq was read), by seq,
  // at most `limit`.
  virtual Result<std::vector<TokenRevocation>> RevocationsAfter(std::int64_t after_seq,
                                                                std::chrono::system_clock::time_point recent_since,
                                                                std::chrono::system_clock::time_point oldest,
                                                                std::size_t limit) = 0;
};

}  // namespace eda::member
