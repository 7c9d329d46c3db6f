// LeaderLock against the MariaDB test server (label sql): two instances of a service are two pools.

#include <gtest/gtest.h>

#include <chrono>

#include "eda/sql/leader_lock.hpp"
#include "eda/sql/sql.hpp"
#include "eda/sql/testing/test_db.hpp"

namespace eda::sql {
namespace {

using namespace std::chrono_literals;
using testing::TestSettings;
using testing::UniqueName;

TEST(LeaderLock, OneOfTwoInstancesLeadsAndTheOtherTakesOverWhenItReleases) {
  Pool a_pool(TestSettings(2)), b_pool(TestSettings(2));
  const std::string name = UniqueName("eda_lead");
  LeaderLock a(a_pool, name), b(b_pool, name);
  EXPECT_TRUE(a.Ensure());
  EXPECT_FALSE(b.Ensure());
  EXPECT_TRUE(a.Ensure(0ms)) << "the holder keeps leading when asked again";
  EXPECT_FALSE(b.Ensure());
  a.Release();
  EXPECT_FALSE(a.held());
  EXPECT_TRUE(b.Ensure());
  EXPECT_FALSE(a.Ensure());
}

TEST(LeaderLock, ALeaderWhoseConnectionDiesLosesTheLeadToTheOther) {
  Pool a_pool(TestSettings(2)), b_pool(TestSettings(2)), admin(TestSettings(1));
  const std::string name = UniqueName("eda_lead");
  LeaderLock a(a_pool, name), b(b_pool, name);
  ASSERT_TRUE(a.Ensure());
  // The session that holds the lock, as the server sees it (a crash or a network cut looks the same).
  auto conn = admin.Acquire();
  ASSERT_TRUE(conn.ok()) << conn.error();
  auto holder = conn->Query("SELECT IS_USED_LOCK(?) AS id", {name});
  ASSERT_TRUE(holder.ok()) << holder.error();
  ASSERT_FALSE((*holder)[0].IsNull("id"));
  ASSERT_TRUE(conn->Execute("KILL CONNECTION " + std::to_string((*holder)[0].Get<std::int64_t>("id"))).ok());

  EXPECT_TRUE(b.Ensure()) << "the server dropped the lock with the killed session";
  EXPECT_FALSE(a.Ensure(0ms)) << "the old leader notices at its next check";
  EXPECT_FALSE(a.held());
}

TEST(LeaderLock, ReleasingTheLeadReturnsNoConnectionThatStillHoldsIt) {
  Pool pool(TestSettings(1));
  const std::string name = UniqueName("eda_lead");
  {
    LeaderLock a(pool, name);
    ASSERT_TRUE(a.Ensure());
  }
  // The pool's only connection is free again and holds nothing.
  auto conn = pool.Acquire(1s);
  ASSERT_TRUE(conn.ok()) << conn.error();
  auto used = conn->Query("SELECT IS_USED_LOCK(?) AS id", {name});
  ASSERT_TRUE(used.ok()) << used.error();
  EXPECT_TRUE((*used)[0].IsNull("id"));
}

}  // namespace
}  // namespace eda::sql
