#include "member/store/sql_member_repository.hpp"

#include "eda/sql/errors.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/retry.hpp"
#include "member/events/member_registered.hpp"

namespace eda::member {
namespace {

constexpr std::string_view kSelectColumns = "SELECT id, login_id, user_name, password_hash, role, token_version FROM `user` ";

MemberRepository::StoredMember ToStored(const sql::Row& row) {
  const std::string role_name = row.Get<std::string>("role");
  const auto role = ParseRole(role_name);
  if (!role) throw sql::RowAccessError("user.role holds an unknown role");  // the CHECK constraint forbids it
  return MemberRepository::StoredMember{
      Member{row.Get<MemberId>("id"), row.Get<std::string>("login_id"), row.Get<std::string>("user_name"), *role},
      row.Get<std::string>("password_hash"), row.Get<std::int64_t>("token_version")};
}

Result<std::optional<MemberRepository::StoredMember>> FirstMember(Result<sql::Rows> rows) {
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<MemberRepository::StoredMember>{};
  return std::optional(ToStored(rows->front()));
}

}  // namespace

SqlMemberRepository::SqlMemberRepository(sql::Pool& pool, events::Outbox outbox, std::string source)
    : pool_(pool), outbox_(std::move(outbox)), source_(std::move(source)) {}

Result<Member> SqlMemberRepository::Create(const NewMember& m) {
  auto created = sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Result<Member> {
    auto inserted = tx.Execute(
        "INSERT INTO `user` (login_id, user_name, password_hash, role, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {m.login_id, m.user_name, m.password_hash, RoleName(m.role), m.now, m.now});
    if (!inserted) return std::move(inserted).error();
    Member member{MemberId{static_cast<std::int64_t>(inserted->last_insert_id)}, m.login_id, m.user_name, m.role};

    events::OutgoingEvent event;
    event.topic = std::string(MemberRegistered::kTopic);
    event.key = std::to_string(member.id.value());
    event.event_type = MemberRegistered::EventType();
    event.payload = MemberRegistered{member, m.now}.Serialize();
    event.source = source_;
    if (auto added = outbox_.Add(tx, event); !added) return std::move(added).error();
    return member;
  });
  if (!created && created.error().code == sql::errc::kDuplicateKey) {
    return Error::Permanent(std::string(kDuplicateLoginId), "loginId already registered");
  }
  return created;
}

Result<std::optional<MemberRepository::StoredMember>> SqlMemberRepository::FindByLoginId(std::string_view login_id) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  return FirstMember(conn->Query(std::string(kSelectColumns) + "WHERE login_id = ?", {login_id}));
}

Result<std::optional<MemberRepository::StoredMember>> SqlMemberRepository::FindById(MemberId id) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  return FirstMember(conn->Query(std::string(kSelectColumns) + "WHERE id = ?", {id}));
}

Result<std::vector<SellerName>> SqlMemberRepository::FindSellerNames(const std::vector<MemberId>& ids) {
  // One placeholder per id: the statement text varies with the count only (at most
  // kSellerLookupMaxIds), and every value still goes through a parameter.
  std::string statement = "SELECT id, user_name FROM `user` WHERE role = ? AND id IN (";
  std::vector<sql::Param> params{std::string(RoleName(Role::kSeller))};
  params.reserve(ids.size() + 1);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    statement += i == 0 ? "?" : ", ?";
    params.emplace_back(ids[i]);
  }
  statement += ") ORDER BY id";
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto rows = conn->Query(statement, params);
  if (!rows) return std::move(rows).error();
  std::vector<SellerName> out;
  out.reserve(rows->size());
  for (const sql::Row& row : *rows) {
    out.push_back(SellerName{row.Get<MemberId>("id"), row.Get<std::string>("user_name")});
  }
  return out;
}

Result<bool> SqlMemberRepository::Update(MemberId id, const std::optional<std::string>& user_name,
                                         const std::optional<std::string>& password_hash,
                                         std::chrono::system_clock::time_point now) {
  return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Result<bool> {
    // Existence is read under a row lock: MariaDB reports an UPDATE that changes nothing as 0
    // affected rows, which would be mistaken for "no such member".
    auto found = tx.Query("SELECT id FROM `user` WHERE id = ? FOR UPDATE", {id});
    if (!found) return std::move(found).error();
    if (found->empty()) return false;
    auto updated = tx.Execute(
        "UPDATE `user` SET user_name = COALESCE(?, user_name), password_hash = COALESCE(?, password_hash), "
        "updated_at = ? WHERE id = ?",
        {user_name, password_hash, now, id});
    if (!updated) return std::move(updated).error();
    return true;
  });
}

Result<std::int64_t> SqlMemberRepository::RaiseTokenVersion(MemberId id, std::chrono::system_clock::time_point now) {
  return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Result<std::int64_t> {
    auto found = tx.Query("SELECT token_version FROM `user` WHERE id = ? FOR UPDATE", {id});
    if (!found) return std::move(found).error();
    if (found->empty()) return Error::Permanent(std::string(kNoSuchMember), "no member has this id");
    const std::int64_t version = found->front().Get<std::int64_t>("token_version") + 1;
    if (auto updated = tx.Execute("UPDATE `user` SET token_version = ? WHERE id = ?", {version, id}); !updated) {
      return std::move(updated).error();
    }
    auto recorded = tx.Execute("INSERT INTO token_revocation (member_id, min_version, created_at) VALUES (?, ?, ?)",
                               {id, version, now});
    if (!recorded) return std::move(recorded).error();
    return version;
  });
}

Result<std::vector<MemberRepository::TokenRevocation>> SqlMemberRepository::RevocationsAfter(
    std::int64_t after_seq, std::chrono::system_clock::time_point recent_since,
    std::chrono::system_clock::time_point oldest, std::size_t limit) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto rows = conn->Query(
      "SELECT seq, member_id, min_version FROM token_revocation "
      "WHERE created_at >= ? AND (seq > ? OR created_at >= ?) ORDER BY seq LIMIT ?",
      {oldest, after_seq, recent_since, static_cast<std::int64_t>(limit)});
  if (!rows) return std::move(rows).error();
  std::vector<TokenRevocation> out;
  out.reserve(rows->size());
  for (const sql::Row& row : *rows) {
    out.push_back(TokenRevocation{row.Get<std::int64_t>("seq"), row.Get<MemberId>("member_id"),
                                  row.Get<std::int64_t>("min_version")});
  }
  return out;
}

}  // namespace eda::member
