#include "eda/auth/settings.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>
#include <vector>

#include "base64.hpp"
#include "eda/auth/errc.hpp"
#include "eda/config/reader.hpp"
#include "sodium_init.hpp"

namespace eda::auth {
namespace {

constexpr std::chrono::seconds kMaxTtl{86400};
constexpr std::chrono::seconds kMaxLeeway{300};

// Decodes base64 key material straight into SecretBytes and wipes the temporaries.
std::optional<SecretBytes> DecodeSecret(std::string text) {
  auto decoded = detail::DecodeBase64Any(text);
  WipeString(text);
  if (!decoded) return std::nullopt;
  SecretBytes secret({reinterpret_cast<const std::uint8_t*>(decoded->data()), decoded->size()});
  WipeString(*decoded);
  return secret;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Status Collect(const std::vector<std::string>& problems) {
  if (problems.empty()) return {};
  std::string message = "invalid token settings: ";
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i) message += "; ";
    message += problems[i];
  }
  return Error::Permanent(std::string(errc::kConfig), std::move(message));
}

void ValidateInto(const Settings& s, KeyUse use, std::vector<std::string>& problems) {
  detail::EnsureSodium();
  if (s.issuer.empty()) problems.emplace_back("EDA_JWT_ISSUER: must not be empty");
  if (s.audience.empty()) problems.emplace_back("EDA_JWT_AUDIENCE: must not be empty");
  if (s.access_ttl < std::chrono::seconds{1} || s.access_ttl > kMaxTtl) {
    problems.emplace_back("EDA_JWT_ACCESS_TTL_SECONDS: must be between 1 and 86400");
  }
  if (s.leeway < std::chrono::seconds{0} || s.leeway > kMaxLeeway) {
    problems.emplace_back("EDA_JWT_LEEWAY_SECONDS: must be between 0 and 300");
  }
  if (s.algorithm == Algorithm::kHS256) {
    if (s.hmac_secret.size() < kMinHmacSecretBytes) {
      problems.emplace_back("EDA_JWT_HMAC_SECRET: required with EDA_JWT_ALG=HS256, at least 32 bytes (base64)");
    }
    return;
  }
  if (!s.signing_key.empty() && s.signing_key.size() != kEd25519SeedBytes) {
    problems.emplace_back("EDA_JWT_SIGNING_KEY: must be base64 of exactly 32 bytes (an Ed25519 seed)");
  }
  if (use == KeyUse::kIssue && s.signing_key.empty()) {
    problems.emplace_back("EDA_JWT_SIGNING_KEY: required to issue tokens");
  }
  if (use == KeyUse::kVerify && !s.public_key && s.signing_key.empty()) {
    problems.emplace_back("EDA_JWT_PUBLIC_KEY: required to verify tokens");
  }
  if (s.public_key && crypto_core_ed25519_is_valid_point(s.public_key->data()) != 1) {
    problems.emplace_back("EDA_JWT_PUBLIC_KEY: not a valid Ed25519 public key");
  }
  if (s.public_key && s.signing_key.size() == kEd25519SeedBytes) {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk, s.signing_key.bytes().data());
    sodium_memzero(sk, sizeof sk);
    if (sodium_memcmp(pk, s.public_key->data(), sizeof pk) != 0) {
      problems.emplace_back("EDA_JWT_PUBLIC_KEY: does not belong to EDA_JWT_SIGNING_KEY");
    }
  }
}

}  // namespace

std::string_view AlgorithmName(Algorithm alg) noexcept { return alg == Algorithm::kHS256 ? "HS256" : "EdDSA"; }

std::optional<std::string> ProcessEnv(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

Status Validate(const Settings& settings, KeyUse use) {
  std::vector<std::string> problems;
  ValidateInto(settings, use, problems);
  return Collect(problems);
}

Result<Settings> LoadSettings(KeyUse use, const EnvLookup& env) {
  Settings s;
  std::vector<std::string> problems;
  // Every variable may instead name a file with <name>_FILE (config::Reader's rule), so keys stay
  // out of the environment. A variable set to the empty string counts as unset, as the ./eda env
  // files write blanks.
  config::Reader reader(env);
  auto get = [&](std::string_view name) -> std::optional<std::string> {
    std::string v = reader.GetString(name, "");
    if (v.empty()) return std::nullopt;
    return v;
  };

  if (auto alg = get("EDA_JWT_ALG")) {
    if (*alg == "EdDSA") s.algorithm = Algorithm::kEdDSA;
    else if (*alg == "HS256") s.algorithm = Algorithm::kHS256;
    else problems.emplace_back("EDA_JWT_ALG: must be EdDSA or HS256");
  }
  bool public_decoded = true;
  if (auto pk = get("EDA_JWT_PUBLIC_KEY")) {
    auto decoded = detail::DecodeBase64Any(*pk);
    if (!decoded || decoded->size() != kEd25519PublicKeyBytes) {
      problems.emplace_back("EDA_JWT_PUBLIC_KEY: must be base64 of exactly 32 bytes");
      public_decoded = false;
    } else {
      Ed25519PublicKey key{};
      std::copy(decoded->begin(), decoded->end(), key.begin());
      s.public_key = key;
    }
  }
  bool signing_decoded = true;
  if (auto sk = get("EDA_JWT_SIGNING_KEY")) {
    if (auto secret = DecodeSecret(std::move(*sk))) s.signing_key = std::move(*secret);
    else { problems.emplace_back("EDA_JWT_SIGNING_KEY: not valid base64"); signing_decoded = false; }
  }
  bool hmac_decoded = true;
  if (auto hs = get("EDA_JWT_HMAC_SECRET")) {
    if (auto secret = DecodeSecret(std::move(*hs))) s.hmac_secret = std::move(*secret);
    else { problems.emplace_back("EDA_JWT_HMAC_SECRET: not valid base64"); hmac_decoded = false; }
  }
  if (auto iss = get("EDA_JWT_ISSUER")) s.issuer = *iss;
  if (auto aud = get("EDA_JWT_AUDIENCE")) s.audience = *aud;
  if (auto list = get("EDA_JWT_TOKEN_AUDIENCES")) {
    for (std::size_t start = 0; start <= list->size();) {
      const std::size_t comma = std::min(list->find(',', start), list->size());
      std::string item = list->substr(start, comma - start);
      while (!item.empty() && item.front() == ' ') item.erase(item.begin());
      while (!item.empty() && item.back() == ' ') item.pop_back();
      if (item.empty()) problems.emplace_back("EDA_JWT_TOKEN_AUDIENCES: an empty entry");
      else s.token_audiences.push_back(std::move(item));
      start = comma + 1;
    }
  }
  if (auto ttl = get("EDA_JWT_ACCESS_TTL_SECONDS")) {
    if (auto v = ParseInt(*ttl)) s.access_ttl = std::chrono::seconds{*v};
    else problems.emplace_back("EDA_JWT_ACCESS_TTL_SECONDS: not an integer");
  }
  if (auto leeway = get("EDA_JWT_LEEWAY_SECONDS")) {
    if (auto v = ParseInt(*leeway)) s.leeway = std::chrono::seconds{*v};
    else problems.emplace_back("EDA_JWT_LEEWAY_SECONDS: not an integer");
  }

  // Unreadable files and KEY set together with KEY_FILE; the messages name paths, never contents.
  problems.insert(problems.end(), reader.errors().begin(), reader.errors().end());
  std::vector<std::string> semantic;
  ValidateInto(s, use, semantic);
  for (auto& p : semantic) {
    // Do not report "required" for a key we already reported as undecodable.
    if (!signing_decoded && p.starts_with("EDA_JWT_SIGNING_KEY")) continue;
    if (!hmac_decoded && p.starts_with("EDA_JWT_HMAC_SECRET")) continue;
    if (!public_decoded && p.starts_with("EDA_JWT_PUBLIC_KEY")) continue;
    problems.push_back(std::move(p));
  }
  if (auto st = Collect(problems); !st.ok()) return std::move(st).error();
  return s;
}

}  // namespace eda::auth
