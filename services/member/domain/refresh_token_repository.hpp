#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "eda/core/result.hpp"
#include "member/domain/refresh_token_family.hpp"

namespace eda::member {

// Persistence of refresh-token families (store/ on MariaDB; faked in tests). Tokens are looked up
// by their hash only; the raw token is never given to the repository. Blocking, thread-safe;
// infrastructure failures are eda::Error values.
class RefreshTokenRepository {
 public:
  virtual ~RefreshTokenRepository() = default;

  // Stores a new token (first of a family) with the hash of its raw value.
  virtual Status Insert(const RefreshTokenRecord& token, std::string_view token_hash, Clock::time_point now) = 0;

  virtual Result<std::optional<RefreshTokenRecord>> FindByHash(std::string_view token_hash) = 0;

  // Atomically marks `parent_id` rotated and inserts `child` — but only if the parent is still
  // active (neither rotated nor revoked). Returns false, changing nothing, when it was not: a
  // concurrent use of the same token won the race, which the caller treats as reuse.
  virtual Result<bool> Rotate(std::string_view parent_id, const RefreshTokenRecord& child,
                              std::string_view child_hash, Clock::time_point now) = 0;

  // Revokes every token of the family (idempotent).
  virtual Status RevokeFamily(std::string_view family_id, Clock::time_point now) = 0;

  // Revokes every token of every family of the member (after a password change).
  virtual Status RevokeAllOfMember(MemberId member_id, Clock::time_point now) = 0;
};

}  // namespace eda::member
