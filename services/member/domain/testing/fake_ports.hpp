#pragma once

// In-memory implementations of the member service's ports, for unit tests of the domain and of the
// HTTP handlers. Not thread-safe (tests drive them from one thread at a time). Test-only.

#include <algorithm>
#include <map>
#include <string>

#include "member/domain/member_service.hpp"

namespace eda::member::testing {

using std::chrono::seconds;

class FakeMembers : public MemberRepository {
 public:
  Result<Member> Create(const NewMember& m) override {
    if (fail_next) { fail_next = false; return Error::Transient("sql.connection", "down"); }
    for (const auto& [id, row] : rows) {
      if (Lower(row.member.login_id) == Lower(m.login_id)) return Error::Permanent(std::string(kDuplicateLoginId), "dup");
    }
    const MemberId id{next_id++};
    rows[id.value()] = StoredMember{Member{id, m.login_id, m.user_name, m.role}, m.password_hash};
    ++events;  // the real store writes the outbox row in the same transaction
    return rows[id.value()].member;
  }
  Result<std::optional<StoredMember>> FindByLoginId(std::string_view login_id) override {
    ++lookups;
    for (const auto& [id, row] : rows) if (Lower(row.member.login_id) == Lower(login_id)) return std::optional(row);
    return std::optional<StoredMember>{};
  }
  Result<std::optional<StoredMember>> FindById(MemberId id) override {
    auto it = rows.find(id.value());
    if (it == rows.end()) return std::optional<StoredMember>{};
    return std::optional(it->second);
  }
  Result<std::vector<SellerName>> FindSellerNames(const std::vector<MemberId>& ids) override {
    if (fail_next) { fail_next = false; return Error::Transient("sql.connection", "down"); }
    ++seller_lookups;
    std::vector<SellerName> out;
    for (const auto& [id, row] : rows) {
      if (row.member.role != Role::kSeller) continue;
      if (std::find(ids.begin(), ids.end(), row.member.id) != ids.end()) {
        out.push_back({row.member.id, row.member.user_name});
      }
    }
    return out;
  }
  Result<bool> Update(MemberId id, const std::optional<std::string>& name, const std::optional<std::string>& hash,
                      Clock::time_point) override {
    auto it = rows.find(id.value());
    if (it == rows.end()) return false;
    if (name) it->second.member.user_name = *name;
    if (hash) it->second.password_hash = *hash;
    return true;
  }
  Result<std::int64_t> RaiseTokenVersion(MemberId id, Clock::time_point now) override {
    auto it = rows.find(id.value());
    if (it == rows.end()) return Error::Permanent(std::string(kNoSuchMember), "gone");
    const std::int64_t version = ++it->second.token_version;
    revocations.push_back({static_cast<std::int64_t>(revocations.size()) + 1, id, version});
    revocation_times.push_back(now);
    return version;
  }
  Result<std::vector<TokenRevocation>> RevocationsAfter(std::int64_t after_seq, Clock::time_point recent_since,
                                                         Clock::time_point oldest, std::size_t limit) override {
    std::vector<TokenRevocation> out;
    for (std::size_t i = 0; i < revocations.size() && out.size() < limit; ++i) {
      const auto at = revocation_times[i];
      if (at >= oldest && (revocations[i].seq > after_seq || at >= recent_since)) out.push_back(revocations[i]);
    }
    return out;
  }
  static std::string Lower(std::string_view s) {
    std::string o(s);
    for (char& c : o) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return o;
  }
  std::map<std::int64_t, StoredMember> rows;
  std::vector<TokenRevocation> revocations;
  std::vector<Clock::time_point> revocation_times;
  std::int64_t next_id = 1;
  int events = 0;
  int lookups = 0;
  int seller_lookups = 0;
  bool fail_next = false;
};

class FakeTokens : public RefreshTokenRepository {
 public:
  Status Insert(const RefreshTokenRecord& t, std::string_view hash, Clock::time_point) override {
    rows[std::string(hash)] = t;
    return {};
  }
  Result<std::optional<RefreshTokenRecord>> FindByHash(std::string_view hash) override {
    auto it = rows.find(std::string(hash));
    if (it == rows.end()) return std::optional<RefreshTokenRecord>{};
    return std::optional(it->second);
  }
  Result<bool> Rotate(std::string_view parent_id, const RefreshTokenRecord& child, std::string_view child_hash,
                      Clock::time_point) override {
    for (auto& [h, t] : rows) {
      if (t.id == parent_id) {
        if (t.state != RefreshTokenState::kActive || lose_next_race) { lose_next_race = false; return false; }
        t.state = RefreshTokenState::kRotated;
        rows[std::string(child_hash)] = child;
        return true;
      }
    }
    return false;
  }
  Status RevokeFamily(std::string_view family, Clock::time_point) override {
    for (auto& [h, t] : rows) if (t.family_id == family) t.state = RefreshTokenState::kRevoked;
    return {};
  }
  Status RevokeAllOfMember(MemberId member, Clock::time_point) override {
    for (auto& [h, t] : rows) if (t.member_id == member) t.state = RefreshTokenState::kRevoked;
    return {};
  }
  std::map<std::string, RefreshTokenRecord> rows;
  bool lose_next_race = false;
};

class FakeThrottle : public LoginThrottleStore {
 public:
  Result<FailureCounter> Get(Scope s, const std::string& subject) override {
    if (down) return Error::Transient("redis.connection", "down");
    auto it = counters.find({s, subject});
    return it == counters.end() ? FailureCounter{} : it->second;
  }
  Result<std::int64_t> Increment(Scope s, const std::string& subject) override { return ++counters[{s, subject}].failures; }
  Status Expire(Scope s, const std::string& subject, seconds ttl) override {
    counters[{s, subject}].ttl = ttl;
    return {};
  }
  Status Reset(Scope s, const std::string& subject) override {
    counters.erase({s, subject});
    return {};
  }
  std::map<std::pair<Scope, std::string>, FailureCounter> counters;
  bool down = false;
};

// "Hashes" are "v2:<password>"; "v1:" hashes verify but need a rehash. Counts verifications.
class FakeHashing : public PasswordHashing {
 public:
  Result<std::string> Hash(std::string_view pw) const override { ++hashes; return "v2:" + std::string(pw); }
  bool Verify(std::string_view stored, std::string_view pw) const override {
    ++verifications;
    return stored.substr(3) == pw;
  }
  bool NeedsRehash(std::string_view stored) const override { return stored.substr(0, 3) != "v2:"; }
  mutable int hashes = 0;
  mutable int verifications = 0;
};

class FakeIssuer : public AccessTokenIssuer {
 public:
  AccessToken Issue(const Member& m, std::int64_t token_version) const override {
    return {"jwt-" + std::to_string(m.id.value()) + "-" + std::string(RoleName(m.role)) + "-v" +
                std::to_string(token_version),
            seconds{900}};
  }
};

class FakeCodec : public RefreshTokenCodec {
 public:
  std::string NewToken() const override { return "rt" + std::to_string(++n); }
  std::string Hash(std::string_view t) const override { return "H(" + std::string(t) + ")"; }
  mutable int n = 0;
};

}  // namespace eda::member::testing
