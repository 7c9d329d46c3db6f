#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eda/auth/revocation_list.hpp"
#include "eda/auth/token_verifier.hpp"
#include "eda/core/result.hpp"
#include "eda/http/server.hpp"
#include "eda/topology/ports.hpp"

namespace eda::service {

// What every service needs to accept access tokens: the JWT verifier and the member service's
// revocations (logout, password change, refresh-family revocation: libs/auth README "Revocation"),
// kept up to date by a poller thread.
//
//   auto tokens = service::AccessTokens::FromEnv("order");    // EDA_JWT_*, EDA_MEMBER_URL
//   if (!tokens) return service::FailStartup("access tokens", tokens.error());
//   (*tokens)->Install(server);                               // bearer hook + readiness check
//   (*tokens)->Start();  ...  server.Run();  ...  (*tokens)->Stop();
//
// Until the first poll succeeds every token is refused (401) and readiness check
// "token-revocations" fails. After that a failing poll is logged (once per failure streak) and the
// last revocations stay in force: only the member service revokes, so while it cannot be reached
// nothing new is revoked beyond what was polled last.
//
// Thread safety: Install, Start and Stop from the composition root's thread; the installed hook is
// thread-safe. The object must outlive the server's Run().
class AccessTokens {
 public:
  // The revocations after `after_seq` (libs/auth RevocationList::Entry), or an error to retry later.
  using RevocationSource = std::function<Result<std::vector<auth::RevocationList::Entry>>(std::int64_t after_seq)>;

  struct Settings {
    // EDA_MEMBER_URL: where GET /member/internal/token-revocations is polled.
    std::string member_url = topology::LocalUrl(topology::kMemberPort);
    // EDA_AUTH_REVOCATION_POLL: how often (the longest a revoked token stays usable elsewhere).
    std::chrono::milliseconds poll_interval{1000};
  };

  // The verifier from EDA_JWT_* (KeyUse::kVerify) and revocations polled from the member service
  // over HTTP. The verifier requires `aud` to name this service: EDA_JWT_AUDIENCE, by default
  // "eda-<service>" (member writes the audiences of the services a shop token is for,
  // EDA_JWT_TOKEN_AUDIENCES). Errors: auth.config (keys), "config" (a malformed EDA_MEMBER_URL or
  // poll interval).
  static Result<std::unique_ptr<AccessTokens>> FromEnv(std::string_view service);

  // "eda-<service>": the audience a service requires unless EDA_JWT_AUDIENCE says otherwise.
  static std::string AudienceOf(std::string_view service);

  // For the member service itself (or a test): revocations read from `source` every poll_interval.
  // `keep`: how long an applied revocation matters (access TTL + leeway).
  AccessTokens(auth::TokenVerifier verifier, std::chrono::seconds keep, RevocationSource source,
               std::chrono::milliseconds poll_interval);
  AccessTokens(const AccessTokens&) = delete;
  AccessTokens& operator=(const AccessTokens&) = delete;
  ~AccessTokens();  // Stop()s

  // Sets the server's bearer-token hook (verifier + revocations) and readiness "token-revocations".
  void Install(http::Server& server);
  // Polls at once, then every poll interval, on its own thread. Stop() ends it (idempotent).
  void Start();
  void Stop();

  // One poll now, on the caller's thread: pages until nothing new comes. Returns the source's error.
  Status PollOnce();

  const auth::TokenVerifier& verifier() const;
  auth::RevocationList& revocations();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::service
