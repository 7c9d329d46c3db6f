#include "member/domain/member_service.hpp"

#include <gtest/gtest.h>

#include "member/domain/testing/fake_ports.hpp"

namespace eda::member {
namespace {

using namespace eda::member::testing;
using std::chrono::seconds;

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
    auto r = service.Register(RegistrationInput{login, name, password, std::nullopt}, Caller::Anonymous(), "10.0.0.9");
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
  EXPECT_EQ(service.Register(RegistrationInput{"a", "", "x", std::nullopt}, Caller::Anonymous(), "10.0.0.9").error().code,
            MemberErrc::kInvalidRequest);
  Register("alice");
  EXPECT_EQ(service.Register(RegistrationInput{"ALICE", "A", "s3cretPassw", std::nullopt}, Caller::Anonymous(), "10.0.0.9")
                .error()
                .code,
            MemberErrc::kDuplicateLoginId);
  EXPECT_EQ(service.Register(RegistrationInput{"mallory", "M", "s3cretPassw", "ADMIN"}, Caller::Anonymous(), "10.0.0.9").error().code,
            MemberErrc::kForbidden);
  EXPECT_EQ(members.events, 1);
}

TEST_F(MemberServiceTest, ATakenLoginIdCostsTheSameHashAndCountsAgainstTheAddressLikeAFailedLogin) {
  Register("alice");
  const int hashes = hashing.hashes;
  const auto taken = service.Register(RegistrationInput{"alice", "A", "s3cretPassw", std::nullopt}, Caller::Anonymous(),
                                      "10.0.0.7");
  EXPECT_EQ(taken.error().code, MemberErrc::kDuplicateLoginId);
  EXPECT_EQ(hashing.hashes, hashes + 1);  // like a fresh registration
  EXPECT_EQ(throttle.counters.at({LoginThrottleStore::Scope::kAddress, "10.0.0.7"}).failures, 1);
  // Four more probes (limit 5 per address) lock the address: then nothing is looked up or hashed,
  // whether the loginId is taken or not, and logins from it are locked as well.
  for (int i = 0; i < 4; ++i) {
    (void)service.Register(RegistrationInput{"alice", "A", "s3cretPassw", std::nullopt}, Caller::Anonymous(), "10.0.0.7");
  }
  const int locked_hashes = hashing.hashes;
  const auto probe = service.Register(RegistrationInput{"alice", "A", "s3cretPassw", std::nullopt}, Caller::Anonymous(),
                                      "10.0.0.7");
  const auto fresh = service.Register(RegistrationInput{"newbie", "N", "s3cretPassw", std::nullopt}, Caller::Anonymous(),
                                      "10.0.0.7");
  EXPECT_EQ(probe.error().code, MemberErrc::kTooManyAttempts);
  EXPECT_EQ(fresh.error().code, MemberErrc::kTooManyAttempts);
  EXPECT_EQ(probe.error().detail, fresh.error().detail);
  EXPECT_EQ(hashing.hashes, locked_hashes);
  EXPECT_EQ(service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.7").error().code, MemberErrc::kTooManyAttempts);
  // Fresh registrations count nothing; other addresses are unaffected.
  ASSERT_TRUE(service.Register(RegistrationInput{"newbie", "N", "s3cretPassw", std::nullopt}, Caller::Anonymous(),
                               "10.0.0.8")
                  .ok());
  EXPECT_EQ(throttle.counters.count({LoginThrottleStore::Scope::kAddress, "10.0.0.8"}), 0u);
  throttle.down = true;
  EXPECT_EQ(service.Register(RegistrationInput{"other1", "O", "s3cretPassw", std::nullopt}, Caller::Anonymous(),
                             "10.0.0.8")
                .error()
                .code,
            MemberErrc::kUnavailable);
}

TEST_F(MemberServiceTest, RegisterRolesSellerBootstrapAndAdminGrant) {
  EXPECT_EQ(service.Register(RegistrationInput{"shop1", "S", "s3cretPassw", "SELLER"}, Caller::Anonymous(), "10.0.0.9")->role,
            Role::kSeller);
  const Member root = Register("root");
  EXPECT_EQ(root.role, Role::kAdmin);
  EXPECT_EQ(service.Register(RegistrationInput{"ops2", "O", "s3cretPassw", "ADMIN"},
                             Caller::Authenticated(root.id, Role::kAdmin), "10.0.0.9")
                ->role,
            Role::kAdmin);
}

TEST_F(MemberServiceTest, RegisterInfrastructureFailureIsUnavailableWithCauseForLogs) {
  members.fail_next = true;
  const auto r = service.Register(RegistrationInput{"alice", "A", "s3cretPassw", std::nullopt}, Caller::Anonymous(), "10.0.0.9");
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
  EXPECT_EQ(s->access.token, "jwt-1-BUYER-v0");
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
  EXPECT_EQ(service.Refresh(login->refresh_token)->access.token, "jwt-1-SELLER-v0");
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

  EXPECT_EQ(service.Modify(Caller::Anonymous(), alice.id, ModificationInput{"X", std::nullopt, std::nullopt}).error().code,
            MemberErrc::kUnauthenticated);
  EXPECT_EQ(service.Modify(Caller::Authenticated(bob.id, Role::kBuyer), alice.id,
                           ModificationInput{"X", std::nullopt, std::nullopt})
                .error()
                .code,
            MemberErrc::kForbidden);
  const Caller self = Caller::Authenticated(alice.id, Role::kBuyer);
  const auto renamed = service.Modify(self, alice.id, ModificationInput{"Alice B", "n3wPassword", "s3cretPassw"});
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->user_name, "Alice B");
  EXPECT_EQ(members.rows.at(alice.id.value()).password_hash, "v2:n3wPassword");
  EXPECT_EQ(service.Refresh(login->refresh_token).error().code, MemberErrc::kInvalidRefreshToken);
  // Every access token issued before the change is revoked; new ones carry the raised version.
  EXPECT_EQ(members.rows.at(alice.id.value()).token_version, 1);
  ASSERT_EQ(members.revocations.size(), 1u);
  EXPECT_EQ(members.revocations.back().member_id, alice.id);
  EXPECT_EQ(members.revocations.back().min_version, 1);
  EXPECT_EQ(service.Login(LoginInput{"alice", "n3wPassword"}, "10.0.0.1")->access.token, "jwt-1-BUYER-v1");
}

TEST_F(MemberServiceTest, ChangingOnesOwnPasswordNeedsTheCurrentOne) {
  const Member alice = Register("alice");
  const Caller self = Caller::Authenticated(alice.id, Role::kBuyer);
  const auto missing = service.Modify(self, alice.id, ModificationInput{std::nullopt, "n3wPassword", std::nullopt});
  ASSERT_EQ(missing.error().code, MemberErrc::kInvalidRequest);
  EXPECT_EQ(missing.error().fields.at(0).field, "currentPassword");
  EXPECT_EQ(service.Modify(self, alice.id, ModificationInput{std::nullopt, "n3wPassword", "wrong-pass1"}).error().code,
            MemberErrc::kInvalidCredentials);
  EXPECT_EQ(members.rows.at(alice.id.value()).password_hash, "v2:s3cretPassw");
  EXPECT_TRUE(members.revocations.empty());
  // Wrong current passwords count like failed logins: the third locks (limit 3 per loginId).
  (void)service.Modify(self, alice.id, ModificationInput{std::nullopt, "n3wPassword", "wrong-pass2"});
  (void)service.Modify(self, alice.id, ModificationInput{std::nullopt, "n3wPassword", "wrong-pass3"});
  EXPECT_EQ(service.Modify(self, alice.id, ModificationInput{std::nullopt, "n3wPassword", "s3cretPassw"}).error().code,
            MemberErrc::kTooManyAttempts);
  // A name change alone needs no password and revokes nothing.
  EXPECT_TRUE(service.Modify(self, alice.id, ModificationInput{"Alice B", std::nullopt, std::nullopt}).ok());
  EXPECT_TRUE(members.revocations.empty());
}

TEST_F(MemberServiceTest, AnAdminResetsAnotherMembersPasswordWithoutTheirs) {
  const Member alice = Register("alice");
  const Member root = Register("root");
  const Caller admin = Caller::Authenticated(root.id, Role::kAdmin);
  ASSERT_TRUE(service.Modify(admin, alice.id, ModificationInput{std::nullopt, "n3wPassword", std::nullopt}).ok());
  EXPECT_EQ(members.rows.at(alice.id.value()).token_version, 1);
}

TEST_F(MemberServiceTest, LogoutAndFamilyReuseRevokeTheAccessTokens) {
  const Member alice = Register("alice");
  const auto login = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  ASSERT_TRUE(service.Refresh(login->refresh_token).ok());
  EXPECT_TRUE(members.revocations.empty());
  EXPECT_EQ(service.Refresh(login->refresh_token).error().code, MemberErrc::kRefreshTokenReused);
  EXPECT_EQ(members.rows.at(alice.id.value()).token_version, 1);

  const auto again = service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1");
  EXPECT_EQ(again->access.token, "jwt-1-BUYER-v1");
  ASSERT_TRUE(service.Logout(again->refresh_token).ok());
  EXPECT_EQ(members.rows.at(alice.id.value()).token_version, 2);
  ASSERT_TRUE(service.Logout("never-issued").ok());
  EXPECT_EQ(members.revocations.size(), 2u);
}

TEST_F(MemberServiceTest, RevocationsAreServedWithALookBackAndUntilEveryOlderTokenExpired) {
  const Member alice = Register("alice");
  const Member bob = Register("bob1");
  ASSERT_TRUE(service.Logout(service.Login(LoginInput{"alice", "s3cretPassw"}, "10.0.0.1")->refresh_token).ok());
  now += seconds{60};
  ASSERT_TRUE(service.Logout(service.Login(LoginInput{"bob1", "s3cretPassw"}, "10.0.0.1")->refresh_token).ok());

  auto all = service.Revocations(0, 100);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].member_id, alice.id);
  // After seq 2: nothing new, but bob's raise is still within the look-back and comes again.
  auto after = service.Revocations(2, 100);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].member_id, bob.id);
  now += MemberService::kRevocationLookBack + seconds{1};
  EXPECT_TRUE(service.Revocations(2, 100)->empty());
  EXPECT_EQ(service.Revocations(0, 1)->size(), 1u);
  // Older than the access-token horizon (930 s): every token it revoked has expired.
  now += seconds{930 - 61};
  ASSERT_EQ(service.Revocations(0, 100)->size(), 1u);
  EXPECT_EQ(service.Revocations(0, 100)->front().member_id, bob.id);
}

TEST_F(MemberServiceTest, ModifyByAdminAndMissingTarget) {
  const Member alice = Register("alice");
  const Member root = Register("root");
  const Caller admin = Caller::Authenticated(root.id, Role::kAdmin);
  EXPECT_TRUE(service.Modify(admin, alice.id, ModificationInput{"By Admin", std::nullopt, std::nullopt}).ok());
  EXPECT_EQ(service.Modify(admin, MemberId{999}, ModificationInput{"X", std::nullopt, std::nullopt}).error().code,
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

TEST_F(MemberServiceTest, SellerNamesGivesSellersNamesOnlyAndLeavesEveryoneElseOut) {
  const Member shop = *service.Register(RegistrationInput{"shop1", "Shop One", "s3cretPassw", "SELLER"},
                                        Caller::Anonymous(), "10.0.0.9");
  const Member buyer = Register("buyer1", "Buyer One");
  const Member root = Register("root", "Root");
  auto names = service.SellerNames({root.id, buyer.id, shop.id, MemberId{999}, shop.id});
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<SellerName>{{shop.id, "Shop One"}}));

  EXPECT_EQ(service.SellerNames({}).error().code, MemberErrc::kInvalidRequest);
  EXPECT_EQ(members.seller_lookups, 1);  // refused before any read

  members.fail_next = true;
  const auto down = service.SellerNames({shop.id});
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, MemberErrc::kUnavailable);
}

TEST_F(MemberServiceTest, SellerNamesFollowARename) {
  const Member shop = *service.Register(RegistrationInput{"shop1", "Old Name", "s3cretPassw", "SELLER"},
                                        Caller::Anonymous(), "10.0.0.9");
  ASSERT_TRUE(service.Modify(Caller::Authenticated(shop.id, Role::kSeller), shop.id,
                             ModificationInput{"New Name", std::nullopt, std::nullopt})
                  .ok());
  EXPECT_EQ(service.SellerNames({shop.id})->at(0).user_name, "New Name");
}

}  // namespace
}  // namespace eda::member
