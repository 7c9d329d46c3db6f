// Redis is reachable and persistent: a value round-trips, and a value written before a restart of
// the server (`./eda infra restart redis`) is still there after it (AOF on).

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <fstream>
#include <memory>
#include <string>

#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

struct RedisFree {
  void operator()(redisContext* c) const { redisFree(c); }
};
using RedisPtr = std::unique_ptr<redisContext, RedisFree>;
struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

// Connects and logs in as the profile's administrator (EDA_REDIS_PASSWORD_FILE, the default user:
// ./eda turns every client without a password away). Null when either step fails.
RedisPtr Connect() {
  const std::string host = EnvOr("EDA_REDIS_HOST", "127.0.0.1");
  const int port = PortEnvOr("EDA_REDIS_PORT", 26379);
  RedisPtr c(redisConnectWithTimeout(host.c_str(), port, timeval{5, 0}));
  if (c && c->err != 0) c.reset();
  std::string password;
  std::getline(std::ifstream(EnvOr("EDA_REDIS_PASSWORD_FILE", "")), password);
  if (c && !password.empty()) {
    ReplyPtr auth(static_cast<redisReply*>(redisCommand(c.get(), "AUTH %s", password.c_str())));
    if (!auth || auth->type == REDIS_REPLY_ERROR) c.reset();
  }
  return c;
}

// Runs a command with binary-safe arguments.
ReplyPtr Command(redisContext* c, std::initializer_list<std::string> args) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const std::string& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  return ReplyPtr(static_cast<redisReply*>(redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data())));
}

std::string GetString(redisContext* c, const std::string& key) {
  ReplyPtr r = Command(c, {"GET", key});
  if (!r || r->type != REDIS_REPLY_STRING) return "<missing>";
  return std::string(r->str, r->len);
}

TEST(RedisPlatform, ValueRoundTrips) {
  RedisPtr c = Connect();
  ASSERT_NE(c, nullptr) << "cannot connect to Redis";
  const std::string key = "platform:roundtrip:" + UniqueSuffix();
  const std::string value = std::string("binary\0safe ", 12) + UniqueSuffix();
  ReplyPtr set = Command(c.get(), {"SET", key, value, "EX", "300"});
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->type, REDIS_REPLY_STATUS);
  EXPECT_EQ(GetString(c.get(), key), value);
  Command(c.get(), {"DEL", key});
  EXPECT_EQ(GetString(c.get(), key), "<missing>");
}

TEST(RedisPlatform, AppendOnlyFileIsOn) {
  RedisPtr c = Connect();
  ASSERT_NE(c, nullptr);
  ReplyPtr r = Command(c.get(), {"CONFIG", "GET", "appendonly"});
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->type, REDIS_REPLY_ARRAY);
  ASSERT_EQ(r->elements, 2u);
  EXPECT_EQ(std::string(r->element[1]->str, r->element[1]->len), "yes");
}

TEST(RedisPlatform, DataSurvivesServerRestart) {
  ASSERT_TRUE(CanDriveInfra()) << "EDA_ROOT and EDA_PROFILE must be set (run through ./eda test)";
  const std::string key = "platform:persist:" + UniqueSuffix();
  const std::string value = "kept-" + UniqueSuffix();
  {
    RedisPtr c = Connect();
    ASSERT_NE(c, nullptr);
    ReplyPtr set = Command(c.get(), {"SET", key, value, "EX", "600"});
    ASSERT_NE(set, nullptr);
    ASSERT_EQ(set->type, REDIS_REPLY_STATUS);
  }
  ASSERT_EQ(RunEda("infra restart redis"), 0);
  RedisPtr c = Connect();
  ASSERT_NE(c, nullptr) << "Redis did not come back after restart";
  EXPECT_EQ(GetString(c.get(), key), value);
  Command(c.get(), {"DEL", key});
}

}  // namespace
}  // namespace eda::platform_test
