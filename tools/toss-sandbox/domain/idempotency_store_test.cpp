#include "toss-sandbox/domain/idempotency_store.hpp"

#include <gtest/gtest.h>

namespace eda::toss_sandbox {
namespace {

using namespace std::chrono_literals;

TEST(IdempotencyStoreTest, StartedInFlightThenReplayedUntilTtl) {
  TimePoint now{};
  IdempotencyStore store(15 * 24h, [&] { return now; });
  const IdempotencyStore::Scope scope{"key-1", "test_sk_a", "/v1/payments/confirm", "POST"};
  EXPECT_TRUE(std::holds_alternative<IdempotencyStore::Started>(store.Begin(scope)));
  EXPECT_TRUE(std::holds_alternative<IdempotencyStore::InFlight>(store.Begin(scope)));
  store.Complete(scope, StoredResponse{200, R"({"status":"DONE"})"});
  auto replay = store.Begin(scope);
  ASSERT_TRUE(std::holds_alternative<StoredResponse>(replay));
  EXPECT_EQ(std::get<StoredResponse>(replay).body, R"({"status":"DONE"})");

  now += 15 * 24h - 1s;
  EXPECT_TRUE(std::holds_alternative<StoredResponse>(store.Begin(scope)));
  now += 1s;
  EXPECT_EQ(store.Purge(), 1u);
  EXPECT_TRUE(std::holds_alternative<IdempotencyStore::Started>(store.Begin(scope)));
}

TEST(IdempotencyStoreTest, ScopeIsKeySecretPathMethodNotBody) {
  TimePoint now{};
  IdempotencyStore store(1h, [&] { return now; });
  const IdempotencyStore::Scope a{"k", "test_sk_a", "/v1/payments/confirm", "POST"};
  ASSERT_TRUE(std::holds_alternative<IdempotencyStore::Started>(store.Begin(a)));
  store.Complete(a, StoredResponse{400, "{}"});
  for (auto other : {IdempotencyStore::Scope{"k", "test_sk_b", a.path, a.method},
                     IdempotencyStore::Scope{"k", a.secret_key, "/v1/payments/x/cancel", a.method},
                     IdempotencyStore::Scope{"k2", a.secret_key, a.path, a.method}}) {
    EXPECT_TRUE(std::holds_alternative<IdempotencyStore::Started>(store.Begin(other)));
  }
  EXPECT_EQ(std::get<StoredResponse>(store.Begin(a)).status, 400);
}

TEST(IdempotencyStoreTest, AbandonForgetsAnUnfinishedScope) {
  TimePoint now{};
  IdempotencyStore store(1h, [&] { return now; });
  const IdempotencyStore::Scope a{"k", "s", "/p", "POST"};
  ASSERT_TRUE(std::holds_alternative<IdempotencyStore::Started>(store.Begin(a)));
  store.Abandon(a);
  EXPECT_TRUE(std::holds_alternative<IdempotencyStore::Started>(store.Begin(a)));
  store.Complete(a, StoredResponse{200, "x"});
  store.Abandon(a);  // a finished scope is kept
  EXPECT_TRUE(std::holds_alternative<StoredResponse>(store.Begin(a)));
}

}  // namespace
}  // namespace eda::toss_sandbox
