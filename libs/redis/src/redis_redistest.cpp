// Integration tests against the Redis test server (label redis). Every key has a random prefix and
// is deleted at the end.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>
#include <set>
#include <thread>

#include "eda/redis/redis.hpp"
#include "eda/redis/testing/test_redis.hpp"

namespace eda::redis {
namespace {

using namespace std::chrono_literals;
using testing::TestSettings;
using testing::UniquePrefix;

class RedisTest : public ::testing::Test {
 protected:
  void TearDown() override {
    auto c = pool_.Acquire();
    if (!c) return;
    (void)c->Eval("for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 0", {},
                  {prefix_ + "*"});
  }
  std::string Key(const std::string& name) const { return prefix_ + name; }
  std::vector<std::string> Sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }

  Pool pool_{TestSettings(4)};
  std::string prefix_ = UniquePrefix("redis");
};

TEST_F(RedisTest, StringsKeysAndExpiry) {
  auto c = pool_.Acquire();
  ASSERT_TRUE(c.ok()) << c.error();
  EXPECT_EQ(*c->Get(Key("missing")), std::nullopt);
  const std::string binary("a\0b\r\nc", 6);
  ASSERT_TRUE(*c->Set(Key("s"), binary));
  EXPECT_EQ(*c->Get(Key("s")), binary);
  EXPECT_FALSE(*c->Set(Key("s"), "other", {.ttl = std::nullopt, .only_if_absent = true}));  // NX on an existing key
  EXPECT_EQ(*c->Get(Key("s")), binary);
  EXPECT_TRUE(*c->Set(Key("lock"), "me", {.ttl = 10s, .only_if_absent = true}));
  auto ttl = c->Pttl(Key("lock"));
  ASSERT_TRUE(ttl.ok() && ttl->has_value());
  EXPECT_GT(**ttl, 9000ms);
  EXPECT_LE(**ttl, 10000ms);
  EXPECT_TRUE(*c->Set(Key("short"), "x", {.ttl = 1500ms}));
  EXPECT_LE(**c->Pttl(Key("short")), 1500ms);
  EXPECT_FALSE(*c->Set(Key("absent"), "x", {.ttl = std::nullopt, .only_if_absent = false, .only_if_present = true}));
  EXPECT_EQ(*c->Pttl(Key("s")), std::nullopt);
  EXPECT_TRUE(*c->Expire(Key("s"), 100s));
  EXPECT_FALSE(*c->Expire(Key("nope"), 100s));
  EXPECT_TRUE(*c->Exists(Key("s")));
  EXPECT_EQ(*c->Del(std::vector<std::string>{Key("s"), Key("lock"), Key("nope")}), 2);
  EXPECT_FALSE(*c->Exists(Key("s")));
  EXPECT_EQ(*c->Incr(Key("n")), 1);
  EXPECT_EQ(*c->IncrBy(Key("n"), 41), 42);
  EXPECT_EQ(*c->IncrBy(Key("n"), -2), 40);
}

TEST_F(RedisTest, ThrottlingCounterGetsExpiryOnce) {
  auto c = pool_.Acquire();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c->IncrByWithExpiry(Key("rate"), 1, 60s), 1);
  auto first_ttl = **c->Pttl(Key("rate"));
  EXPECT_GT(first_ttl, 59000ms);
  ASSERT_TRUE(c->Command("PEXPIRE", Key("rate"), 30000).ok());  // shorten: a later incr must not reset it
  EXPECT_EQ(*c->IncrByWithExpiry(Key("rate"), 5, 60s), 6);
  EXPECT_LE(**c->Pttl(Key("rate")), 30000ms);
}

TEST_F(RedisTest, RenameSwapsIndexAtomically) {
  auto c = pool_.Acquire();
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(*c->SAdd(Key("idx"), {"old"}), 1);
  ASSERT_EQ(*c->SAdd(Key("idx:tmp"), {"new1", "new2"}), 2);
  ASSERT_TRUE(c->Rename(Key("idx:tmp"), Key("idx")).ok());
  EXPECT_EQ(Sorted(*c->SMembers(Key("idx"))), (std::vector<std::string>{"new1", "new2"}));
  EXPECT_FALSE(*c->Exists(Key("idx:tmp")));
  auto missing = c->Rename(Key("idx:tmp"), Key("idx"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, errc::kNoSuchKey);
}

TEST_F(RedisTest, Sets) {
  auto c = pool_.Acquire();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c->SAdd(Key("a"), {"1", "2", "3", "3"}), 3);
  EXPECT_EQ(*c->SAdd(Key("b"), {"2", "3", "4"}), 3);
  EXPECT_EQ(*c->SCard(Key("a")), 3);
  EXPECT_TRUE(*c->SIsMember(Key("a"), "2"));
  EXPECT_FALSE(*c->SIsMember(Key("a"), "9"));
  EXPECT_EQ(Sorted(*c->SInter({Key("a"), Key("b")})), (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(Sorted(*c->SUnion({Key("a"), Key("b")})), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(*c->SRem(Key("a"), {"1", "9"}), 1);
  EXPECT_EQ(Sorted(*c->SMembers(Key("a"))), (std::vector<std::string>{"2", "3"}));
  EXPECT_TRUE(c->SMembers(Key("none"))->empty());
}

TEST_F(RedisTest, SortedSets) {
  auto c = pool_.Acquire();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c->ZAdd(Key("z"), {{1.5, "a"}, {3, "c"}, {2, "b"}, {-1e10, "low"}}), 4);
  EXPECT_EQ(*c->ZAdd(Key("z"), {{4, "a"}}), 0);  // score update, not an addition
  EXPECT_EQ(*c->ZRange(Key("z"), 0, -1), (std::vector<std::string>{"low", "b", "c", "a"}));
  EXPECT_EQ(*c->ZRange(Key("z"), 0, 1), (std::vector<std::string>{"low", "b"}));
  auto top = c->ZRevRangeByScore(Key("z"), std::numeric_limits<double>::infinity(), 2);
  ASSERT_TRUE(top.ok()) << top.error();
  EXPECT_EQ(*top, (std::vector<ScoredMember>{{4, "a"}, {3, "c"}, {2, "b"}}));
  auto page = c->ZRevRangeByScore(Key("z"), 10, -std::numeric_limits<double>::infinity(), std::pair{1, 2});
  EXPECT_EQ(*page, (std::vector<ScoredMember>{{3, "c"}, {2, "b"}}));
  EXPECT_EQ(*c->ZRem(Key("z"), {"low"}), 1);
}

TEST_F(RedisTest, Hashes) {
  auto c = pool_.Acquire();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c->HSet(Key("h"), {{"f1", "v1"}, {"f2", "v2"}}), 2);
  EXPECT_EQ(*c->HSet(Key("h"), "f1", "v1b"), 0);
  EXPECT_EQ(*c->HGet(Key("h"), "f1"), "v1b");
  EXPECT_EQ(*c->HGet(Key("h"), "nope"), std::nullopt);
  auto all = c->HGetAll(Key("h"));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at("f2"), "v2");
  EXPECT_TRUE(c->HGetAll(Key("none"))->empty());
}

TEST_F(RedisTest, EvalAndErrorClassification) {
  auto c = pool_.Acquire();
  ASSERT_TRUE(c.ok());
  auto r = c->Eval("redis.call('SET', KEYS[1], ARGV[1]); return {redis.call('GET', KEYS[1]), 7}", {Key("e")},
                   {"val"});
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->type, ReplyType::kArray);
  EXPECT_EQ(r->elements.at(0).str, "val");
  EXPECT_EQ(r->elements.at(1).integer, 7);
  auto bad = c->Eval("return redis.call('NOSUCHCOMMAND')", {}, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, errc::kScript);

  ASSERT_TRUE(*c->Set(Key("str"), "x"));
  auto wrong = c->SAdd(Key("str"), {"m"});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, errc::kWrongType);
  EXPECT_FALSE(wrong.error().retryable);
  auto noint = c->Incr(Key("str"));
  ASSERT_FALSE(noint.ok());
  EXPECT_EQ(noint.error().code, errc::kReply);
  auto noscript = c->Command("EVALSHA", "0000000000000000000000000000000000000000", 0);
  ASSERT_FALSE(noscript.ok());
  EXPECT_EQ(noscript.error().code, errc::kNoScript);
  // Error replies do not break the connection.
  EXPECT_FALSE(c->broken());
  auto ping = c->Command("PING");
  ASSERT_TRUE(ping.ok());
  EXPECT_EQ(ping->str, "PONG");
}

TEST_F(RedisTest, PipelineSendsManyReadsManyInOrder) {
  auto c = pool_.Acquire();
  ASSERT_TRUE(c.ok());
  std::vector<Args> cmds;
  constexpr int kN = 1000;
  for (int i = 0; i < kN; ++i) cmds.push_back({"RPUSH", Key("list"), std::to_string(i)});
  cmds.push_back({"SET", Key("plain"), "v"});
  cmds.push_back({"LPUSH", Key("plain"), "boom"});  // WRONGTYPE in the middle
  cmds.push_back({"GET", Key("plain")});
  auto replies = c->Pipeline(cmds);
  ASSERT_TRUE(replies.ok()) << replies.error();
  ASSERT_EQ(replies->size(), cmds.size());
  for (int i = 0; i < kN; ++i) EXPECT_EQ((*replies)[i].integer, i + 1);
  EXPECT_EQ((*replies)[kN].str, "OK");
  EXPECT_TRUE((*replies)[kN + 1].is_error());
  EXPECT_EQ(ClassifyReplyError((*replies)[kN + 1].str).code, errc::kWrongType);
  EXPECT_EQ((*replies)[kN + 2].str, "v");

  // Figure: pipelined vs one-by-one SET round trips on loopback.
  std::vector<Args> sets;
  for (int i = 0; i < 10000; ++i) sets.push_back({"SET", Key("p" + std::to_string(i % 100)), "x"});
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(c->Pipeline(sets).ok());
  const double piped = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 2000; ++i) ASSERT_TRUE(c->Set(Key("q"), "x").ok());
  const double single = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "[figure] redis SET pipelined: " << static_cast<long>(10000 / piped)
            << " cmds/s; one-by-one: " << static_cast<long>(2000 / single) << " cmds/s (one connection, loopback)\n";
}

TEST_F(RedisTest, ReconnectsAfterClientKill) {
  Settings s = TestSettings(1);
  s.ping_after_idle = std::chrono::hours(1);  // no ping: the failure must surface on use
  Pool pool(s);
  std::string victim_id;
  {
    auto c = pool.Acquire();
    ASSERT_TRUE(c.ok());
    auto id = c->Command("CLIENT", "ID");
    ASSERT_TRUE(id.ok());
    victim_id = std::to_string(id->integer);
    auto killer = pool_.Acquire();
    auto killed = killer->Command("CLIENT", "KILL", "ID", victim_id);
    ASSERT_TRUE(killed.ok()) << killed.error();
    EXPECT_EQ(killed->integer, 1);
    auto r = c->Get(Key("after-kill"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errc::kConnection);
    EXPECT_TRUE(r.error().retryable);
    EXPECT_TRUE(c->broken());
  }
  EXPECT_EQ(pool.stats().discarded, 1u);
  auto again = pool.Acquire();
  ASSERT_TRUE(again.ok()) << again.error();
  auto id2 = again->Command("CLIENT", "ID");
  ASSERT_TRUE(id2.ok());
  EXPECT_NE(std::to_string(id2->integer), victim_id);
  EXPECT_TRUE(again->Set(Key("after-kill"), "ok").ok());
}

TEST_F(RedisTest, IdleKilledConnectionIsReplacedOnAcquire) {
  Settings s = TestSettings(1);
  s.ping_after_idle = 0ms;
  Pool pool(s);
  std::int64_t first = 0;
  {
    auto c = pool.Acquire();
    first = c->Command("CLIENT", "ID")->integer;
  }
  ASSERT_TRUE(pool_.Acquire()->Command("CLIENT", "KILL", "ID", first).ok());
  auto c = pool.Acquire();
  ASSERT_TRUE(c.ok()) << c.error();
  EXPECT_NE(c->Command("CLIENT", "ID")->integer, first);
  EXPECT_EQ(pool.stats().discarded, 1u);
}

TEST_F(RedisTest, UnreachableServerAndExhaustionAreRetryable) {
  Settings s = TestSettings(1);
  s.port = 1;  // nothing listens there
  Pool dead(s);
  auto c = dead.Acquire();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, errc::kConnection);
  EXPECT_TRUE(c.error().retryable);

  Pool one(TestSettings(1));
  auto held = one.Acquire();
  ASSERT_TRUE(held.ok());
  auto second = one.Acquire(100ms);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, errc::kPoolTimeout);
  EXPECT_TRUE(second.error().retryable);
}

TEST_F(RedisTest, CommandTimeoutBreaksTheConnection) {
  Settings s = TestSettings(1);
  s.command_timeout = 200ms;
  Pool pool(s);
  auto c = pool.Acquire();
  ASSERT_TRUE(c.ok());
  // BLPOP on an empty list waits 2 s on the server: longer than the socket timeout.
  auto r = c->Command("BLPOP", Key("empty"), 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, errc::kTimeout);
  EXPECT_TRUE(r.error().retryable);
  EXPECT_TRUE(c->broken());
}

TEST_F(RedisTest, ConcurrentCoroutinesAndThreads) {
  boost::asio::io_context io;
  const auto io_thread = std::this_thread::get_id();
  std::atomic<int> ok{0}, wrong_thread{0};
  constexpr int kCoroutines = 50, kEach = 20;
  for (int k = 0; k < kCoroutines; ++k) {
    boost::asio::co_spawn(
        io,
        [&, k]() -> boost::asio::awaitable<void> {
          for (int n = 0; n < kEach; ++n) {
            auto r = co_await pool_.Run([&](Connection& c) {
              if (std::this_thread::get_id() == io_thread) ++wrong_thread;
              return c.Incr(Key("shared"));
            });
            if (std::this_thread::get_id() != io_thread) ++wrong_thread;
            if (r) ++ok;
          }
          auto s = co_await pool_.Run([&](Connection& c) { return c.SAdd(Key("members"), {std::to_string(k)}); });
          if (!s) ++wrong_thread;
        },
        boost::asio::detached);
  }
  io.run();
  EXPECT_EQ(ok.load(), kCoroutines * kEach);
  EXPECT_EQ(wrong_thread.load(), 0);
  auto c = pool_.Acquire();
  EXPECT_EQ(*c->Get(Key("shared")), std::to_string(kCoroutines * kEach));
  EXPECT_EQ(*c->SCard(Key("members")), kCoroutines);
  EXPECT_LE(pool_.stats().open, 4u);
}

}  // namespace
}  // namespace eda::redis
