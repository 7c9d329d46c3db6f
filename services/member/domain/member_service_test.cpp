#include "member/domain/member_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

namespace eda::member {
namespace {

using std::chrono::seconds;

// ---- in-memory ports ----

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
  Result<bool> Update(MemberId id, const std::optional<std::string>& name, const std::optional<std::string>& hash,
                      Clock::time_point) override {
    auto it = rows.find(id.value());
    if (it == rows.end()) return false;
    if (name) it->second.member.user_name = *name;
    if (hash) it->second.password_hash = *hash;
    return true;
  }
  static std::string Lower(std::string_view s) {
    std::string o(s);
    for (char& c : o) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return o;
  }
  std::map<std::int64_t, StoredMember> rows;
  std::int64_t next_id = 1;
  int events = 0;
  int lookups = 0;
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
  AccessToken Issue(const Member& m) const override {
    return {"jwt-" + std::to_string(m.id.value()) + "-" + std::string(RoleName(m.role)), seconds{900}};
  }
};

class FakeCodec : public RefreshTokenCodec {
 public:
  std::string NewToken() const override { return "rt" + std::to_string(++n); }
  std::string Hash(std::string_view t) const override { return "H(" + std::string(t) + ")"; }
  mutable int n = 0;
};

class MemberServiceTest : public ::testing::Test {
 protected:
  MemberService::Settings Settings() {
    MemberService::Settings s;
    s.throttle = ThrottlePolicy{3, 5, seconds{600}, seconds{900}};
    s.refresh_ttl = seconds{3600};
    s.bootstrap_admin_login_id = "root";
    return s;
  }
  MemberService Make() {
    return MemberService(MemberService::Ports{members, tokens, throttle, hashing, issuer, codec, [this] { return now; }},
                         Settings());
  }
  Member Register(std::string login, std::string name = "Name", std::string password = "s3cretPassw") {
    auto r = service.Register(RegistrationInput{login, name, password, std::nullopt}, Caller::Anonymous());
    EXPECT_TRUE(r.ok());
    return *r;
  }

  FakeMembers members;
  FakeTokens tokens;
  FakeThrottle throttle;
  FakeHashing hashing;
  FakeIssuer issuer;
  FakeCodec codec;
  Clock::time_point now = Clock::time_point{} + std::chrono::hours{24 * 365 * 50};
  MemberService service = Make();
};

TEST_F(MemberServiceTest, RegisterStoresHashNotPasswordAndEmitsEvent) {
  const Member m = Register("alice", "Alice", "s3cretPassw");
  EXPECT_EQ(m.login_id, "alice");
  EXPECT_EQ(m.role, Role::kBuyer);
  EXPECT_EQ(members.rows.at(m.id.value()).password_hash, "v2:s3cretPassw");
  EXPECT_EQ(members.events, 1);
}

TEST_F(MemberServiceTest, RegisterRejectsInvalidDuplicateAndAdminRequests) {
  EXPECT_EQ(service.Register(RegistrationInput{"a", "", "x", std::nullopt}, Caller::Anonymous()).error().code,
            MemberErrc::kInvalidRequest);
  Register("alice");
  EXPECT_EQ(service.Register(RegistrationInput{"ALICE", "A", "s3cretPassw", std::nullopt}, Caller::Anonymous())
                .error()
                .code,
            MemberErrc::kDuplicateLoginId);
  EXPECT_EQ(service.Register(RegistrationInput{"mallory", "M", "s3cretPassw", "ADMIN"}, Caller::Anonymous()).error().code,
            MemberErrc::kForbidden);
  EXPECT_EQ(members.events, 1);
}

TEST_F(MemberServiceTest, RegisterRolesSellerBootstrapAndAdminGrant) {
  EXPECT_EQ(service.Register(RegistrationInput{"shop1", "S", "s3cretPassw", "SELLER"}, Caller::Anonymous())->role,
            Role::kSeller);
  const Member root = Register("root");
  EXPECT_EQ(root.role, Role::kAdmin);
  EXPECT_EQ(service.Register(RegistrationInput{"ops2", "O", "s3cretPassw", "ADMIN"},
                             Caller::Authenticated(root.id, Role::kAdmin))
                ->role,
            Role::kAdmin);
}

TEST_F(MemberServiceTest, RegisterInfrastructureFailureIsUnavailableWithCauseForLogs) {
  members.fail_next = true;
  const auto r = service.Register(RegistrationInput{"alice", "A", "s3cretPassw", std::nullopt}, Caller::Anonymous());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, MemberErrc::kUnavailable);
  EXPECT_NE(r.error().cause.find("sql.connection"), std::string::npos);
  EXPECT_EQ(r.error().detail.find("down"), std::string::npos);
}

TEST_F(MemberServiceTest, LoginIssuesTokensAndStartsAFamily) {
  const Member m = Register("alice");
  const auto s = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->member, m);
  EXPECT_EQ(s->access.token, "jwt-1-BUYER");
  EXPECT_EQ(s->access.expires_in, seconds{900});
  ASSERT_EQ(tokens.rows.count("H(" + s->refresh_token + ")"), 1u);
  const auto& rec = tokens.rows.at("H(" + s->refresh_token + ")");
  EXPECT_EQ(rec.member_id, m.id);
  EXPECT_EQ(rec.expires_at, now + seconds{3600});
}

TEST_F(MemberServiceTest, UnknownLoginAndWrongPasswordAreIndistinguishableAndCostTheSame) {
  Register("alice");
  const int before = hashing.verifications;
  const auto wrong = service.Login(LoginInput{"alice", "nope-nope1"}, "10.0.0.1");
  const auto unknown = service.Login(LoginInput{"bob", "nope-nope1"}, "10.0.0.1");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, MemberErrc::kInvalidCredentials);
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().detail, wrong.error().detail);
  EXPECT_EQ(hashing.verifications - before, 2);  // the unknown login verified against the dummy hash
}

TEST_F(MemberServiceTest, DummyHashNeverMatches) {
  // Even a password equal to anything a test could guess fails for an unknown loginId.
  EXPECT_EQ(service.Login(LoginInput{"ghost", ""}, "a").error().code, MemberErrc::kInvalidRequest);
  EXPECT_EQ(service.Login(LoginInput{"ghost", "x"}, "a").error().code, MemberErrc::kInvalidCredentials);
}

TEST_F(MemberServiceTest, ThrottlesPerLoginIdThenRefusesEvenTheRightPassword) {
  Register("alice");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(service.Login(LoginInput{"alice", "wrong-pass1"}, "10.0.0.1").error().code,
              MemberErrc::kInvalidCredentials);
  }
  const int verifications = hashing.verifications;
  const auto locked = service.Login(LoginInput{"Alice", "s3cretPassw"}, "10.0.0.2");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, MemberErrc::kTooManyAttempts);
  EXPECT_EQ(locked.error().retry_after, seconds{900});
  EXPECT_EQ(hashing.verifications, verifications);  // refused before any password work
  // Another login id from another address is not affected.
  Register("bobby");
  EXPECT_TRUE(service.Login(LoginInput{"bobby", "s3cretPassw"}, "10.0.0.3").ok());
}

TEST_F(MemberServiceTest, ThrottlesPerAddressAcrossLoginIds) {
  Register("victim");
  for (int i = 0; i < 5; ++i) (void)service.Login(LoginInput{"user" + std::to_string(i), "wrong-pass1"}, "6.6.6.6");
  const auto r = service.Login(LoginInput{"victim", "s3cretPassw"}, "6.6.6.6");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, MemberErrc::kTooManyAttempts);
  EXPECT_TRUE(service.Login(LoginInput{"victim", "s3cretPassw"}, "1.2.3.4").ok());
}

TEST_F(MemberServiceTest, UnknownAddressesDoNotShareABucket) {
  Register("victim");
  for (int i = 0; i < 6; ++i) (void)service.Login(LoginInput{"user" + std::to_string(i), "wrong-pass1"}, "");
  EXPECT_TRUE(service.Login(LoginInput{"victim", "s3cretPassw"}, "").ok());
  for (const auto& [key, counter] : throttle.counters) EXPECT_EQ(key.first, LoginThrottleStore::Scope::kLoginId);
}

TEST_F(MemberServiceTest, SuccessClearsLoginCounter) {
  Register("alice");
  (void)service.Login(LoginInput{"alice", "wrong-pass1"}, "10.0.0.1");
  (void)service.Login(LoginInput{"alice", "wrong-pass1"}, "10.0.0.1");
  ASSERT_TRUE(service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1").ok());
  (void)service.Login(LoginInput{"alice", "wrong-pass1"}, "10.0.0.1");
  (void)service.Login(LoginInput{"alice", "wrong-pass1"}, "10.0.0.1");
  EXPECT_TRUE(service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1").ok());
}

TEST_F(MemberServiceTest, ThrottleStoreDownFailsClosed) {
  Register("alice");
  throttle.down = true;
  EXPECT_EQ(service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1").error().code, MemberErrc::kUnavailable);
}

TEST_F(MemberServiceTest, LoginRehashesOldParameterHashes) {
  const Member m = Register("alice");
  members.rows.at(m.id.value()).password_hash = "v1:s3cretPassw";
  ASSERT_TRUE(service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1").ok());
  EXPECT_EQ(members.rows.at(m.id.value()).password_hash, "v2:s3cretPassw");
}

TEST_F(MemberServiceTest, RefreshRotatesAndReuseRevokesTheFamily) {
  Register("alice");
  const auto login = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  ASSERT_TRUE(login.ok());
  const auto first = service.Refresh(login->refresh_token);
  ASSERT_TRUE(first.ok());
  EXPECT_NE(first->refresh_token, login->refresh_token);
  const auto second = service.Refresh(first->refresh_token);
  ASSERT_TRUE(second.ok());

  // The attacker replays the first (rotated) token: refused, and the family dies...
  EXPECT_EQ(service.Refresh(login->refresh_token).error().code, MemberErrc::kRefreshTokenReused);
  // ...so the legitimate holder's newest token is refused too.
  EXPECT_EQ(service.Refresh(second->refresh_token).error().code, MemberErrc::kInvalidRefreshToken);
  // A fresh login starts a new, working family.
  const auto again = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(service.Refresh(again->refresh_token).ok());
}

TEST_F(MemberServiceTest, RefreshPicksUpTheCurrentRole) {
  const Member m = Register("alice");
  const auto login = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  members.rows.at(m.id.value()).member.role = Role::kSeller;
  EXPECT_EQ(service.Refresh(login->refresh_token)->access.token, "jwt-1-SELLER");
}

TEST_F(MemberServiceTest, RefreshExpiresAndUnknownIsRefused) {
  Register("alice");
  const auto login = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  EXPECT_EQ(service.Refresh("made-up").error().code, MemberErrc::kInvalidRefreshToken);
  now += seconds{3600};
  EXPECT_EQ(service.Refresh(login->refresh_token).error().code, MemberErrc::kInvalidRefreshToken);
}

TEST_F(MemberServiceTest, LosingTheRotationRaceCountsAsReuse) {
  Register("alice");
  const auto login = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  tokens.lose_next_race = true;
  EXPECT_EQ(service.Refresh(login->refresh_token).error().code, MemberErrc::kRefreshTokenReused);
  EXPECT_EQ(tokens.rows.at("H(" + login->refresh_token + ")").state, RefreshTokenState::kRevoked);
}

TEST_F(MemberServiceTest, LogoutRevokesFamilyAndIsIdempotent) {
  Register("alice");
  const auto login = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  const auto next = service.Refresh(login->refresh_token);
  ASSERT_TRUE(service.Logout(next->refresh_token).ok());
  EXPECT_EQ(service.Refresh(next->refresh_token).error().code, MemberErrc::kInvalidRefreshToken);
  EXPECT_TRUE(service.Logout(next->refresh_token).ok());
  EXPECT_TRUE(service.Logout("never-issued").ok());
}

TEST_F(MemberServiceTest, ModifySelfOnlyAndPasswordChangeEndsSessions) {
  const Member alice = Register("alice");
  const Member bob = Register("bob1");
  const auto login = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");

  EXPECT_EQ(service.Modify(Caller::Anonymous(), alice.id, ModificationInput{"X", std::nullopt}).error().code,
            MemberErrc::kUnauthenticated);
  EXPECT_EQ(service.Modify(Caller::Authenticated(bob.id, Role::kBuyer), alice.id, ModificationInput{"X", std::nullopt})
                .error()
                .code,
            MemberErrc::kForbidden);
  const auto renamed =
      service.Modify(Caller::Authenticated(alice.id, Role::kBuyer), alice.id, ModificationInput{"Alice B", "n3wPassword"});
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->user_name, "Alice B");
  EXPECT_EQ(members.rows.at(alice.id.value()).password_hash, "v2:n3wPassword");
  EXPECT_EQ(service.Refresh(login->refresh_token).error().code, MemberErrc::kInvalidRefreshToken);
  EXPECT_TRUE(service.Login(LoginInput{"alice", "n3wPassword"}, "10.0.0.1").ok());
}

TEST_F(MemberServiceTest, ModifyByAdminAndMissingTarget) {
  const Member alice = Register("alice");
  const Member root = Register("root");
  const Caller admin = Caller::Authenticated(root.id, Role::kAdmin);
  EXPECT_TRUE(service.Modify(admin, alice.id, ModificationInput{"By Admin", std::nullopt}).ok());
  EXPECT_EQ(service.Modify(admin, MemberId{999}, ModificationInput{"X", std::nullopt}).error().code,
            MemberErrc::kMemberNotFound);
  EXPECT_EQ(service.Modify(admin, alice.id, ModificationInput{}).error().code, MemberErrc::kInvalidRequest);
}

TEST_F(MemberServiceTest, FindByLoginIdSelfAdminOthersAnonymous) {
  const Member alice = Register("alice");
  const Member bob = Register("bob1");
  const Member root = Register("root");
  const int lookups = members.lookups;
  EXPECT_EQ(service.FindByLoginId(Caller::Anonymous(), "alice").error().code, MemberErrc::kUnauthenticated);
  EXPECT_EQ(members.lookups, lookups);  // no lookup for anonymous callers
  EXPECT_EQ(*service.FindByLoginId(Caller::Authenticated(alice.id, Role::kBuyer), "alice"), alice);
  EXPECT_EQ(service.FindByLoginId(Caller::Authenticated(bob.id, Role::kBuyer), "alice").error().code,
            MemberErrc::kForbidden);
  EXPECT_EQ(service.FindByLoginId(Caller::Authenticated(bob.id, Role::kBuyer), "nobody").error().code,
            MemberErrc::kForbidden);
  EXPECT_EQ(*service.FindByLoginId(Caller::Authenticated(root.id, Role::kAdmin), "alice"), alice);
  EXPECT_EQ(service.FindByLoginId(Caller::Authenticated(root.id, Role::kAdmin), "nobody").error().code,
            MemberErrc::kMemberNotFound);
}

}  // namespace
}  // namespace eda::member
