// Least privilege in Redis (issue 11): ./eda (deploy/lib/redis.sh) makes ACL users with passwords
// in $EDA_STATE_DIR/secrets/redis-<user>.password. Nobody gets in without logging in; member's user
// reaches only its throttle keys (eda:member:*, database 1) and search's only database 0, and each
// does its service's real work through the service's own store code with exactly those rights.
// Needs the test stack (`./eda infra up --profile test` and its environment).

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "eda/redis/pool.hpp"
#include "eda/redis/testing/test_redis.hpp"
#include "member/store/redis_login_throttle_store.hpp"
#include "platform_env.hpp"
#include "search/store/redis_search_index.hpp"

namespace eda::platform_test {
namespace {

std::string PasswordFile(const std::string& user) {
  return EnvOr("EDA_STATE_DIR", "") + "/secrets/redis-" + user + ".password";
}
std::string Password(const std::string& user) {
  std::ifstream in(PasswordFile(user));
  std::string pw;
  std::getline(in, pw);
  return pw;
}

// Settings of the test server logged in as `user` (empty: nobody) in `database`.
redis::Settings As(const std::string& user, int database) {
  redis::Settings s = redis::testing::TestSettings(2);
  s.user = user;
  s.password = redis::Secret(user.empty() ? "" : Password(user));
  s.database = database;
  return s;
}

// "<code>: <server message>" of a command that failed, "" when it succeeded.
std::string ErrorOf(redis::Connection& c, const redis::Args& args) {
  auto r = c.Command(args);
  return r ? "" : r.error().code + ": " + r.error().message;
}

// Refused by the ACL: directly (redis.auth: NOPERM ...) or inside a script (Redis 7 then answers
// "ERR The user executing the script can't ...").
bool Refused(const std::string& error) {
  return error.rfind("redis.auth:", 0) == 0 || error.find("The user executing the script can't") != std::string::npos;
}

// Every command must be refused; each runs once (a wrongly allowed FLUSHALL must not run twice).
void ExpectAllRefused(redis::Connection& c, const std::vector<redis::Args>& commands) {
  for (const redis::Args& args : commands) {
    const std::string error = ErrorOf(c, args);
    EXPECT_TRUE(Refused(error)) << args[0] << (args.size() > 1 ? " " + args[1] : "") << " -> '" << error << "'";
  }
}

class RedisAcl : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(EnvOr("EDA_STATE_DIR", "").empty())
        << "EDA_STATE_DIR is not set; run under ./eda test or after eval \"$(./eda infra env --profile test)\"";
  }
};

TEST_F(RedisAcl, AnUnauthenticatedClientIsRefused) {
  redis::Pool anonymous(As("", 0));
  auto c = anonymous.Acquire();
  ASSERT_TRUE(c.ok()) << c.error().message;  // connecting works, nothing else does
  auto get = c->Get("search:active");
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().code, "redis.auth") << get.error().message;
  EXPECT_EQ(ErrorOf(*c, {"PING"}).rfind("redis.auth: NOAUTH", 0), 0u);
}

TEST_F(RedisAcl, AWrongPasswordIsRefused) {
  redis::Settings s = As("member", 1);
  s.password = redis::Secret("not-the-password");
  redis::Pool pool(s);
  auto c = pool.Acquire();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "redis.auth");
  EXPECT_EQ(c.error().message.find("not-the-password"), std::string::npos);
}

// member's throttle store as member (what the member service runs), and its login again after the
// server dropped the connection (a reconnect sends AUTH again).
TEST_F(RedisAcl, MemberUsesItsThrottleKeysAndLogsInAgainAfterADisconnect) {
  using Scope = member::LoginThrottleStore::Scope;
  redis::Pool pool(As("member", 1));
  member::RedisLoginThrottleStore store(pool, "eda:member:throttle:", std::chrono::seconds(60));
  const std::string who = "acl-" + UniqueSuffix();
  ASSERT_TRUE(store.Increment(Scope::kLoginId, who).ok());
  auto second = store.Increment(Scope::kAddress, who);
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_TRUE(store.Expire(Scope::kLoginId, who, std::chrono::seconds(30)).ok());
  auto counter = store.Get(Scope::kLoginId, who);
  ASSERT_TRUE(counter.ok()) << counter.error().message;
  EXPECT_EQ(counter->failures, 1);

  redis::Pool admin(As("default", 0));
  auto killed = admin.Acquire()->Command("CLIENT", "KILL", "USER", "member");
  ASSERT_TRUE(killed.ok() && !killed->is_error()) << (killed.ok() ? killed->str : killed.error().message);
  auto after = store.Get(Scope::kLoginId, who);
  if (!after.ok()) after = store.Get(Scope::kLoginId, who);  // the first use may meet the dead socket
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->failures, 1);
  EXPECT_TRUE(store.Reset(Scope::kLoginId, who).ok());
  EXPECT_TRUE(store.Reset(Scope::kAddress, who).ok());
}

TEST_F(RedisAcl, MemberIsRefusedSearchsKeysAndAdministration) {
  redis::Pool pool(As("member", 1));
  auto c = pool.Acquire();
  ASSERT_TRUE(c.ok()) << c.error().message;
  ExpectAllRefused(*c, {
           {"GET", "search:active"},
           {"SMEMBERS", "some-tag"},
           {"HGETALL", "search:g0:p:1"},
           {"DEL", "search:active"},
           {"SET", "eda:member:throttle:x", "1"},  // its own keys, but not a command it needs
           {"KEYS", "*"},
           {"FLUSHALL"},
           {"CONFIG", "GET", "requirepass"},
           {"ACL", "LIST"},
           {"EVAL", "return redis.call('GET', 'search:active')", "0"},
       });
}

// search's index store as search, on a generation of its own (a rebuild target: the live index and
// the seed tag sets stay untouched), then dropped.
TEST_F(RedisAcl, SearchRunsItsIndexStore) {
  redis::Pool pool(As("search", 0));
  search::RedisSearchIndex index(pool);
  auto generation = index.NewGeneration();
  ASSERT_TRUE(generation.ok()) << generation.error().message;
  const search::IndexTarget target{*generation};
  const std::string tag = "acltest-" + UniqueSuffix();
  search::IndexDocument doc;
  doc.product = {900000001, "acl probe", 1200, 3, 7, {tag}};
  doc.words = {"acl", "probe"};
  doc.terms = {"ac", "acl", "pr", "pro", "prob", "probe"};
  doc.version_ms = 1;
  auto upserted = index.ApplyUpsert(doc, target);
  ASSERT_TRUE(upserted.ok()) << upserted.error().message;
  EXPECT_TRUE(*upserted);
  auto tagged = index.ApplyTags({search::TagOp::kAdd, 900000001, {tag}, 2}, target);
  ASSERT_TRUE(tagged.ok()) << tagged.error().message;
  auto summaries = index.FetchSummaries({900000001}, *generation);
  ASSERT_TRUE(summaries.ok()) << summaries.error().message;
  ASSERT_EQ(summaries->size(), 1u);
  EXPECT_EQ(summaries->front().name, "acl probe");
  search::QueryPlan plan;
  plan.tags = {tag};
  auto candidates = index.FindCandidates(plan);  // the live generation: nothing carries this tag
  ASSERT_TRUE(candidates.ok()) << candidates.error().message;
  EXPECT_TRUE(index.TagMembers(tag).ok());
  auto deleted = index.ApplyDelete(900000001, 3, target);
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  auto dropped = index.DropGeneration(*generation);
  ASSERT_TRUE(dropped.ok()) << dropped.error().message;
  EXPECT_GT(*dropped, 0);
}

TEST_F(RedisAcl, SearchCannotReachMembersDatabaseOrAdministrate) {
  redis::Pool pool(As("search", 0));
  auto c = pool.Acquire();
  ASSERT_TRUE(c.ok()) << c.error().message;
  ExpectAllRefused(*c, {
           {"SELECT", "1"},
           {"MOVE", "search:active", "1"},
           {"COPY", "search:active", "x", "DB", "1"},
           {"SWAPDB", "0", "1"},
           {"EVAL", "redis.call('SELECT', '1') return redis.call('KEYS', '*')", "0"},
           {"FLUSHALL"},
           {"CONFIG", "SET", "appendonly", "no"},
           {"ACL", "SETUSER", "search", "+@all"},
       });
  // member's throttle keys, as the member service keeps them: not visible from database 0.
  redis::Pool member(As("member", 1));
  const std::string key = "eda:member:throttle:login:acl-" + UniqueSuffix();
  ASSERT_TRUE(member.Acquire()->IncrByWithExpiry(key, 1, std::chrono::seconds(60)).ok());
  auto seen = c->Get(key);
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_FALSE(seen->has_value());
  EXPECT_TRUE(member.Acquire()->Del(std::vector<std::string>{key}).ok());
}

}  // namespace
}  // namespace eda::platform_test
