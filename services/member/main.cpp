// eda-member: composition root of the member service. Reads settings, builds every part in
// dependency order, serves HTTP until SIGTERM/SIGINT, then stops in reverse order. No logic here.

#include <chrono>
#include <cstdlib>
#include <string>

#include "eda/auth/password_hasher.hpp"
#include "eda/auth/settings.hpp"
#include "eda/auth/token_issuer.hpp"
#include "eda/auth/token_verifier.hpp"
#include "eda/config/reader.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/events/outbox.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/server.hpp"
#include "eda/log/log.hpp"
#include "eda/redis/pool.hpp"
#include "eda/service/event_plumbing.hpp"
#include "eda/service/access_tokens.hpp"
#include "eda/service/readiness.hpp"
#include "eda/service/settings.hpp"
#include "eda/service/startup.hpp"
#include "eda/sql/pool.hpp"
#include "eda/topology/ports.hpp"
#include "member/api/auth_adapters.hpp"
#include "member/api/member_routes.hpp"
#include "member/api/openapi_document.hpp"
#include "member/domain/member_service.hpp"
#include "member/events/member_registered.hpp"
#include "member/store/redis_login_throttle_store.hpp"
#include "member/store/schema.hpp"
#include "member/store/sql_member_repository.hpp"
#include "member/store/sql_refresh_token_repository.hpp"

namespace {

using namespace eda;

// The member service's own settings (the kernel libraries read theirs: EDA_HTTP_*, EDA_MYSQL_*,
// EDA_REDIS_*, EDA_KAFKA_BROKERS, EDA_JWT_*).
struct MemberSettings {
  std::uint16_t port = topology::kMemberPort;   // EDA_MEMBER_PORT (EDA_HTTP_PORT overrides)
  member::MemberService::Settings service;      // EDA_MEMBER_BOOTSTRAP_ADMIN, EDA_MEMBER_REFRESH_TTL,
                                                // EDA_MEMBER_MAX_FAILURES_PER_LOGIN / _PER_ADDRESS,
                                                // EDA_MEMBER_THROTTLE_WINDOW, EDA_MEMBER_LOCKOUT
  int workers = 4;                              // EDA_MEMBER_WORKERS: threads for argon2id + database calls
  auth::PasswordCost password_cost = auth::PasswordCost::kInteractive;  // EDA_MEMBER_PASSWORD_COST
  member::RouteSettings routes;                 // EDA_MEMBER_TRUST_FORWARDED_FOR
  std::string throttle_prefix = "eda:member:throttle:";  // EDA_MEMBER_THROTTLE_PREFIX (Redis keys)
  bool relay = true;                            // EDA_MEMBER_RELAY: run the outbox relay in-process
  std::chrono::milliseconds revocation_poll{1000};  // EDA_AUTH_REVOCATION_POLL: how often this service's
                                                    // own verifier reads the token revocations
};

// The services a buyer's or seller's token is for (each checks its own name in `aud`).
constexpr std::string_view kShopTokenAudiences = "eda-member,eda-catalog,eda-search,eda-order,eda-payment,eda-delivery";

MemberSettings LoadMemberSettings(config::Reader& r) {
  MemberSettings s;
  s.port = r.GetPort("EDA_MEMBER_PORT", s.port);
  s.service.bootstrap_admin_login_id = r.GetString("EDA_MEMBER_BOOTSTRAP_ADMIN", "");
  const auto seconds = [&](std::string_view key, std::chrono::seconds def) {
    return std::chrono::ceil<std::chrono::seconds>(r.GetDuration(key, def));
  };
  s.service.refresh_ttl = seconds("EDA_MEMBER_REFRESH_TTL", s.service.refresh_ttl);
  s.service.throttle.max_failures_per_login =
      r.GetInt("EDA_MEMBER_MAX_FAILURES_PER_LOGIN", s.service.throttle.max_failures_per_login, 0, 1'000'000);
  s.service.throttle.max_failures_per_address =
      r.GetInt("EDA_MEMBER_MAX_FAILURES_PER_ADDRESS", s.service.throttle.max_failures_per_address, 0, 1'000'000);
  s.service.throttle.window = seconds("EDA_MEMBER_THROTTLE_WINDOW", s.service.throttle.window);
  s.service.throttle.lockout = seconds("EDA_MEMBER_LOCKOUT", s.service.throttle.lockout);
  if (s.service.refresh_ttl.count() < 1) r.AddError("EDA_MEMBER_REFRESH_TTL", "must be at least 1s");
  if (s.service.throttle.window.count() < 1) r.AddError("EDA_MEMBER_THROTTLE_WINDOW", "must be at least 1s");
  if (s.service.throttle.lockout.count() < 1) r.AddError("EDA_MEMBER_LOCKOUT", "must be at least 1s");
  s.workers = static_cast<int>(r.GetInt("EDA_MEMBER_WORKERS", s.workers, 1, 256));
  const std::string cost = r.GetString("EDA_MEMBER_PASSWORD_COST", "interactive");
  if (cost == "interactive") s.password_cost = auth::PasswordCost::kInteractive;
  else if (cost == "moderate") s.password_cost = auth::PasswordCost::kModerate;
  else r.AddError("EDA_MEMBER_PASSWORD_COST", "must be interactive or moderate");
  s.routes.trust_forwarded_for = r.GetBool("EDA_MEMBER_TRUST_FORWARDED_FOR", false);
  s.throttle_prefix = r.GetString("EDA_MEMBER_THROTTLE_PREFIX", s.throttle_prefix);
  s.relay = r.GetBool("EDA_MEMBER_RELAY", true);
  s.revocation_poll = r.GetDuration("EDA_AUTH_REVOCATION_POLL", s.revocation_poll);
  return s;
}

}  // namespace

int main() {
  service::StartLogging("member");

  // ---- settings ----
  config::Reader env;
  MemberSettings settings = LoadMemberSettings(env);
  const http::ServerSettings http_settings = http::ServerSettings::Load(env, "member", settings.port);
  if (auto ok = env.Finish(); !ok) return service::FailStartup("settings", ok.error());
  auto sql_settings = service::LoadSqlSettings();
  if (!sql_settings) return service::FailStartup("mysql settings", sql_settings.error());
  auto redis_settings = redis::Settings::FromEnv(redis::Settings{});
  if (!redis_settings) return service::FailStartup("redis settings", redis_settings.error());
  // Member issues tokens (the signing key). A shop token is for the services that serve buyers and
  // sellers, each of which requires its own audience; this service requires "eda-member".
  auto auth_settings = auth::LoadSettings(auth::KeyUse::kIssue, [](std::string_view name) {
    auto value = auth::ProcessEnv(name);
    if (value && !value->empty()) return value;
    if (auth::ProcessEnv(std::string(name) + "_FILE")) return value;
    if (name == "EDA_JWT_AUDIENCE") return std::optional<std::string>(service::AccessTokens::AudienceOf("member"));
    if (name == "EDA_JWT_TOKEN_AUDIENCES") return std::optional<std::string>(kShopTokenAudiences);
    return value;
  });
  if (!auth_settings) return service::FailStartup("jwt settings", auth_settings.error());
  auto kafka = service::LoadKafkaSettings();
  if (!kafka) return service::FailStartup("kafka settings", kafka.error());

  // ---- infrastructure ----
  // The member service's own outbox table: services may share one database (my_db, as in the seed).
  events::Outbox outbox("member_outbox");
  if (auto migrated = member::ApplyMemberSchema(*sql_settings, outbox); !migrated) {
    return service::FailStartup("migrations", migrated.error());
  }
  sql::Pool sql_pool(*sql_settings);
  redis::Pool redis_pool(*redis_settings);
  service::EventPlumbing plumbing("member", *kafka, outbox, sql_pool);
  if (auto started = plumbing.StartProducer(); !started) return service::FailStartup("kafka producer", started.error());

  // ---- crypto ----
  auto issuer = auth::TokenIssuer::Create(*auth_settings);
  if (!issuer) return service::FailStartup("jwt issuer", issuer.error());
  auto verifier = auth::TokenVerifier::Create(*auth_settings);
  if (!verifier) return service::FailStartup("jwt verifier", verifier.error());
  settings.service.access_token_horizon = auth_settings->access_ttl + auth_settings->leeway;
  const auth::PasswordHasher hasher(settings.password_cost);
  const member::AuthPasswordHashing passwords(hasher);
  const member::JwtAccessTokenIssuer access_tokens(*issuer);
  const member::OpaqueRefreshTokenCodec refresh_codec;

  // ---- domain ----
  member::SqlMemberRepository members(sql_pool, outbox);
  member::SqlRefreshTokenRepository refresh_tokens(sql_pool);
  member::RedisLoginThrottleStore throttle(redis_pool, settings.throttle_prefix, settings.service.throttle.window);
  const member::MemberService service(
      member::MemberService::Ports{members, refresh_tokens, throttle, passwords, access_tokens, refresh_codec},
      settings.service);

  // The member service reads its own revocations from its database, not over HTTP.
  service::AccessTokens token_checks(
      std::move(*verifier), settings.service.access_token_horizon,
      [&service](std::int64_t after) -> Result<std::vector<auth::RevocationList::Entry>> {
        auto found = service.Revocations(after, 1000);
        if (!found) return Error::Transient("member.revocations", found.error().detail + ": " + found.error().cause);
        std::vector<auth::RevocationList::Entry> entries;
        for (const auto& r : *found) entries.push_back({r.seq, r.member_id.value(), r.min_version});
        return entries;
      },
      settings.revocation_poll);

  // ---- HTTP ----
  http::BlockingPool blocking(static_cast<std::size_t>(settings.workers));
  http::Router router;
  member::AddMemberRoutes(router, service, blocking, settings.routes);
  http::Server server(http_settings, std::move(router));
  token_checks.Install(server);
  token_checks.Start();  // stopped by its destructor, after the server
  server.SetOpenApiDocument(std::string(member::OpenApiDocument()));
  service::AddMariaDbReadiness(server, sql_pool);
  service::AddRedisReadiness(server, redis_pool);

  if (settings.relay) plumbing.StartRelay();
  log::Info("member service starting", {{"port", http_settings.port}, {"workers", settings.workers}});
  const int code = server.Run();  // until SIGTERM/SIGINT; drains in-flight requests

  // ---- shutdown, reverse order: no new requests, then the relay, then Kafka and the pools ----
  plumbing.Stop();
  redis_pool.Stop();
  sql_pool.Stop();
  return service::ReportStopped(code);
}
