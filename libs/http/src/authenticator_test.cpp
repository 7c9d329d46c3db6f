#include "eda/http/authenticator.hpp"

#include <gtest/gtest.h>

namespace eda::http {
namespace {

Result<Principal> Verify(std::string_view token) {
  if (token == "user-token") return Principal{7, {"USER"}};
  if (token == "admin-token") return Principal{1, {"USER", "ADMIN"}};
  return Error::Permanent("auth.invalid", "signature mismatch");
}

const Authenticator kAuth(Verify);

TEST(AuthenticatorTest, NoneIgnoresHeader) {
  auto r = kAuth.Authenticate({}, "Bearer garbage");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
}

TEST(AuthenticatorTest, RequiredWithoutHeaderIs401) {
  auto r = kAuth.Authenticate(RequireAuth(), "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 401);
  EXPECT_EQ(r.error().code, "unauthorized");
}

TEST(AuthenticatorTest, OptionalWithoutHeaderIsAnonymous) {
  auto r = kAuth.Authenticate(OptionalAuth(), "");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
}

TEST(AuthenticatorTest, ValidTokenGivesPrincipal) {
  auto r = kAuth.Authenticate(RequireAuth(), "bearer user-token");
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->member_id, 7);
}

TEST(AuthenticatorTest, InvalidTokenIs401EvenWhenOptional) {
  for (auto mode : {AuthMode::kOptional, AuthMode::kRequired}) {
    auto r = kAuth.Authenticate(RouteOptions{mode, {}}, "Bearer forged");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().status, 401);
    EXPECT_NE(r.error().detail.find("signature mismatch"), std::string::npos);
    EXPECT_EQ(r.error().detail.find("forged"), std::string::npos);  // never echo the token
  }
}

TEST(AuthenticatorTest, WrongSchemeIs401) {
  auto r = kAuth.Authenticate(RequireAuth(), "Basic dXNlcjpwYXNz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 401);
  EXPECT_FALSE(kAuth.Authenticate(RequireAuth(), "Bearer    ").ok());
}

TEST(AuthenticatorTest, MissingRoleIs403) {
  RouteOptions admin = RequireRoles({"ADMIN"});
  auto r = kAuth.Authenticate(admin, "Bearer user-token");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 403);
  EXPECT_EQ(r.error().code, "forbidden");
  EXPECT_TRUE(kAuth.Authenticate(admin, "Bearer admin-token").ok());
}

TEST(AuthenticatorTest, NoVerifierFailsClosed) {
  Authenticator none;
  auto r = none.Authenticate(RequireAuth(), "Bearer user-token");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 401);
}

}  // namespace
}  // namespace eda::http
