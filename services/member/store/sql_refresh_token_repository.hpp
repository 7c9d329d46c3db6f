#pragma once

#include "member/domain/refresh_token_repository.hpp"

namespace eda::sql {
class Pool;
}

namespace eda::member {

// RefreshTokenRepository on MariaDB table `refresh_token` (store/migrations/0002_refresh_token.sql):
// only token hashes are stored; rotation is a conditional UPDATE plus the child's INSERT in one
// transaction, so of two concurrent uses of one token exactly one rotates. Blocking; thread-safe.
// `pool` must outlive the repository.
class SqlRefreshTokenRepository : public RefreshTokenRepository {
 public:
  explicit SqlRefreshTokenRepository(sql::Pool& pool);

  Status Insert(const RefreshTokenRecord& token, std::string_view token_hash, Clock::time_point now) override;
  Result<std::optional<RefreshTokenRecord>> FindByHash(std::string_view token_hash) override;
  Result<bool> Rotate(std::string_view parent_id, const RefreshTokenRecord& child, std::string_view child_hash,
                      Clock::time_point now) override;
  Status RevokeFamily(std::string_view family_id, Clock::time_point now) override;
  Status RevokeAllOfMember(MemberId member_id, Clock::time_point now) override;

 private:
  sql::Pool& pool_;
};

}  // namespace eda::member
