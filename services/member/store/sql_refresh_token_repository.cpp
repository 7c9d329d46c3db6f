#include "member/store/sql_refresh_token_repository.hpp"

#include "eda/sql/pool.hpp"
#include "eda/sql/retry.hpp"

namespace eda::member {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO refresh_token (id, family_id, parent_id, member_id, token_hash, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";

std::vector<sql::Param> InsertParams(const RefreshTokenRecord& t, std::string_view hash, Clock::time_point now) {
  return {t.id, t.family_id, t.parent_id, t.member_id, hash, now, t.expires_at};
}

Status Execute(sql::Pool& pool, std::string_view statement, const std::vector<sql::Param>& params) {
  auto conn = pool.Acquire();
  if (!conn) return std::move(conn).error();
  auto done = conn->Execute(statement, params);
  if (!done) return std::move(done).error();
  return {};
}

}  // namespace

SqlRefreshTokenRepository::SqlRefreshTokenRepository(sql::Pool& pool) : pool_(pool) {}

Status SqlRefreshTokenRepository::Insert(const RefreshTokenRecord& token, std::string_view token_hash,
                                         Clock::time_point now) {
  return Execute(pool_, kInsert, InsertParams(token, token_hash, now));
}

Result<std::optional<RefreshTokenRecord>> SqlRefreshTokenRepository::FindByHash(std::string_view token_hash) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto rows = conn->Query(
      "SELECT id, family_id, parent_id, member_id, expires_at, rotated_at, revoked_at "
      "FROM refresh_token WHERE token_hash = ?",
      {token_hash});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<RefreshTokenRecord>{};
  const sql::Row& row = rows->front();
  RefreshTokenRecord t;
  t.id = row.Get<std::string>("id");
  t.family_id = row.Get<std::string>("family_id");
  t.parent_id = row.Get<std::optional<std::string>>("parent_id");
  t.member_id = row.Get<MemberId>("member_id");
  t.expires_at = row.Get<sql::TimePoint>("expires_at");
  t.state = !row.IsNull("revoked_at")   ? RefreshTokenState::kRevoked
            : !row.IsNull("rotated_at") ? RefreshTokenState::kRotated
                                        : RefreshTokenState::kActive;
  return std::optional(std::move(t));
}

Result<bool> SqlRefreshTokenRepository::Rotate(std::string_view parent_id, const RefreshTokenRecord& child,
                                               std::string_view child_hash, Clock::time_point now) {
  return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Result<bool> {
    auto spent = tx.Execute(
        "UPDATE refresh_token SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL AND revoked_at IS NULL",
        {now, parent_id});
    if (!spent) return std::move(spent).error();
    // 0 rows: another request rotated or revoked it first; nothing was changed, so committing is harmless.
    if (spent->affected_rows != 1) return false;
    auto inserted = tx.Execute(kInsert, InsertParams(child, child_hash, now));
    if (!inserted) return std::move(inserted).error();
    return true;
  });
}

Status SqlRefreshTokenRepository::RevokeFamily(std::string_view family_id, Clock::time_point now) {
  return Execute(pool_, "UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                 {now, family_id});
}

Status SqlRefreshTokenRepository::RevokeAllOfMember(MemberId member_id, Clock::time_point now) {
  return Execute(pool_, "UPDATE refresh_token SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL",
                 {now, member_id});
}

}  // namespace eda::member
