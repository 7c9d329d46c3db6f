// Integration tests of the member service on the real MariaDB and Redis of the test stack
// (`./eda infra up --profile test`; endpoints from EDA_MYSQL_* / EDA_REDIS_*). The whole service is
// assembled as in main.cpp — repositories, Redis throttle, argon2id, EdDSA tokens, HTTP server with
// the token hook — and driven over real HTTP on loopback. Each test run owns a fresh database
// (member_<random>) and a fresh Redis key prefix, and drops/forgets them at the end.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "eda/auth/http_token_verifier.hpp"
#include "eda/auth/key_pair.hpp"
#include "eda/auth/password_hasher.hpp"
#include "eda/auth/revocation_list.hpp"
#include "eda/auth/token_issuer.hpp"
#include "eda/auth/token_verifier.hpp"
#include "eda/http/server.hpp"
#include "eda/redis/pool.hpp"
#include "eda/redis/testing/test_redis.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/testing/test_db.hpp"
#include "member/api/auth_adapters.hpp"
#include "member/api/member_routes.hpp"
#include "member/store/redis_login_throttle_store.hpp"
#include "member/store/schema.hpp"
#include "member/store/sql_member_repository.hpp"
#include "member/store/sql_refresh_token_repository.hpp"

namespace eda::member {
namespace {

namespace beast = boost::beast;
namespace json = boost::json;
using std::chrono::seconds;

constexpr auto kAccessTtl = seconds{60};
constexpr auto kRefreshTtl = seconds{3600};

struct Reply {
  int status = 0;
  std::string retry_after;
  json::object body;
};

// The member service on a fresh database, listening on an ephemeral loopback port.
class MemberStack {
 public:
  MemberStack() {
    const sql::Settings base = sql::testing::TestSettings(2);
    database_ = sql::testing::UniqueName("member");
    admin_pool_ = std::make_unique<sql::Pool>(base);
    Exec(*admin_pool_, "CREATE DATABASE " + database_);
    settings_ = base;
    settings_.database = database_;
    settings_.pool_size = 4;
    if (auto s = ApplyMemberSchema(settings_, outbox_); !s) throw std::runtime_error(s.error().message);
    pool_ = std::make_unique<sql::Pool>(settings_);
    redis_ = std::make_unique<redis::Pool>(redis::testing::TestSettings(2));
    prefix_ = redis::testing::UniquePrefix("member");

    auth::Settings auth_settings;
    auto keys = auth::Ed25519KeyPair::Generate();
    auth_settings.signing_key = keys.seed;
    auth_settings.public_key = keys.public_key;
    auth_settings.access_ttl = kAccessTtl;
    auth_settings.leeway = seconds{0};
    auto clock = [this] { return Now(); };
    issuer_ = std::make_unique<auth::TokenIssuer>(auth::TokenIssuer::Create(auth_settings, clock).value());
    verifier_ = std::make_unique<auth::TokenVerifier>(auth::TokenVerifier::Create(auth_settings, clock).value());
    access_ = std::make_unique<JwtAccessTokenIssuer>(*issuer_);

    MemberService::Settings service_settings;
    service_settings.throttle = ThrottlePolicy{3, 50, seconds{600}, seconds{900}};
    service_settings.refresh_ttl = kRefreshTtl;
    service_settings.bootstrap_admin_login_id = "rootadmin";
    members_ = std::make_unique<SqlMemberRepository>(*pool_, outbox_);
    tokens_ = std::make_unique<SqlRefreshTokenRepository>(*pool_);
    throttle_ = std::make_unique<RedisLoginThrottleStore>(*redis_, prefix_, service_settings.throttle.window);
    service_ = std::make_unique<MemberService>(
        MemberService::Ports{*members_, *tokens_, *throttle_, passwords_, *access_, codec_, clock}, service_settings);

    http::Router router;
    AddMemberRoutes(router, *service_, blocking_, RouteSettings{.trust_forwarded_for = true});
    http::ServerSettings server_settings;
    server_settings.service_name = "member-test";
    server_settings.address = "127.0.0.1";
    server_settings.port = 0;
    server_settings.access_log = false;
    server_ = std::make_unique<http::Server>(server_settings, std::move(router));
    revocations_ = std::make_unique<auth::RevocationList>(kAccessTtl, clock);
    server_->SetTokenVerifier(auth::MakeHttpTokenVerifier(*verifier_, *revocations_));
    if (auto s = server_->Start(); !s) throw std::runtime_error(s.error().message);
    PollRevocations();
  }

  // What every service's poller does (libs/service AccessTokens), through the real route.
  void PollRevocations() {
    const Reply page = Call(beast::http::verb::get,
                            "/member/internal/token-revocations?after=" + std::to_string(revocations_->cursor()));
    if (page.status != 200) throw std::runtime_error("token-revocations answered " + std::to_string(page.status));
    std::vector<auth::RevocationList::Entry> entries;
    for (const json::value& v : page.body.at("revocations").as_array()) {
      entries.push_back({v.at("seq").as_int64(), v.at("memberId").as_int64(), v.at("minVersion").as_int64()});
    }
    revocations_->Apply(entries);
  }

  ~MemberStack() {
    server_->Stop();
    {
      auto conn = redis_->Acquire();
      if (conn) {
        auto keys = conn->Command("KEYS", prefix_ + "*");
        if (keys) {
          for (const auto& k : keys->elements) (void)conn->Del(k.str);
        }
      }
    }
    pool_->Stop();
    Exec(*admin_pool_, "DROP DATABASE IF EXISTS " + database_);
  }

  std::chrono::system_clock::time_point Now() const { return std::chrono::system_clock::now() + skew_.load(); }
  void Advance(seconds s) { skew_ = skew_.load() + s; }

  Reply Call(beast::http::verb verb, const std::string& target, const std::string& body = {},
             const std::string& bearer = {}, const std::string& forwarded_for = "198.51.100.1") {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), server_->port()});
    beast::http::request<beast::http::string_body> req{verb, target, 11};
    req.set(beast::http::field::host, "localhost");
    req.set(beast::http::field::content_type, "application/json");
    req.set("X-Forwarded-For", forwarded_for);
    if (!bearer.empty()) req.set(beast::http::field::authorization, "Bearer " + bearer);
    req.body() = body;
    req.prepare_payload();
    beast::http::write(socket, req);
    beast::flat_buffer buffer;
    beast::http::response<beast::http::string_body> res;
    beast::http::read(socket, buffer, res);
    Reply reply;
    reply.status = static_cast<int>(res.result_int());
    reply.retry_after = std::string(res[beast::http::field::retry_after]);
    if (!res.body().empty()) reply.body = json::parse(res.body()).as_object();
    return reply;
  }

  Reply Register(const std::string& login_id, const std::string& password = "s3cretPassw") {
    return Call(beast::http::verb::post, "/member/users/registration",
                json::serialize(json::object{{"loginId", login_id}, {"userName", "User " + login_id},
                                             {"password", password}}));
  }
  Reply Login(const std::string& login_id, const std::string& password, const std::string& address = "198.51.100.1") {
    return Call(beast::http::verb::post, "/member/users/login",
                json::serialize(json::object{{"loginId", login_id}, {"password", password}}), {}, address);
  }
  Reply Refresh(const std::string& token) {
    return Call(beast::http::verb::post, "/member/tokens/refresh", json::serialize(json::object{{"refreshToken", token}}));
  }

  sql::Rows Query(std::string_view statement, const std::vector<sql::Param>& params = {}) {
    auto conn = pool_->Acquire();
    if (!conn) throw std::runtime_error(conn.error().message);
    auto rows = conn->Query(statement, params);
    if (!rows) throw std::runtime_error(rows.error().message);
    return *rows;
  }
  redis::Pool& redis() { return *redis_; }
  RedisLoginThrottleStore& throttle() { return *throttle_; }

 private:
  static void Exec(sql::Pool& pool, const std::string& statement) {
    auto conn = pool.Acquire();
    if (!conn) throw std::runtime_error(conn.error().message);
    if (auto r = conn->Execute(statement); !r) throw std::runtime_error(r.error().message);
  }

  std::string database_;
  sql::Settings settings_;
  std::unique_ptr<sql::Pool> admin_pool_;
  std::unique_ptr<sql::Pool> pool_;
  std::unique_ptr<redis::Pool> redis_;
  std::string prefix_;
  events::Outbox outbox_{"member_outbox"};
  std::atomic<std::chrono::system_clock::duration> skew_{std::chrono::system_clock::duration::zero()};
  auth::PasswordHasher hasher_{auth::PasswordCost::kInteractive};
  AuthPasswordHashing passwords_{hasher_};
  std::unique_ptr<auth::TokenIssuer> issuer_;
  std::unique_ptr<auth::TokenVerifier> verifier_;
  std::unique_ptr<auth::RevocationList> revocations_;
  std::unique_ptr<JwtAccessTokenIssuer> access_;
  OpaqueRefreshTokenCodec codec_;
  std::unique_ptr<SqlMemberRepository> members_;
  std::unique_ptr<SqlRefreshTokenRepository> tokens_;
  std::unique_ptr<RedisLoginThrottleStore> throttle_;
  std::unique_ptr<MemberService> service_;
  http::BlockingPool blocking_{2};
  std::unique_ptr<http::Server> server_;
};

class MemberSqlTest : public ::testing::Test {
 protected:
  MemberStack stack;
};

using beast::http::verb;

TEST_F(MemberSqlTest, RegisterLoginTokenProtectedRoute) {
  const Reply registered = stack.Register("alice");
  ASSERT_EQ(registered.status, 201);
  const std::int64_t id = registered.body.at("id").as_int64();
  EXPECT_EQ(registered.body.at("loginId").as_string(), "alice");

  const Reply login = stack.Login("alice", "s3cretPassw");
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(login.body.at("id").as_int64(), id);
  EXPECT_EQ(login.body.at("expiresIn").as_int64(), kAccessTtl.count());
  const std::string token(login.body.at("accessToken").as_string());

  const Reply self = stack.Call(verb::get, "/member/users/alice/search-email", {}, token);
  ASSERT_EQ(self.status, 200);
  EXPECT_EQ(self.body.at("id").as_int64(), id);
  EXPECT_EQ(stack.Call(verb::get, "/member/users/alice/search-email").status, 401);
  EXPECT_EQ(stack.Call(verb::get, "/member/users/alice/search-email", {}, "not-a-jwt").status, 401);

  ASSERT_EQ(stack.Register("bobby").status, 201);
  const std::string bob_token(stack.Login("bobby", "s3cretPassw").body.at("accessToken").as_string());
  EXPECT_EQ(stack.Call(verb::get, "/member/users/alice/search-email", {}, bob_token).status, 403);
  EXPECT_EQ(stack.Call(verb::get, "/member/users/nobody/search-email", {}, bob_token).status, 403);
  EXPECT_EQ(stack.Call(verb::put, "/member/users/" + std::to_string(id) + "/modify", R"({"userName":"X"})", bob_token)
                .status,
            403);

  const Reply modified =
      stack.Call(verb::put, "/member/users/" + std::to_string(id) + "/modify", R"({"userName":"Alice B"})", token);
  ASSERT_EQ(modified.status, 200);
  EXPECT_EQ(modified.body.at("userName").as_string(), "Alice B");
  const auto rows = stack.Query("SELECT user_name, password_hash FROM `user` WHERE id = ?", {id});
  EXPECT_EQ(rows.front().Get<std::string>("user_name"), "Alice B");
  const auto hash = rows.front().Get<std::string>("password_hash");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(hash.find("s3cretPassw"), std::string::npos);
}

TEST_F(MemberSqlTest, BootstrapAdminReadsAnyone) {
  ASSERT_EQ(stack.Register("alice").status, 201);
  const Reply root = stack.Register("rootadmin");
  ASSERT_EQ(root.status, 201);
  EXPECT_EQ(root.body.at("role").as_string(), "ADMIN");
  const std::string token(stack.Login("rootadmin", "s3cretPassw").body.at("accessToken").as_string());
  EXPECT_EQ(stack.Call(verb::get, "/member/users/alice/search-email", {}, token).status, 200);
  EXPECT_EQ(stack.Call(verb::get, "/member/users/nobody/search-email", {}, token).status, 404);

  // ADMIN is granted by an admin caller, refused to anyone else.
  const std::string second_admin = R"({"loginId":"opsadmin","userName":"Ops","password":"s3cretPassw","role":"ADMIN"})";
  EXPECT_EQ(stack.Call(verb::post, "/member/users/registration", second_admin).status, 403);
  const Reply granted = stack.Call(verb::post, "/member/users/registration", second_admin, token);
  ASSERT_EQ(granted.status, 201);
  EXPECT_EQ(granted.body.at("role").as_string(), "ADMIN");
}

TEST_F(MemberSqlTest, PasswordChangeEndsSessionsAndReplacesTheHash) {
  const Reply registered = stack.Register("alice");
  ASSERT_EQ(registered.status, 201);
  const std::string id = std::to_string(registered.body.at("id").as_int64());
  const Reply login = stack.Login("alice", "s3cretPassw");
  const std::string access(login.body.at("accessToken").as_string());
  const std::string refresh(login.body.at("refreshToken").as_string());
  const std::string old_hash = stack.Query("SELECT password_hash FROM `user` WHERE id = ?", {id}).front().Get<std::string>("password_hash");

  const std::string modify = "/member/users/" + id + "/modify";
  const Reply missing = stack.Call(verb::put, modify, R"({"password":"n3wPassword!"})", access);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body.at("errors").as_array().at(0).at("field").as_string(), "currentPassword");
  const Reply wrong = stack.Call(verb::put, modify, R"({"password":"n3wPassword!","currentPassword":"guess1234"})", access);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body.at("code").as_string(), "invalid_credentials");
  ASSERT_EQ(stack.Call(verb::put, modify, R"({"password":"n3wPassword!","currentPassword":"s3cretPassw"})", access).status,
            200);
  EXPECT_NE(stack.Query("SELECT password_hash FROM `user` WHERE id = ?", {id}).front().Get<std::string>("password_hash"),
            old_hash);
  EXPECT_EQ(stack.Refresh(refresh).status, 401);
  EXPECT_EQ(stack.Login("alice", "s3cretPassw").status, 401);
  const Reply again = stack.Login("alice", "n3wPassword!");
  ASSERT_EQ(again.status, 200);
  // The access token of before the change is revoked once the revocations are polled; the new one works.
  stack.PollRevocations();
  const Reply revoked = stack.Call(verb::get, "/member/users/alice/search-email", {}, access);
  EXPECT_EQ(revoked.status, 401);
  const std::string fresh(again.body.at("accessToken").as_string());
  EXPECT_EQ(stack.Call(verb::get, "/member/users/alice/search-email", {}, fresh).status, 200);
}

TEST_F(MemberSqlTest, LogoutAndRefreshReuseRevokeOutstandingAccessTokens) {
  ASSERT_EQ(stack.Register("alice").status, 201);
  ASSERT_EQ(stack.Register("bobby").status, 201);
  const std::string bob(stack.Login("bobby", "s3cretPassw").body.at("accessToken").as_string());
  const Reply first = stack.Login("alice", "s3cretPassw");
  const std::string access(first.body.at("accessToken").as_string());
  const auto whoami = [&](const std::string& token, const std::string& login) {
    return stack.Call(verb::get, "/member/users/" + login + "/search-email", {}, token).status;
  };
  ASSERT_EQ(whoami(access, "alice"), 200);
  ASSERT_EQ(stack.Call(verb::post, "/member/logout",
                       json::serialize(json::object{{"refreshToken", first.body.at("refreshToken")}}))
                .status,
            204);
  stack.PollRevocations();
  EXPECT_EQ(whoami(access, "alice"), 401);
  EXPECT_EQ(whoami(bob, "bobby"), 200);  // another member's tokens are untouched

  // A spent refresh token presented again revokes the family and the access tokens issued so far.
  const Reply second = stack.Login("alice", "s3cretPassw");
  const std::string second_access(second.body.at("accessToken").as_string());
  const std::string spent(second.body.at("refreshToken").as_string());
  const Reply rotated = stack.Refresh(spent);
  ASSERT_EQ(rotated.status, 200);
  const std::string rotated_access(rotated.body.at("accessToken").as_string());
  stack.PollRevocations();
  EXPECT_EQ(whoami(second_access, "alice"), 200);
  EXPECT_EQ(stack.Refresh(spent).status, 401);
  stack.PollRevocations();
  EXPECT_EQ(whoami(second_access, "alice"), 401);
  EXPECT_EQ(whoami(rotated_access, "alice"), 401);
  EXPECT_EQ(stack.Query("SELECT token_version FROM `user` WHERE login_id = 'alice'").front().Get<std::int64_t>("token_version"),
            2);
  EXPECT_EQ(stack.Call(verb::get, "/member/internal/token-revocations?after=x").status, 400);
}

TEST_F(MemberSqlTest, DuplicateRegistrationIs409CountedAgainstTheAddressAndWritesNoSecondEvent) {
  using Scope = LoginThrottleStore::Scope;
  ASSERT_EQ(stack.Register("alice").status, 201);
  EXPECT_EQ(stack.throttle().Get(Scope::kAddress, "198.51.100.1")->failures, 0);
  const Reply dup = stack.Register("ALICE");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.body.at("code").as_string(), "duplicate_login_id");
  EXPECT_EQ(stack.Query("SELECT COUNT(*) AS n FROM `user`").front().Get<std::int64_t>("n"), 1);
  EXPECT_EQ(stack.Query("SELECT COUNT(*) AS n FROM member_outbox").front().Get<std::int64_t>("n"), 1);
  // Telling that a loginId exists costs the address a failure, as a failed login does...
  EXPECT_EQ(stack.throttle().Get(Scope::kAddress, "198.51.100.1")->failures, 1);
  // ...so an address at its limit (50 here) learns nothing more: 429 for taken and fresh loginIds alike.
  for (int i = 1; i < 50; ++i) ASSERT_TRUE(stack.throttle().Increment(Scope::kAddress, "198.51.100.1").ok());
  ASSERT_TRUE(stack.throttle().Expire(Scope::kAddress, "198.51.100.1", seconds{900}).ok());
  const Reply taken = stack.Register("alice");
  const Reply fresh = stack.Register("zed12");
  EXPECT_EQ(taken.status, 429);
  EXPECT_EQ(fresh.status, 429);
  EXPECT_EQ(taken.body.at("code"), fresh.body.at("code"));
  EXPECT_EQ(taken.body.at("detail"), fresh.body.at("detail"));
  EXPECT_EQ(stack.Query("SELECT COUNT(*) AS n FROM `user`").front().Get<std::int64_t>("n"), 1);
  // Another address is not affected.
  const std::string body = R"({"loginId":"zed12","userName":"Zed","password":"s3cretPassw"})";
  EXPECT_EQ(stack.Call(verb::post, "/member/users/registration", body, {}, "198.51.100.77").status, 201);
}

TEST_F(MemberSqlTest, SellerNamesAnswerSellersOnlyWithTheirCurrentName) {
  const Reply seller =
      stack.Call(verb::post, "/member/users/registration",
                 R"({"loginId":"shop@example.com","userName":"Shop","password":"s3cretPassw","role":"SELLER"})");
  ASSERT_EQ(seller.status, 201);
  const Reply buyer = stack.Register("buyer1");
  ASSERT_EQ(buyer.status, 201);
  const std::int64_t seller_id = seller.body.at("id").as_int64();
  const std::int64_t buyer_id = buyer.body.at("id").as_int64();

  const Reply login = stack.Login("shop@example.com", "s3cretPassw");
  ASSERT_EQ(login.status, 200);
  ASSERT_EQ(stack.Call(verb::put, "/member/users/" + std::to_string(seller_id) + "/modify",
                       R"({"userName":"Shop Renamed"})", std::string(login.body.at("accessToken").as_string()))
                .status,
            200);

  // Anonymous, several ids in one statement, the buyer and an unknown id left out.
  const Reply names = stack.Call(verb::get, "/member/sellers?ids=" + std::to_string(buyer_id) + "," +
                                                std::to_string(seller_id) + ",987654321");
  ASSERT_EQ(names.status, 200);
  EXPECT_EQ(names.body.at("sellers").as_array(),
            (json::array{json::object{{"id", seller_id}, {"userName", "Shop Renamed"}}}));
}

TEST_F(MemberSqlTest, MemberRegisteredOutboxRowIsWrittenWithTheMember) {
  const Reply registered = stack.Register("carol");
  ASSERT_EQ(registered.status, 201);
  const std::string id = std::to_string(registered.body.at("id").as_int64());
  const auto rows = stack.Query("SELECT topic, event_type, payload, published_at FROM member_outbox WHERE aggregate_key = ?", {id});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.front().Get<std::string>("topic"), "member-registered");
  EXPECT_EQ(rows.front().Get<std::string>("event_type"), "eda.events.v1.MemberRegistered");
  const std::string payload = rows.front().Get<std::string>("payload");
  EXPECT_NE(payload.find("carol"), std::string::npos);
  EXPECT_EQ(payload.find("s3cretPassw"), std::string::npos);
  EXPECT_EQ(payload.find("argon2"), std::string::npos);
}

TEST_F(MemberSqlTest, WrongPasswordAndUnknownLoginAnswerIdentically) {
  ASSERT_EQ(stack.Register("alice").status, 201);
  const Reply wrong = stack.Login("alice", "wrongpass1", "198.51.100.2");
  const Reply unknown = stack.Login("nobody1", "wrongpass1", "198.51.100.3");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  json::object a = wrong.body, b = unknown.body;
  a.erase("instance");
  b.erase("instance");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.at("code").as_string(), "invalid_credentials");
}

TEST_F(MemberSqlTest, RepeatedFailuresAre429WithRetryAfterEvenForTheRightPassword) {
  ASSERT_EQ(stack.Register("alice").status, 201);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(stack.Login("alice", "wrongpass1").status, 401);
  const Reply locked = stack.Login("alice", "s3cretPassw", "203.0.113.9");
  ASSERT_EQ(locked.status, 429);
  EXPECT_EQ(locked.body.at("code").as_string(), "too_many_attempts");
  const int retry_after = std::stoi(locked.retry_after);
  EXPECT_GT(retry_after, 800);
  EXPECT_LE(retry_after, 900);
  // The counter lives in Redis with the lockout as its lifetime.
  auto conn = stack.redis().Acquire();
  ASSERT_TRUE(conn.ok());
  auto ttl = conn->Pttl(stack.throttle().Key(LoginThrottleStore::Scope::kLoginId, "alice"));
  ASSERT_TRUE(ttl.ok());
  ASSERT_TRUE(ttl->has_value());
  EXPECT_GT(**ttl, std::chrono::milliseconds{800'000});
}

TEST_F(MemberSqlTest, AccessTokenExpires) {
  ASSERT_EQ(stack.Register("alice").status, 201);
  const std::string token(stack.Login("alice", "s3cretPassw").body.at("accessToken").as_string());
  EXPECT_EQ(stack.Call(verb::get, "/member/users/alice/search-email", {}, token).status, 200);
  stack.Advance(kAccessTtl + seconds{1});
  EXPECT_EQ(stack.Call(verb::get, "/member/users/alice/search-email", {}, token).status, 401);
}

TEST_F(MemberSqlTest, RefreshRotatesAndReuseRevokesTheWholeFamily) {
  ASSERT_EQ(stack.Register("alice").status, 201);
  const std::string t0(stack.Login("alice", "s3cretPassw").body.at("refreshToken").as_string());
  const Reply r1 = stack.Refresh(t0);
  ASSERT_EQ(r1.status, 200);
  const std::string t1(r1.body.at("refreshToken").as_string());
  EXPECT_NE(t1, t0);
  EXPECT_FALSE(r1.body.at("accessToken").as_string().empty());
  const std::string access(r1.body.at("accessToken").as_string());
  EXPECT_EQ(stack.Call(verb::get, "/member/users/alice/search-email", {}, access).status, 200);

  const auto family = stack.Query("SELECT DISTINCT family_id FROM refresh_token");
  ASSERT_EQ(family.size(), 1u);
  EXPECT_EQ(stack.Query("SELECT COUNT(*) AS n FROM refresh_token WHERE rotated_at IS NOT NULL").front().Get<std::int64_t>("n"), 1);

  // Replaying the spent t0 is a theft signal: 401 and the family (including t1) is revoked.
  const Reply reuse = stack.Refresh(t0);
  EXPECT_EQ(reuse.status, 401);
  EXPECT_EQ(reuse.body.at("code").as_string(), "refresh_token_reused");
  EXPECT_EQ(stack.Query("SELECT COUNT(*) AS n FROM refresh_token WHERE revoked_at IS NULL").front().Get<std::int64_t>("n"), 0);
  const Reply after = stack.Refresh(t1);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.body.at("code").as_string(), "invalid_refresh_token");
  // Only hashes are stored.
  EXPECT_TRUE(stack.Query("SELECT id FROM refresh_token WHERE token_hash = ? OR token_hash = ?", {t0, t1}).empty());
}

TEST_F(MemberSqlTest, RefreshTokenExpiresAndLogoutRevokes) {
  ASSERT_EQ(stack.Register("alice").status, 201);
  const std::string a(stack.Login("alice", "s3cretPassw").body.at("refreshToken").as_string());
  const std::string b(stack.Login("alice", "s3cretPassw").body.at("refreshToken").as_string());
  EXPECT_EQ(stack.Call(verb::post, "/member/logout", json::serialize(json::object{{"refreshToken", b}})).status, 204);
  EXPECT_EQ(stack.Refresh(b).status, 401);
  stack.Advance(kRefreshTtl + seconds{1});
  const Reply expired = stack.Refresh(a);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.body.at("code").as_string(), "invalid_refresh_token");
}

TEST_F(MemberSqlTest, ConcurrentUseOfOneRefreshTokenRotatesOnce) {
  ASSERT_EQ(stack.Register("alice").status, 201);
  const std::string t0(stack.Login("alice", "s3cretPassw").body.at("refreshToken").as_string());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&] { if (stack.Refresh(t0).status == 200) ++ok; });
  for (auto& t : threads) t.join();
  EXPECT_LE(ok.load(), 1);
  EXPECT_LE(stack.Query("SELECT COUNT(*) AS n FROM refresh_token WHERE parent_id IS NOT NULL").front().Get<std::int64_t>("n"), 1);
}

}  // namespace
}  // namespace eda::member
