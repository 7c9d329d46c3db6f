#pragma once

#include <string>

#include "eda/events/outbox.hpp"
#include "member/domain/member_repository.hpp"

namespace eda::sql {
class Pool;
}

namespace eda::member {

// MemberRepository on MariaDB tables `user` and token_revocation (store/migrations/), prepared statements
// only. Create writes the member-registered event into the outbox in the same transaction and
// retries the transaction on deadlocks and lost connections. Blocking (call off the I/O threads);
// thread-safe. `pool` must outlive the repository.
class SqlMemberRepository : public MemberRepository {
 public:
  // `source`: the envelope's source service name.
  SqlMemberRepository(sql::Pool& pool, events::Outbox outbox, std::string source = "member");

  Result<Member> Create(const NewMember& member) override;
  Result<std::optional<StoredMember>> FindByLoginId(std::string_view login_id) override;
  Result<std::optional<StoredMember>> FindById(MemberId id) override;
  Result<std::vector<SellerName>> FindSellerNames(const std::vector<MemberId>& ids) override;
  Result<bool> Update(MemberId id, const std::optional<std::string>& user_name,
                      const std::optional<std::string>& password_hash,
                      std::chrono::system_clock::time_point now) override;
  Result<std::int64_t> RaiseTokenVersion(MemberId id, std::chrono::system_clock::time_point now) override;
  Result<std::vector<TokenRevocation>> RevocationsAfter(std::int64_t after_seq,
                                                        std::chrono::system_clock::time_point recent_since,
                                                        std::chrono::system_clock::time_point oldest,
                                                        std::size_t limit) override;

 private:
  sql::Pool& pool_;
  events::Outbox outbox_;
  std::string source_;
};

}  // namespace eda::member
