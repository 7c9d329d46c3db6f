#include <gtest/gtest.h>

#include <sodium.h>

#include <boost/json.hpp>

#include "base64.hpp"
#include "eda/auth/errc.hpp"
#include "eda/auth/key_pair.hpp"
#include "eda/auth/token_issuer.hpp"
#include "eda/auth/token_verifier.hpp"
#include "jws.hpp"

namespace eda::auth {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;
namespace json = boost::json;

constexpr std::int64_t kT0 = 1'800'000'000;  // 2027-01-15

// A clock tests move by hand; shared by issuer and verifier.
struct FakeClock {
  std::shared_ptr<std::int64_t> now = std::make_shared<std::int64_t>(kT0);
  Clock AsClock() const {
    return [n = now] { return system_clock::time_point{seconds{*n}}; };
  }
  void Advance(std::int64_t s) const { *now += s; }
};

class TokenTest : public ::testing::Test {
 protected:
  TokenTest() : keys_(Ed25519KeyPair::Generate()) {
    issuer_settings_.signing_key = keys_.seed;
    issuer_settings_.leeway = seconds{30};
    verifier_settings_.public_key = keys_.public_key;
    verifier_settings_.leeway = seconds{30};
  }

  TokenIssuer Issuer() { return TokenIssuer::Create(issuer_settings_, clock_.AsClock()).value(); }
  TokenVerifier Verifier() { return TokenVerifier::Create(verifier_settings_, clock_.AsClock()).value(); }

  // A token with arbitrary header and payload, signed like the real issuer (EdDSA, our seed).
  std::string Forge(const json::value& header, const json::value& payload) {
    std::string input = detail::EncodeBase64Url(json::serialize(header)) + "." +
                        detail::EncodeBase64Url(json::serialize(payload));
    auto sk = detail::Ed25519SecretKeyFromSeed(keys_.seed.bytes());
    return input + "." + detail::EncodeBase64Url(detail::Ed25519Sign(sk.bytes(), input));
  }

  json::object GoodPayload() {
    return json::object{{"sub", "42"},           {"roles", json::array{"BUYER"}}, {"iss", "eda-member"},
                        {"aud", "eda"},          {"iat", kT0},                    {"nbf", kT0},
                        {"exp", kT0 + 900},      {"jti", "j-1"},                  {"token_use", "access"}};
  }
  json::object EdHeader() { return json::object{{"alg", "EdDSA"}, {"typ", "JWT"}}; }

  std::string Code(const std::string& token) {
    auto r = Verifier().Verify(token);
    return r.ok() ? "ok" : r.error().code;
  }

  FakeClock clock_;
  Ed25519KeyPair keys_;
  Settings issuer_settings_;
  Settings verifier_settings_;
};

TEST_F(TokenTest, RoundTripGivesBackClaims) {
  const Role roles[] = {Role::kBuyer, Role::kSeller};
  IssuedToken issued = Issuer().Issue("42", roles);
  EXPECT_EQ(issued.expires_in, seconds{900});
  auto claims = Verifier().Verify(issued.token);
  ASSERT_TRUE(claims.ok()) << claims.error();
  EXPECT_EQ(claims->subject, "42");
  EXPECT_TRUE(claims->HasRole(Role::kBuyer));
  EXPECT_TRUE(claims->HasRole(Role::kSeller));
  EXPECT_FALSE(claims->HasRole(Role::kAdmin));
  EXPECT_EQ(claims->issuer, "eda-member");
  EXPECT_EQ(claims->audience, std::vector<std::string>{"eda"});
  EXPECT_EQ(claims->issued_at.time_since_epoch().count(), kT0);
  EXPECT_EQ(claims->expires_at.time_since_epoch().count(), kT0 + 900);
  EXPECT_EQ(claims->token_use, "access");
  EXPECT_EQ(claims->token_id, issued.claims.token_id);
  EXPECT_EQ(claims->token_id.size(), 36u);
  EXPECT_EQ(issued.token.find('='), std::string::npos);
}

TEST_F(TokenTest, ForgedGoodTokenIsAccepted) {
  // Guards the helpers below: the only difference in each negative test is the one thing it changes.
  EXPECT_EQ(Code(Forge(EdHeader(), GoodPayload())), "ok");
}

TEST_F(TokenTest, EveryTokenHasAFreshId) {
  auto issuer = Issuer();
  EXPECT_NE(issuer.Issue("1", {}).claims.token_id, issuer.Issue("1", {}).claims.token_id);
}

TEST_F(TokenTest, TamperedPartsFailSignature) {
  std::string token = Issuer().Issue("42", {}).token;
  const auto dot1 = token.find('.');
  const auto dot2 = token.rfind('.');

  auto payload = GoodPayload();
  payload["sub"] = "1";  // privilege escalation attempt: become member 1
  std::string tampered_payload = token.substr(0, dot1 + 1) + detail::EncodeBase64Url(json::serialize(payload)) +
                                 token.substr(dot2);
  EXPECT_EQ(Code(tampered_payload), errc::kBadSignature);

  json::object header = EdHeader();
  header["kid"] = "other";
  std::string tampered_header = detail::EncodeBase64Url(json::serialize(header)) + token.substr(dot1);
  EXPECT_EQ(Code(tampered_header), errc::kBadSignature);

  std::string sig = *detail::DecodeBase64Url(token.substr(dot2 + 1));
  sig[10] ^= 0x01;
  std::string tampered_sig = token.substr(0, dot2 + 1) + detail::EncodeBase64Url(sig);
  EXPECT_EQ(Code(tampered_sig), errc::kBadSignature);

  EXPECT_EQ(Code(token.substr(0, dot2 + 1) + "AAAA"), errc::kBadSignature);  // short signature
}

TEST_F(TokenTest, WrongKeyFailsSignature) {
  std::string token = Issuer().Issue("42", {}).token;
  verifier_settings_.public_key = Ed25519KeyPair::Generate().public_key;
  EXPECT_EQ(Code(token), errc::kBadSignature);
}

TEST_F(TokenTest, ExpiryHonoursLeeway) {
  std::string token = Issuer().Issue("42", {}).token;
  clock_.Advance(900 + 29);
  EXPECT_EQ(Code(token), "ok");
  clock_.Advance(1);
  EXPECT_EQ(Code(token), errc::kExpired);
  verifier_settings_.leeway = seconds{0};
  clock_.Advance(-30);
  EXPECT_EQ(Code(token), errc::kExpired);  // exactly at exp with no leeway
  clock_.Advance(-1);
  EXPECT_EQ(Code(token), "ok");
}

TEST_F(TokenTest, NotBeforeHonoursLeeway) {
  auto payload = GoodPayload();
  payload["nbf"] = kT0 + 100;
  payload["iat"] = kT0;
  std::string token = Forge(EdHeader(), payload);
  EXPECT_EQ(Code(token), errc::kNotYetValid);
  clock_.Advance(69);
  EXPECT_EQ(Code(token), errc::kNotYetValid);
  clock_.Advance(1);
  EXPECT_EQ(Code(token), "ok");
}

TEST_F(TokenTest, IssuedInTheFutureIsNotYetValid) {
  auto payload = GoodPayload();
  payload["iat"] = kT0 + 600;
  payload.erase("nbf");
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kNotYetValid);
}

TEST_F(TokenTest, WrongIssuerAndAudience) {
  auto payload = GoodPayload();
  payload["iss"] = "evil";
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kWrongIssuer);
  payload = GoodPayload();
  payload.erase("iss");
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kWrongIssuer);

  payload = GoodPayload();
  payload["aud"] = "other";
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kWrongAudience);
  payload["aud"] = json::array{"x", "eda"};
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), "ok");
  payload.erase("aud");
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kWrongAudience);

  verifier_settings_.audience = "payment";
  EXPECT_EQ(Code(Issuer().Issue("42", {}).token), errc::kWrongAudience);
}

TEST_F(TokenTest, ATokenIsAcceptedOnlyByTheServicesItNames) {
  issuer_settings_.token_audiences = {"eda-member", "eda-order"};
  const std::string token = Issuer().Issue("42", {}).token;
  for (const char* service : {"eda-member", "eda-order"}) {
    verifier_settings_.audience = service;
    auto claims = Verifier().Verify(token);
    ASSERT_TRUE(claims.ok()) << service;
    EXPECT_EQ(claims->audience, (std::vector<std::string>{"eda-member", "eda-order"}));
  }
  verifier_settings_.audience = "eda-payment";
  EXPECT_EQ(Code(token), errc::kWrongAudience);
}

TEST_F(TokenTest, TokenVersionTravelsAsVerAndMustBeANonNegativeInteger) {
  const Role roles[] = {Role::kBuyer};
  auto claims = Verifier().Verify(Issuer().Issue("42", roles, 7).token);
  ASSERT_TRUE(claims.ok()) << claims.error();
  EXPECT_EQ(claims->token_version, 7);
  EXPECT_EQ(Verifier().Verify(Forge(EdHeader(), GoodPayload()))->token_version, 0);  // absent: 0
  auto payload = GoodPayload();
  payload["ver"] = -1;
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kMalformed);
  payload["ver"] = "7";
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kMalformed);
}

TEST_F(TokenTest, TokenUseMustBeAccess) {
  auto payload = GoodPayload();
  payload["token_use"] = "refresh";
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kWrongTokenUse);
  payload.erase("token_use");
  EXPECT_EQ(Code(Forge(EdHeader(), payload)), errc::kWrongTokenUse);
}

TEST_F(TokenTest, AlgNoneIsRejected) {
  std::string input = detail::EncodeBase64Url(R"({"alg":"none","typ":"JWT"})") + "." +
                      detail::EncodeBase64Url(json::serialize(GoodPayload()));
  EXPECT_EQ(Code(input + "."), errc::kUnsupportedAlg);  // the unsecured form: empty signature
  EXPECT_EQ(Code(input + ".AAAA"), errc::kUnsupportedAlg);
  // Case variants must not slip through either.
  std::string none_caps = detail::EncodeBase64Url(R"({"alg":"None"})") + "." +
                          detail::EncodeBase64Url(json::serialize(GoodPayload())) + ".AAAA";
  EXPECT_EQ(Code(none_caps), errc::kUnsupportedAlg);
}

TEST_F(TokenTest, AlgSwitchedToHs256WithPublicKeyAsSecretIsRejected) {
  // The classic confusion attack: sign with HMAC using the (public) verification key as secret.
  std::string input = detail::EncodeBase64Url(R"({"alg":"HS256","typ":"JWT"})") + "." +
                      detail::EncodeBase64Url(json::serialize(GoodPayload()));
  std::string mac = detail::HmacSha256(keys_.public_key, input);
  EXPECT_EQ(Code(input + "." + detail::EncodeBase64Url(mac)), errc::kUnsupportedAlg);
}

TEST_F(TokenTest, MissingAlgAndCritAreRejected) {
  EXPECT_EQ(Code(Forge(json::object{{"typ", "JWT"}}, GoodPayload())), errc::kMalformed);
  EXPECT_EQ(Code(Forge(json::object{{"alg", 5}}, GoodPayload())), errc::kMalformed);
  EXPECT_EQ(Code(Forge(json::object{{"alg", "EdDSA"}, {"crit", json::array{"exp"}}}, GoodPayload())),
            errc::kUnsupportedAlg);
  EXPECT_EQ(Code(Forge(json::object{{"alg", "EdDSA"}, {"typ", "JWE"}}, GoodPayload())), errc::kMalformed);
}

TEST_F(TokenTest, MalformedShapes) {
  std::string token = Issuer().Issue("42", {}).token;
  const auto dot1 = token.find('.');
  EXPECT_EQ(Code(""), errc::kMalformed);
  EXPECT_EQ(Code("abc"), errc::kMalformed);
  EXPECT_EQ(Code("a.b"), errc::kMalformed);
  EXPECT_EQ(Code(token + ".x"), errc::kMalformed);             // four segments
  EXPECT_EQ(Code("." + token.substr(dot1 + 1)), errc::kMalformed);  // empty header
  EXPECT_EQ(Code(token.substr(0, dot1) + "=" + token.substr(dot1)), errc::kMalformed);  // padding
  EXPECT_EQ(Code(token.substr(0, dot1) + "+" + token.substr(dot1)), errc::kMalformed);  // std alphabet
  EXPECT_EQ(Code(token.substr(0, dot1) + " " + token.substr(dot1)), errc::kMalformed);  // whitespace
  EXPECT_EQ(Code(std::string(9000, 'a')), errc::kMalformed);
}

TEST_F(TokenTest, NonCanonicalBase64IsRejected) {
  // "eyJ" decodes fine; "AB" has non-zero unused bits and "A" is an impossible length.
  EXPECT_TRUE(detail::DecodeBase64Url("AA").has_value());
  EXPECT_FALSE(detail::DecodeBase64Url("AB").has_value());
  EXPECT_FALSE(detail::DecodeBase64Url("A").has_value());
  EXPECT_FALSE(detail::DecodeBase64Url("AA==").has_value());
}

TEST_F(TokenTest, MalformedJson) {
  auto sign = [&](std::string header, std::string payload) {
    std::string input = detail::EncodeBase64Url(header) + "." + detail::EncodeBase64Url(payload);
    auto sk = detail::Ed25519SecretKeyFromSeed(keys_.seed.bytes());
    return input + "." + detail::EncodeBase64Url(detail::Ed25519Sign(sk.bytes(), input));
  };
  const std::string good_payload = json::serialize(GoodPayload());
  EXPECT_EQ(Code(sign(R"({"alg":"EdDSA",})", good_payload)), errc::kMalformed);  // trailing comma
  EXPECT_EQ(Code(sign(R"(["EdDSA"])", good_payload)), errc::kMalformed);         // not an object
  EXPECT_EQ(Code(sign(R"({"alg":"EdDSA"} x)", good_payload)), errc::kMalformed);  // trailing garbage
  EXPECT_EQ(Code(sign(R"({"alg":"EdDSA"})", "{\"sub\":\"42\"")), errc::kMalformed);  // truncated
  EXPECT_EQ(Code(sign(R"({"alg":"EdDSA"})", "/*c*/" + good_payload)), errc::kMalformed);  // comment
  EXPECT_EQ(Code(sign(R"({"alg":"EdDSA"})", "{\"sub\":\"\xff\"}")), errc::kMalformed);  // invalid UTF-8
}

TEST_F(TokenTest, MalformedClaimTypes) {
  auto with = [&](const char* key, json::value v) {
    auto p = GoodPayload();
    p[key] = std::move(v);
    return Code(Forge(EdHeader(), p));
  };
  EXPECT_EQ(with("sub", 42), errc::kMalformed);
  EXPECT_EQ(with("sub", ""), errc::kMalformed);
  EXPECT_EQ(with("exp", "soon"), errc::kMalformed);
  EXPECT_EQ(with("exp", 1.8e9), errc::kMalformed);
  EXPECT_EQ(with("exp", -1), errc::kMalformed);
  EXPECT_EQ(with("exp", std::uint64_t{1} << 63), errc::kMalformed);
  EXPECT_EQ(with("nbf", nullptr), errc::kMalformed);
  EXPECT_EQ(with("roles", "ADMIN"), errc::kMalformed);
  EXPECT_EQ(with("roles", json::array{1}), errc::kMalformed);
  EXPECT_EQ(with("aud", 7), errc::kMalformed);
  auto p = GoodPayload();
  p.erase("exp");
  EXPECT_EQ(Code(Forge(EdHeader(), p)), errc::kMalformed);
}

TEST_F(TokenTest, UnknownRolesAreSkipped) {
  auto p = GoodPayload();
  p["roles"] = json::array{"BUYER", "SUPERUSER", "admin"};
  auto claims = Verifier().Verify(Forge(EdHeader(), p));
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->roles, std::vector<Role>{Role::kBuyer});
}

TEST_F(TokenTest, VerifierFromSeedOnly) {
  Settings s;
  s.signing_key = keys_.seed;
  auto v = TokenVerifier::Create(s, clock_.AsClock());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->Verify(Issuer().Issue("7", {}).token).ok());
}

class Hs256Test : public ::testing::Test {
 protected:
  Hs256Test() {
    std::vector<std::uint8_t> secret(32);
    randombytes_buf(secret.data(), secret.size());
    settings_.algorithm = Algorithm::kHS256;
    settings_.hmac_secret = SecretBytes(secret);
  }
  FakeClock clock_;
  Settings settings_;
};

TEST_F(Hs256Test, RoundTripAndRejections) {
  auto issuer = TokenIssuer::Create(settings_, clock_.AsClock()).value();
  auto verifier = TokenVerifier::Create(settings_, clock_.AsClock()).value();
  const Role admin[] = {Role::kAdmin};
  std::string token = issuer.Issue("9", admin).token;
  auto claims = verifier.Verify(token);
  ASSERT_TRUE(claims.ok()) << claims.error();
  EXPECT_TRUE(claims->HasRole(Role::kAdmin));

  // A different secret, and an EdDSA token, are both refused.
  Settings other = settings_;
  std::vector<std::uint8_t> secret(32, 7);
  other.hmac_secret = SecretBytes(secret);
  EXPECT_EQ(TokenVerifier::Create(other, clock_.AsClock()).value().Verify(token).error().code, errc::kBadSignature);

  Settings ed;
  auto keys = Ed25519KeyPair::Generate();
  ed.signing_key = keys.seed;
  std::string ed_token = TokenIssuer::Create(ed, clock_.AsClock()).value().Issue("9", {}).token;
  EXPECT_EQ(verifier.Verify(ed_token).error().code, errc::kUnsupportedAlg);
  // And the EdDSA verifier refuses the HS256 token.
  EXPECT_EQ(TokenVerifier::Create(ed, clock_.AsClock()).value().Verify(token).error().code, errc::kUnsupportedAlg);
}

TEST_F(Hs256Test, ShortSecretIsAConfigError) {
  settings_.hmac_secret = SecretBytes(std::vector<std::uint8_t>(16, 1));
  auto v = TokenVerifier::Create(settings_);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, errc::kConfig);
}

TEST(SecretBytesTest, NeverPrintsItsContent) {
  SecretBytes s(std::vector<std::uint8_t>{'s', 'e', 'c', 'r', 'e', 't'});
  std::ostringstream os;
  os << s;
  EXPECT_EQ(os.str(), "<redacted>");
  SecretBytes moved = std::move(s);
  EXPECT_EQ(moved.size(), 6u);
  EXPECT_TRUE(s.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
}

}  // namespace
}  // namespace eda::auth
