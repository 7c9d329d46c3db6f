#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

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
  };

  virtual ~MemberRepository() = default;

  // Inserts the member AND its member-registered event (transactional outbox) atomically: both are
  // committed or neither is. Returns the member with its new id; kDuplicateLoginId when taken.
  virtual Result<Member> Create(const NewMember& member) = 0;

  virtual Result<std::optional<StoredMember>> FindByLoginId(std::string_view login_id) = 0;
  virtual Result<std::optional<StoredMember>> FindById(MemberId id) = 0;

  // Changes the given fields (nullopt: unchanged) and updated_at. Returns false when no such member.
  virtual Result<bool> Update(MemberId id, const std::optional<std::string>& user_name,
                              const std::optional<std::string>& password_hash,
                              std::chrono::system_clock::time_point now) = 0;
};

}  // namespace eda::member
