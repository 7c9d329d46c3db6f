// eda-member-bench: what bounds the member service's throughput, without the network or the
// database: logins/s through MemberService::Login with the production argon2id preset and EdDSA
// tokens (repositories in memory, so the figure is the CPU cost a login cannot avoid), and access-token
// verifications/s through the same hook the HTTP server calls. `bench/member.sh` runs it.
#include <benchmark/benchmark.h>

#include <sodium.h>

#include "eda/auth/http_token_verifier.hpp"
#include "eda/auth/key_pair.hpp"
#include "eda/auth/password_hasher.hpp"
#include "eda/auth/revocation_list.hpp"
#include "eda/auth/token_issuer.hpp"
#include "eda/auth/token_verifier.hpp"
#include "eda/http/principal.hpp"
#include "member/api/auth_adapters.hpp"
#include "member/domain/testing/fake_ports.hpp"

namespace eda::member {
namespace {

using namespace eda::member::testing;

auth::Settings TokenSettings() {
  auth::Settings s;
  auto keys = auth::Ed25519KeyPair::Generate();
  s.signing_key = keys.seed;
  s.public_key = keys.public_key;
  return s;
}

// One full login (throttle check, lookup, argon2id verify, counter reset, token issue, refresh-token
// insert) per iteration. Each thread has its own in-memory ports (they are not thread-safe); the
// hasher, issuer and argon2id memory are what threads compete for.
void BM_Login(benchmark::State& state) {
  const auth::Settings settings = TokenSettings();
  const auto issuer = auth::TokenIssuer::Create(settings).value();
  const auth::PasswordHasher hasher(auth::PasswordCost::kInteractive);
  const AuthPasswordHashing passwords(hasher);
  const JwtAccessTokenIssuer access(issuer);
  const OpaqueRefreshTokenCodec codec;
  FakeMembers members;
  FakeTokens tokens;
  FakeThrottle throttle;
  const MemberService service(MemberService::Ports{members, tokens, throttle, passwords, access, codec},
                              MemberService::Settings{});
  if (!service.Register(RegistrationInput{"bench01", "Bench", "s3cretPassw", std::nullopt}, Caller::Anonymous(), "").ok()) {
    state.SkipWithError("registration failed");
    return;
  }
  for (auto _ : state) {
    auto session = service.Login(LoginInput{"bench01", "s3cretPassw"}, "127.0.0.1");
    if (!session.ok()) state.SkipWithError("login failed");
    benchmark::DoNotOptimize(session);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Login)->Unit(benchmark::kMillisecond)->UseRealTime()->Threads(1)->Threads(2);

// A failed login for an unknown loginId: must cost about the same as BM_Login (dummy-hash verify).
void BM_LoginUnknown(benchmark::State& state) {
  const auth::Settings settings = TokenSettings();
  const auto issuer = auth::TokenIssuer::Create(settings).value();
  const auth::PasswordHasher hasher(auth::PasswordCost::kInteractive);
  const AuthPasswordHashing passwords(hasher);
  const JwtAccessTokenIssuer access(issuer);
  const OpaqueRefreshTokenCodec codec;
  FakeMembers members;
  FakeTokens tokens;
  FakeThrottle throttle;
  MemberService::Settings no_lockout;
  no_lockout.throttle.max_failures_per_login = 0;
  no_lockout.throttle.max_failures_per_address = 0;
  const MemberService service(MemberService::Ports{members, tokens, throttle, passwords, access, codec}, no_lockout);
  for (auto _ : state) {
    auto session = service.Login(LoginInput{"nobody99", "s3cretPassw"}, "127.0.0.1");
    if (session.ok()) state.SkipWithError("unknown login succeeded");
    benchmark::DoNotOptimize(session);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LoginUnknown)->Unit(benchmark::kMillisecond)->UseRealTime();

// The bearer-token hook of every protected request: signature, claims, Principal.
void BM_VerifyAccessToken(benchmark::State& state) {
  const auth::Settings settings = TokenSettings();
  const auto issuer = auth::TokenIssuer::Create(settings).value();
  const auto verifier = auth::TokenVerifier::Create(settings).value();
  auth::RevocationList revocations(settings.access_ttl + settings.leeway);
  revocations.Apply({});
  const http::TokenVerifier hook = auth::MakeHttpTokenVerifier(verifier, revocations);
  const JwtAccessTokenIssuer access(issuer);
  const std::string token = access.Issue(Member{MemberId{123456}, "bench01", "Bench", Role::kSeller}, 0).token;
  for (auto _ : state) {
    auto principal = hook(token);
    if (!principal.ok()) state.SkipWithError("verification failed");
    benchmark::DoNotOptimize(principal);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyAccessToken)->UseRealTime()->Threads(1)->Threads(2);

}  // namespace
}  // namespace eda::member

int main(int argc, char** argv) {
  // The chosen preset, printed so the figures can be read against it.
  std::printf("argon2id preset interactive: opslimit=%llu memlimit=%zu bytes (libsodium %s)\n",
              static_cast<unsigned long long>(crypto_pwhash_OPSLIMIT_INTERACTIVE),
              static_cast<std::size_t>(crypto_pwhash_MEMLIMIT_INTERACTIVE), sodium_version_string());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
