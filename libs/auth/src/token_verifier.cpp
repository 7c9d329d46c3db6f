#include "eda/auth/token_verifier.hpp"

#include <sodium.h>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "base64.hpp"
#include "eda/auth/errc.hpp"
#include "jws.hpp"
#include "sodium_init.hpp"

namespace eda::auth {
namespace {

namespace json = boost::json;

// Our tokens are a few hundred bytes; anything far larger is garbage or an attack on the parser.
constexpr std::size_t kMaxTokenBytes = 8192;
// Latest NumericDate accepted (9999-12-31T23:59:59Z), so that adding the leeway cannot overflow.
constexpr std::int64_t kMaxNumericDate = 253402300799;

Error Fail(std::string_view code, std::string message) { return Error::Permanent(std::string(code), std::move(message)); }

// Parses `text` as one strict JSON object (no comments, no trailing commas, valid UTF-8).
std::optional<json::object> ParseObject(std::string_view text, json::storage_ptr storage) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec, std::move(storage));
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

// NumericDate claims must be non-negative integers in range; nullopt otherwise.
std::optional<std::chrono::sys_seconds> NumericDate(const json::value& v) {
  std::int64_t n = 0;
  if (v.is_int64()) n = v.get_int64();
  else if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(kMaxNumericDate)) n = static_cast<std::int64_t>(v.get_uint64());
  else return std::nullopt;
  if (n < 0 || n > kMaxNumericDate) return std::nullopt;
  return std::chrono::sys_seconds{std::chrono::seconds{n}};
}

}  // namespace

struct TokenVerifier::Impl {
  Algorithm algorithm;
  Ed25519PublicKey public_key{};
  SecretBytes hmac_secret;
  std::string issuer;
  std::string audience;
  std::chrono::seconds leeway;
  Clock clock;

  Result<Claims> Verify(std::string_view token) const;
  bool SignatureValid(std::string_view signing_input, std::string_view signature) const;
};

Result<TokenVerifier> TokenVerifier::Create(const Settings& settings, Clock clock) {
  detail::EnsureSodium();
  if (auto st = Validate(settings, KeyUse::kVerify); !st.ok()) return std::move(st).error();
  auto impl = std::make_unique<Impl>();
  impl->algorithm = settings.algorithm;
  if (settings.algorithm == Algorithm::kEdDSA) {
    impl->public_key = settings.public_key ? *settings.public_key
                                           : detail::Ed25519PublicKeyFromSeed(settings.signing_key.bytes());
  } else {
    impl->hmac_secret = settings.hmac_secret;
  }
  impl->issuer = settings.issuer;
  impl->audience = settings.audience;
  impl->leeway = settings.leeway;
  impl->clock = clock ? std::move(clock) : SystemClock();
  return TokenVerifier(std::move(impl));
}

TokenVerifier::TokenVerifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TokenVerifier::TokenVerifier(TokenVerifier&&) noexcept = default;
TokenVerifier& TokenVerifier::operator=(TokenVerifier&&) noexcept = default;
TokenVerifier::~TokenVerifier() = default;

Result<Claims> TokenVerifier::Verify(std::string_view token) const { return impl_->Verify(token); }

bool TokenVerifier::Impl::SignatureValid(std::string_view signing_input, std::string_view signature) const {
  if (algorithm == Algorithm::kEdDSA) return detail::Ed25519Verify(public_key, signing_input, signature);
  if (signature.size() != detail::kHs256Bytes) return false;
  const std::string expected = detail::HmacSha256(hmac_secret.bytes(), signing_input);
  return sodium_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

Result<Claims> TokenVerifier::Impl::Verify(std::string_view token) const {
  if (token.empty() || token.size() > kMaxTokenBytes) return Fail(errc::kMalformed, "token empty or too long");
  const std::size_t dot1 = token.find('.');
  const std::size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return Fail(errc::kMalformed, "token must have exactly three parts");
  }
  const std::string_view header_b64 = token.substr(0, dot1);
  const std::string_view payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view signature_b64 = token.substr(dot2 + 1);

  auto header_json = detail::DecodeBase64Url(header_b64);
  auto payload_json = detail::DecodeBase64Url(payload_b64);
  auto signature = detail::DecodeBase64Url(signature_b64);
  if (!header_json || !payload_json || !signature || header_json->empty() || payload_json->empty()) {
    return Fail(errc::kMalformed, "token part is not base64url without padding");
  }

  // One arena for both documents: parsing allocates nothing from the heap for typical tokens.
  unsigned char arena[4096];
  json::monotonic_resource mr(arena, sizeof arena);
  json::storage_ptr storage(&mr);

  auto header = ParseObject(*header_json, storage);
  if (!header) return Fail(errc::kMalformed, "header is not a JSON object");
  const json::value* alg = header->if_contains("alg");
  if (alg == nullptr || !alg->is_string()) return Fail(errc::kMalformed, "header has no alg");
  // The algorithm comes from configuration, never from the token: a token naming another
  // algorithm (none, or HS256 keyed with our public key) is refused before any key is used.
  if (alg->get_string() != AlgorithmName(algorithm)) {
    return Fail(errc::kUnsupportedAlg, "token algorithm is not the configured one");
  }
  if (header->contains("crit")) return Fail(errc::kUnsupportedAlg, "critical header extensions are not supported");
  if (const json::value* typ = header->if_contains("typ")) {
    if (!typ->is_string() || typ->get_string() != "JWT") return Fail(errc::kMalformed, "header typ is not JWT");
  }

  if (!SignatureValid(token.substr(0, dot2), *signature)) return Fail(errc::kBadSignature, "signature mismatch");

  auto payload = ParseObject(*payload_json, storage);
  if (!payload) return Fail(errc::kMalformed, "payload is not a JSON object");

  Claims claims;
  const json::value* sub = payload->if_contains("sub");
  if (sub == nullptr || !sub->is_string() || sub->get_string().empty()) return Fail(errc::kMalformed, "sub missing");
  claims.subject = sub->get_string();

  if (const json::value* roles = payload->if_contains("roles")) {
    if (!roles->is_array()) return Fail(errc::kMalformed, "roles is not an array");
    for (const json::value& r : roles->get_array()) {
      if (!r.is_string()) return Fail(errc::kMalformed, "roles holds a non-string");
      // Unknown names are skipped so a newer issuer can add roles without locking older services out.
      if (auto role = ParseRole(r.get_string())) claims.roles.push_back(*role);
    }
  }

  const json::value* exp = payload->if_contains("exp");
  if (exp == nullptr) return Fail(errc::kMalformed, "exp missing");
  auto expires_at = NumericDate(*exp);
  if (!expires_at) return Fail(errc::kMalformed, "exp is not a NumericDate");
  claims.expires_at = *expires_at;
  for (auto [name, field] : {std::pair{"nbf", &claims.not_before}, std::pair{"iat", &claims.issued_at}}) {
    if (const json::value* v = payload->if_contains(name)) {
      auto date = NumericDate(*v);
      if (!date) return Fail(errc::kMalformed, std::string(name) + " is not a NumericDate");
      *field = *date;
    }
  }

  if (const json::value* iss = payload->if_contains("iss")) {
    if (!iss->is_string()) return Fail(errc::kMalformed, "iss is not a string");
    claims.issuer = iss->get_string();
  }
  if (const json::value* aud = payload->if_contains("aud")) {
    if (aud->is_string()) {
      claims.audience.emplace_back(aud->get_string());
    } else if (aud->is_array()) {
      for (const json::value& a : aud->get_array()) {
        if (!a.is_string()) return Fail(errc::kMalformed, "aud holds a non-string");
        claims.audience.emplace_back(a.get_string());
      }
    } else {
      return Fail(errc::kMalformed, "aud is neither string nor array");
    }
  }
  if (const json::value* jti = payload->if_contains("jti")) {
    if (!jti->is_string()) return Fail(errc::kMalformed, "jti is not a string");
    claims.token_id = jti->get_string();
  }
  if (const json::value* use = payload->if_contains("token_use")) {
    if (!use->is_string()) return Fail(errc::kMalformed, "token_use is not a string");
    claims.token_use = use->get_string();
  }

  if (const json::value* ver = payload->if_contains("ver")) {
    if (!ver->is_int64() || ver->get_int64() < 0) return Fail(errc::kMalformed, "ver is not a non-negative integer");
    claims.token_version = ver->get_int64();
  }

  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(clock());
  if (now >= claims.expires_at + leeway) return Fail(errc::kExpired, "token expired");
  if (now + leeway < claims.not_before || now + leeway < claims.issued_at) {
    return Fail(errc::kNotYetValid, "token not valid yet");
  }
  if (claims.issuer != issuer) return Fail(errc::kWrongIssuer, "unexpected issuer");
  if (std::find(claims.audience.begin(), claims.audience.end(), audience) == claims.audience.end()) {
    return Fail(errc::kWrongAudience, "token not meant for this audience");
  }
  if (claims.token_use != "access") return Fail(errc::kWrongTokenUse, "not an access token");
  return claims;
}

}  // namespace eda::auth
