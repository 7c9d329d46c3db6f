#include "eda/auth/token_issuer.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "base64.hpp"
#include "eda/core/uuid.hpp"
#include "jws.hpp"
#include "sodium_init.hpp"

namespace eda::auth {

struct TokenIssuer::Impl {
  Algorithm algorithm;
  SecretBytes key;  // Ed25519: 64-byte libsodium secret key; HS256: the shared secret
  std::string issuer;
  std::vector<std::string> audiences;
  std::chrono::seconds ttl;
  Clock clock;
  std::string header_b64;  // constant per algorithm, encoded once
};

Result<TokenIssuer> TokenIssuer::Create(const Settings& settings, Clock clock) {
  detail::EnsureSodium();
  if (auto st = Validate(settings, KeyUse::kIssue); !st.ok()) return std::move(st).error();
  auto impl = std::make_unique<Impl>();
  impl->algorithm = settings.algorithm;
  impl->key = settings.algorithm == Algorithm::kEdDSA ? detail::Ed25519SecretKeyFromSeed(settings.signing_key.bytes())
                                                      : settings.hmac_secret;
  impl->issuer = settings.issuer;
  impl->audiences = settings.token_audiences.empty() ? std::vector<std::string>{settings.audience}
                                                    : settings.token_audiences;
  impl->ttl = settings.access_ttl;
  impl->clock = clock ? std::move(clock) : SystemClock();
  boost::json::object header;
  header["alg"] = AlgorithmName(settings.algorithm);
  header["typ"] = "JWT";
  impl->header_b64 = detail::EncodeBase64Url(boost::json::serialize(header));
  return TokenIssuer(std::move(impl));
}

TokenIssuer::TokenIssuer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TokenIssuer::TokenIssuer(TokenIssuer&&) noexcept = default;
TokenIssuer& TokenIssuer::operator=(TokenIssuer&&) noexcept = default;
TokenIssuer::~TokenIssuer() = default;

IssuedToken TokenIssuer::Issue(std::string subject, std::span<const Role> roles, std::int64_t token_version) const {
  const Impl& im = *impl_;
  Claims c;
  c.subject = std::move(subject);
  c.roles.assign(roles.begin(), roles.end());
  c.issuer = im.issuer;
  c.audience = im.audiences;
  c.issued_at = std::chrono::time_point_cast<std::chrono::seconds>(im.clock());
  c.not_before = c.issued_at;
  c.expires_at = c.issued_at + im.ttl;
  c.token_id = NewUuid();
  c.token_use = "access";
  c.token_version = token_version;

  boost::json::object payload;
  payload["sub"] = c.subject;
  boost::json::array role_names;
  for (Role r : c.roles) role_names.emplace_back(RoleName(r));
  payload["roles"] = std::move(role_names);
  payload["iss"] = c.issuer;
  if (c.audience.size() == 1) {
    payload["aud"] = c.audience.front();
  } else {
    boost::json::array audiences;
    for (const std::string& a : c.audience) audiences.emplace_back(a);
    payload["aud"] = std::move(audiences);
  }
  payload["iat"] = c.issued_at.time_since_epoch().count();
  payload["nbf"] = c.not_before.time_since_epoch().count();
  payload["exp"] = c.expires_at.time_since_epoch().count();
  payload["jti"] = c.token_id;
  payload["token_use"] = c.token_use;
  payload["ver"] = c.token_version;

  std::string token = im.header_b64;
  token += '.';
  token += detail::EncodeBase64Url(boost::json::serialize(payload));
  const std::string signature = im.algorithm == Algorithm::kEdDSA ? detail::Ed25519Sign(im.key.bytes(), token)
                                                                  : detail::HmacSha256(im.key.bytes(), token);
  token += '.';
  token += detail::EncodeBase64Url(signature);
  return IssuedToken{std::move(token), std::move(c), im.ttl};
}

}  // namespace eda::auth
