#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "eda/auth/key_pair.hpp"
#include "eda/auth/revocation_list.hpp"
#include "eda/auth/token_issuer.hpp"
#include "eda/auth/token_verifier.hpp"

namespace eda::auth::testing {

// Real EdDSA tokens for tests of any service: a fresh key pair, an issuer and a verifier sharing a
// clock the test moves by hand. Link eda::auth_testing. Not thread-safe to Advance while verifying.
//   eda::auth::testing::TestTokens tokens;
//   request.headers.emplace_back("Authorization", "Bearer " + tokens.AccessToken(42));
//   server.SetTokenVerifier(MakeHttpTokenVerifier(tokens.verifier(), tokens.revocations()));
class TestTokens {
 public:
  TestTokens()
      : now_(std::make_shared<std::atomic<std::int64_t>>(
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count())),
        settings_(MakeSettings()),
        issuer_(TokenIssuer::Create(settings_, clock()).value()),
        verifier_(TokenVerifier::Create(settings_, clock()).value()),
        revocations_(std::make_unique<RevocationList>(settings_.access_ttl + settings_.leeway, clock())) {
    revocations_->Apply({});  // loaded and empty: nothing revoked until a test applies entries
  }

  // Settings holding both keys (seed and public key); copy and edit them to build mismatching
  // verifiers (other audience, other key).
  const Settings& settings() const { return settings_; }
  const TokenIssuer& issuer() const { return issuer_; }
  const TokenVerifier& verifier() const { return verifier_; }
  // The revocations a test's HTTP verifier checks (loaded, empty at first); Apply entries to revoke.
  RevocationList& revocations() const { return *revocations_; }

  // A signed access token for member `member_id` with `roles`.
  std::string AccessToken(std::int64_t member_id, std::initializer_list<Role> roles = {Role::kBuyer}) const {
    const std::vector<Role> r(roles);
    return issuer_.Issue(std::to_string(member_id), r).token;
  }

  // The clock issuer and verifier read; Advance moves it (e.g. past the 900 s TTL plus leeway).
  Clock clock() const {
    return [n = now_] { return std::chrono::system_clock::time_point{std::chrono::seconds{n->load()}}; };
  }
  void Advance(std::chrono::seconds by) { *now_ += by.count(); }

 private:
  static Settings MakeSettings() {
    Settings s;
    Ed25519KeyPair keys = Ed25519KeyPair::Generate();
    s.public_key = keys.public_key;
    s.signing_key = std::move(keys.seed);
    return s;
  }

  std::shared_ptr<std::atomic<std::int64_t>> now_;
  Settings settings_;
  TokenIssuer issuer_;
  TokenVerifier verifier_;
  std::unique_ptr<RevocationList> revocations_;
};

}  // namespace eda::auth::testing
