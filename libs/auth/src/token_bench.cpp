// Token throughput: issues/s and verifications/s on one thread, for both algorithms.
#include <benchmark/benchmark.h>

#include "eda/auth/key_pair.hpp"
#include "eda/auth/password_hasher.hpp"
#include "eda/auth/token_issuer.hpp"
#include "eda/auth/token_verifier.hpp"

namespace {

using eda::auth::Algorithm;
using eda::auth::Role;

eda::auth::Settings MakeSettings(Algorithm alg) {
  eda::auth::Settings s;
  s.algorithm = alg;
  if (alg == Algorithm::kEdDSA) {
    s.signing_key = eda::auth::Ed25519KeyPair::Generate().seed;
  } else {
    s.hmac_secret = eda::auth::SecretBytes(std::vector<std::uint8_t>(32, 0x5a));
  }
  return s;
}

void BM_Issue(benchmark::State& state) {
  auto issuer = eda::auth::TokenIssuer::Create(MakeSettings(static_cast<Algorithm>(state.range(0)))).value();
  const Role roles[] = {Role::kBuyer};
  for (auto _ : state) benchmark::DoNotOptimize(issuer.Issue("123456", roles));
  state.SetItemsProcessed(state.iterations());
}

void BM_Verify(benchmark::State& state) {
  auto settings = MakeSettings(static_cast<Algorithm>(state.range(0)));
  auto issuer = eda::auth::TokenIssuer::Create(settings).value();
  auto verifier = eda::auth::TokenVerifier::Create(settings).value();
  const Role roles[] = {Role::kBuyer, Role::kSeller};
  const std::string token = issuer.Issue("123456", roles).token;
  for (auto _ : state) {
    auto claims = verifier.Verify(token);
    if (!claims.ok()) state.SkipWithError("verification failed");
    benchmark::DoNotOptimize(claims);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Issue)->Arg(static_cast<int>(Algorithm::kEdDSA))->Arg(static_cast<int>(Algorithm::kHS256));
BENCHMARK(BM_Verify)->Arg(static_cast<int>(Algorithm::kEdDSA))->Arg(static_cast<int>(Algorithm::kHS256));

// argon2id cost per login (hash on registration, verify on login): deliberately slow; the figure
// bounds logins/s per core for the chosen preset.
void BM_PasswordVerify(benchmark::State& state) {
  eda::auth::PasswordHasher hasher(static_cast<eda::auth::PasswordCost>(state.range(0)));
  const std::string stored = hasher.Hash("correct horse battery staple").value();
  for (auto _ : state) {
    if (!hasher.Verify(stored, "correct horse battery staple")) state.SkipWithError("verify failed");
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_PasswordVerify)
    ->Arg(static_cast<int>(eda::auth::PasswordCost::kInteractive))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(10);

}  // namespace

BENCHMARK_MAIN();
