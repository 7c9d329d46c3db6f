// The HTTP layer of the member service without a network: routes are found through the Router and
// their handlers run on an io_context, with in-memory ports behind the MemberService.

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include "eda/http/openapi_check.hpp"
#include "member/api/auth_adapters.hpp"
#include "member/api/member_json.hpp"
#include "member/api/member_routes.hpp"
#include "member/api/openapi_document.hpp"
#include "member/domain/testing/fake_ports.hpp"

namespace eda::member {
namespace {

using namespace eda::member::testing;
using http::Method;

class MemberApiTest : public ::testing::Test {
 protected:
  MemberApiTest() {
    MemberService::Settings settings;
    settings.throttle = ThrottlePolicy{2, 100, seconds{600}, seconds{900}};
    service_ = std::make_unique<MemberService>(
        MemberService::Ports{members, tokens, throttle, hashing, issuer, codec}, settings);
    AddMemberRoutes(router, *service_, blocking, RouteSettings{.trust_forwarded_for = true});
  }

  // Routes and runs one request; `principal` stands for what the server's auth hook would set.
  http::Response Call(Method method, const std::string& target, const std::string& body = {},
                      std::optional<http::Principal> principal = std::nullopt, http::Headers headers = {}) {
    const auto match = router.Find(method, std::string_view(target).substr(0, target.find('?')));
    EXPECT_EQ(match.outcome, http::Router::Match::Outcome::kFound) << target;
    if (match.outcome != http::Router::Match::Outcome::kFound) return http::Response::Empty(599);
    http::Request req(method, target, std::move(headers), body);
    req.SetRoute(match.route->pattern, match.params);
    req.SetPrincipal(std::move(principal));
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    http::Response response;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          response = co_await match.route->handler(req);
          response.RenderProblem(req.path());
          guard.reset();
        },
        boost::asio::detached);
    io.run();
    return response;
  }

  static boost::json::object Body(const http::Response& r) { return boost::json::parse(r.body()).as_object(); }

  FakeMembers members;
  FakeTokens tokens;
  FakeThrottle throttle;
  FakeHashing hashing;
  FakeIssuer issuer;
  FakeCodec codec;
  http::BlockingPool blocking{1};
  std::unique_ptr<MemberService> service_;
  http::Router router;
};

TEST_F(MemberApiTest, EveryRouteIsDocumentedInOpenApi) {
  auto missing = http::UndocumentedRoutes(router, OpenApiDocument());
  ASSERT_TRUE(missing.ok()) << missing.error().message;
  EXPECT_TRUE(missing->empty()) << (*missing)[0];
  EXPECT_EQ(router.routes().size(), 8u);
}

TEST_F(MemberApiTest, OpenApiDocumentIsOpenApi31) {
  const auto doc = boost::json::parse(OpenApiDocument()).as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  EXPECT_EQ(doc.at("paths").as_object().size(), 8u);
}

TEST_F(MemberApiTest, RegistrationAnswers201WithSeedFieldsAndNoPassword) {
  const auto r = Call(Method::kPost, "/member/users/registration",
                      R"({"loginId":"alice","userName":"Alice","password":"s3cretPassw"})");
  ASSERT_EQ(r.status(), 201) << r.body();
  const auto body = Body(r);
  EXPECT_EQ(body.at("id").as_int64(), 1);
  EXPECT_EQ(body.at("loginId").as_string(), "alice");
  EXPECT_EQ(body.at("userName").as_string(), "Alice");
  EXPECT_EQ(body.at("role").as_string(), "BUYER");
  EXPECT_EQ(r.body().find("s3cretPassw"), std::string::npos);
  EXPECT_EQ(r.body().find("password"), std::string::npos);
}

TEST_F(MemberApiTest, DuplicateRegistrationIs409Problem) {
  const std::string body = R"({"loginId":"alice","userName":"Alice","password":"s3cretPassw"})";
  ASSERT_EQ(Call(Method::kPost, "/member/users/registration", body).status(), 201);
  const auto r = Call(Method::kPost, "/member/users/registration", body);
  EXPECT_EQ(r.status(), 409);
  EXPECT_EQ(Body(r).at("code").as_string(), "duplicate_login_id");
  EXPECT_EQ(Body(r).at("type").as_string(), "urn:eda:problem:duplicate_login_id");
  EXPECT_EQ(Body(r).at("instance").as_string(), "/member/users/registration");
}

TEST_F(MemberApiTest, InvalidFieldsAre400WithFieldNames) {
  const auto r = Call(Method::kPost, "/member/users/registration", R"({"loginId":"a b","password":"short"})");
  ASSERT_EQ(r.status(), 400);
  const auto body = Body(r);
  EXPECT_EQ(body.at("code").as_string(), "validation_failed");
  std::set<std::string> fields;
  for (const auto& e : body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.count("loginId"));
  EXPECT_TRUE(fields.count("userName"));
  EXPECT_TRUE(fields.count("password"));
  EXPECT_EQ(Call(Method::kPost, "/member/users/registration", R"({"loginId":5})").status(), 400);
  EXPECT_EQ(Call(Method::kPost, "/member/users/registration", "not json").status(), 400);
}

TEST_F(MemberApiTest, AnonymousCannotRegisterAnAdmin) {
  const auto r = Call(Method::kPost, "/member/users/registration",
                      R"({"loginId":"mallory","userName":"M","password":"s3cretPassw","role":"ADMIN"})");
  EXPECT_EQ(r.status(), 403);
}

TEST_F(MemberApiTest, LoginReturnsTokensAndWrongPasswordEqualsUnknownLogin) {
  ASSERT_EQ(Call(Method::kPost, "/member/users/registration",
                 R"({"loginId":"alice","userName":"Alice","password":"s3cretPassw"})")
                .status(),
            201);
  const auto ok = Call(Method::kPost, "/member/users/login", R"({"loginId":"alice","password":"s3cretPassw"})");
  ASSERT_EQ(ok.status(), 200) << ok.body();
  const auto session = Body(ok);
  EXPECT_EQ(session.at("id").as_int64(), 1);
  EXPECT_EQ(session.at("loginId").as_string(), "alice");
  EXPECT_EQ(session.at("tokenType").as_string(), "Bearer");
  EXPECT_EQ(session.at("expiresIn").as_int64(), 900);
  EXPECT_FALSE(session.at("accessToken").as_string().empty());
  EXPECT_FALSE(session.at("refreshToken").as_string().empty());

  const auto wrong = Call(Method::kPost, "/member/users/login", R"({"loginId":"alice","password":"wrongpass1"})");
  const auto unknown = Call(Method::kPost, "/member/users/login", R"({"loginId":"nobody","password":"wrongpass1"})");
  EXPECT_EQ(wrong.status(), 401);
  EXPECT_EQ(unknown.status(), 401);
  auto strip = [](boost::json::object o) {
    o.erase("instance");
    return o;
  };
  EXPECT_EQ(strip(Body(wrong)), strip(Body(unknown)));
}

TEST_F(MemberApiTest, ThrottledLoginIs429WithRetryAfter) {
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(Call(Method::kPost, "/member/users/login", R"({"loginId":"alice","password":"wrongpass1"})").status(),
              401);
  }
  const auto r = Call(Method::kPost, "/member/users/login", R"({"loginId":"alice","password":"wrongpass1"})");
  ASSERT_EQ(r.status(), 429);
  EXPECT_EQ(r.headers().Get("Retry-After"), "900");
  EXPECT_EQ(Body(r).at("code").as_string(), "too_many_attempts");
}

TEST_F(MemberApiTest, ForwardedForFeedsThePerAddressCounterWithTheAddressTheProxyAppended) {
  // The client sent "198.51.100.66" itself; the edge appended the address it saw.
  http::Headers headers;
  headers.Set("X-Forwarded-For", "198.51.100.66, 203.0.113.7");
  (void)Call(Method::kPost, "/member/users/login", R"({"loginId":"alice","password":"wrongpass1"})", std::nullopt,
             headers);
  EXPECT_EQ(throttle.counters.count({LoginThrottleStore::Scope::kAddress, "203.0.113.7"}), 1u);
  EXPECT_EQ(throttle.counters.count({LoginThrottleStore::Scope::kAddress, "198.51.100.66"}), 0u)
      << "an address the client chose must not get a counter of its own";
}

TEST_F(MemberApiTest, RefreshRotatesAndReuseIs401WithItsCode) {
  ASSERT_EQ(Call(Method::kPost, "/member/users/registration",
                 R"({"loginId":"alice","userName":"Alice","password":"s3cretPassw"})")
                .status(),
            201);
  const auto login = Body(Call(Method::kPost, "/member/users/login", R"({"loginId":"alice","password":"s3cretPassw"})"));
  const std::string first(login.at("refreshToken").as_string());
  const auto refreshed = Call(Method::kPost, "/member/tokens/refresh", R"({"refreshToken":")" + first + R"("})");
  ASSERT_EQ(refreshed.status(), 200);
  EXPECT_NE(Body(refreshed).at("refreshToken").as_string(), first);
  const auto reused = Call(Method::kPost, "/member/tokens/refresh", R"({"refreshToken":")" + first + R"("})");
  EXPECT_EQ(reused.status(), 401);
  EXPECT_EQ(Body(reused).at("code").as_string(), "refresh_token_reused");
  EXPECT_EQ(Call(Method::kPost, "/member/tokens/refresh", "{}").status(), 400);
}

TEST_F(MemberApiTest, LogoutIs204) {
  EXPECT_EQ(Call(Method::kPost, "/member/logout", R"({"refreshToken":"whatever"})").status(), 204);
}

TEST_F(MemberApiTest, SearchAndModifyFollowTheSelfOrAdminRule) {
  ASSERT_EQ(Call(Method::kPost, "/member/users/registration",
                 R"({"loginId":"alice","userName":"Alice","password":"s3cretPassw"})")
                .status(),
            201);
  const http::Principal alice{1, {"BUYER"}};
  const http::Principal other{2, {"BUYER"}};
  const http::Principal admin{3, {"ADMIN"}};
  EXPECT_EQ(Call(Method::kGet, "/member/users/alice/search-email", {}, alice).status(), 200);
  EXPECT_EQ(Call(Method::kGet, "/member/users/alice/search-email", {}, other).status(), 403);
  EXPECT_EQ(Call(Method::kGet, "/member/users/nobody/search-email", {}, other).status(), 403);
  EXPECT_EQ(Call(Method::kGet, "/member/users/nobody/search-email", {}, admin).status(), 404);
  EXPECT_EQ(Call(Method::kGet, "/member/users/alice/search-email").status(), 401);

  const auto modified = Call(Method::kPut, "/member/users/1/modify", R"({"userName":"Alice B"})", alice);
  ASSERT_EQ(modified.status(), 200) << modified.body();
  EXPECT_EQ(Body(modified).at("userName").as_string(), "Alice B");
  EXPECT_EQ(Call(Method::kPut, "/member/users/1/modify", R"({"userName":"X"})", other).status(), 403);
  EXPECT_EQ(Call(Method::kPut, "/member/users/abc/modify", R"({"userName":"X"})", alice).status(), 400);
}

TEST_F(MemberApiTest, SellerNamesArePublicAndCarryTheNameOnly) {
  ASSERT_EQ(Call(Method::kPost, "/member/users/registration",
                 R"({"loginId":"shop@example.com","userName":"Kim's Shop","password":"s3cretPassw","role":"SELLER"})")
                .status(),
            201);
  ASSERT_EQ(Call(Method::kPost, "/member/users/registration",
                 R"({"loginId":"buyer@example.com","userName":"Private Buyer","password":"s3cretPassw"})")
                .status(),
            201);
  // No principal: the route needs no token.
  const auto r = Call(Method::kGet, "/member/sellers?ids=2,1,999,1");
  ASSERT_EQ(r.status(), 200) << r.body();
  EXPECT_EQ(r.headers().Get("Cache-Control"), "public, max-age=60");
  const auto sellers = Body(r).at("sellers").as_array();
  ASSERT_EQ(sellers.size(), 1u);
  EXPECT_EQ(sellers[0].as_object(), (boost::json::object{{"id", 1}, {"userName", "Kim's Shop"}}));
  // Neither the seller's loginId (an e-mail address here) nor anything about the buyer.
  EXPECT_EQ(r.body().find("example.com"), std::string::npos);
  EXPECT_EQ(r.body().find("Private Buyer"), std::string::npos);

  // A buyer's id answers exactly like an unknown one.
  EXPECT_EQ(Call(Method::kGet, "/member/sellers?ids=2").body(), Call(Method::kGet, "/member/sellers?ids=999").body());
}

TEST_F(MemberApiTest, SellerNamesRefuseMalformedAndOversizedLookups) {
  for (const std::string bad : {"/member/sellers", "/member/sellers?ids=", "/member/sellers?ids=1,,2",
                                "/member/sellers?ids=1,x", "/member/sellers?ids=-1", "/member/sellers?ids=0",
                                "/member/sellers?ids=1%20", "/member/sellers?ids=99999999999999999999"}) {
    const auto r = Call(Method::kGet, bad);
    EXPECT_EQ(r.status(), 400) << bad;
    EXPECT_EQ(Body(r).at("errors").as_array().at(0).at("field").as_string(), "ids") << bad;
  }
  std::string many;
  for (int i = 1; i <= 101; ++i) many += (i > 1 ? "," : "") + std::to_string(i);
  const auto too_many = Call(Method::kGet, "/member/sellers?ids=" + many);
  EXPECT_EQ(too_many.status(), 400);
  EXPECT_EQ(Call(Method::kGet, "/member/sellers?ids=" + many.substr(0, many.rfind(','))).status(), 200);
  EXPECT_EQ(Call(Method::kGet, "/member/sellers?ids=" + std::string(5000, '1')).status(), 400);
  EXPECT_EQ(members.seller_lookups, 1);
}

TEST(MemberJson, ErrorResponsesCarryTableValuesAndHideCauses) {
  MemberError e = MemberError::Of(MemberErrc::kUnavailable, "a dependency is unavailable; retry later");
  e.cause = "sql.connection: Lost connection to server at 10.0.0.9";
  http::Response r = ErrorResponse(e);
  r.RenderProblem("/x");
  EXPECT_EQ(r.status(), 503);
  EXPECT_EQ(r.body().find("10.0.0.9"), std::string::npos);
  http::Response unauthorized = ErrorResponse(MemberError::Of(MemberErrc::kInvalidCredentials, "x"));
  EXPECT_EQ(unauthorized.headers().Get("WWW-Authenticate"), "Bearer");
}

TEST(AuthAdapters, CallerFromPrincipal) {
  EXPECT_FALSE(ToCaller(nullptr).authenticated());
  const http::Principal admin{5, {"BUYER", "ADMIN"}};
  EXPECT_TRUE(ToCaller(&admin).is_admin());
  const http::Principal seller{6, {"SELLER"}};
  EXPECT_EQ(ToCaller(&seller).role, Role::kSeller);
  EXPECT_EQ(ToCaller(&seller).member_id, MemberId{6});
}

}  // namespace
}  // namespace eda::member
