#include "eda/redis/errors.hpp"

#include <gtest/gtest.h>
#include <hiredis.h>

#include <cmath>
#include <cstdlib>
#include <limits>

#include "eda/redis/connection.hpp"
#include "eda/redis/settings.hpp"
#include "native_connection.hpp"

namespace eda::redis {
namespace {

struct Case {
  const char* message;
  std::string_view code;
  bool retryable;
};

constexpr Case kTable[] = {
    {"WRONGTYPE Operation against a key holding the wrong kind of value", errc::kWrongType, false},
    {"NOSCRIPT No matching script. Please use EVAL.", errc::kNoScript, false},
    {"LOADING Redis is loading the dataset in memory", errc::kUnavailable, true},
    {"BUSY Redis is busy running a script.", errc::kUnavailable, true},
    {"TRYAGAIN Multiple keys request during rehashing of slot", errc::kUnavailable, true},
    {"MASTERDOWN Link with MASTER is down", errc::kUnavailable, true},
    {"READONLY You can't write against a read only replica.", errc::kUnavailable, true},
    {"CLUSTERDOWN The cluster is down", errc::kUnavailable, true},
    {"OOM command not allowed when used memory > 'maxmemory'.", errc::kUnavailable, true},
    {"MISCONF Redis is configured to save RDB snapshots", errc::kUnavailable, true},
    {"NOAUTH Authentication required.", errc::kAuth, false},
    {"WRONGPASS invalid username-password pair or user is disabled.", errc::kAuth, false},
    {"NOPERM this user has no permissions", errc::kAuth, false},
    {"ERR no such key", errc::kNoSuchKey, false},
    {"ERR syntax error", errc::kReply, false},
    {"ERR value is not an integer or out of range", errc::kReply, false},
    {"WRONGTYPEX not the prefix", errc::kReply, false},
};

TEST(RedisErrors, TableClassifiesEveryEntry) {
  for (const auto& c : kTable) {
    const Error e = ClassifyReplyError(c.message);
    EXPECT_EQ(e.code, c.code) << c.message;
    EXPECT_EQ(e.retryable, c.retryable) << c.message;
    EXPECT_EQ(e.message, c.message);
  }
}

TEST(RedisArgs, NumbersFormatLosslessly) {
  EXPECT_EQ(detail::ToArg(42), "42");
  EXPECT_EQ(detail::ToArg(-7LL), "-7");
  EXPECT_EQ(detail::ToArg(std::string_view("k")), "k");
  EXPECT_EQ(detail::FormatDouble(std::numeric_limits<double>::infinity()), "+inf");
  EXPECT_EQ(detail::FormatDouble(-std::numeric_limits<double>::infinity()), "-inf");
  for (double d : {0.1, 1.0 / 3.0, 1e300, -2.5, 1700000000.123456}) {
    EXPECT_EQ(std::strtod(detail::FormatDouble(d).c_str(), nullptr), d) << d;
  }
}

TEST(RedisReply, ConvertsNestedHiredisReplies) {
  char hello[] = "he\0lo";
  char ok[] = "OK";
  redisReply s{};
  s.type = REDIS_REPLY_STRING;
  s.str = hello;
  s.len = 5;
  redisReply st{};
  st.type = REDIS_REPLY_STATUS;
  st.str = ok;
  st.len = 2;
  redisReply i{};
  i.type = REDIS_REPLY_INTEGER;
  i.integer = -12;
  redisReply nil{};
  nil.type = REDIS_REPLY_NIL;
  redisReply* elems[] = {&s, &st, &i, &nil};
  redisReply arr{};
  arr.type = REDIS_REPLY_ARRAY;
  arr.elements = 4;
  arr.element = elems;
  const Reply r = detail::Convert(arr);
  ASSERT_EQ(r.type, ReplyType::kArray);
  ASSERT_EQ(r.elements.size(), 4u);
  EXPECT_EQ(r.elements[0].type, ReplyType::kString);
  EXPECT_EQ(r.elements[0].str, std::string("he\0lo", 5));
  EXPECT_EQ(r.elements[1].type, ReplyType::kStatus);
  EXPECT_EQ(r.elements[1].str, "OK");
  EXPECT_EQ(r.elements[2].integer, -12);
  EXPECT_TRUE(r.elements[3].is_nil());
}

TEST(RedisSettings, ValidateRejectsNonsense) {
  Settings s;
  EXPECT_TRUE(s.Validate().ok());
  s.database = 16;
  s.pool_size = 0;
  auto st = s.Validate();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, errc::kSettings);
  EXPECT_NE(st.error().message.find("database"), std::string::npos);
  EXPECT_NE(st.error().message.find("pool_size"), std::string::npos);
}

TEST(RedisSettings, AUserNeedsAPassword) {
  Settings s;
  s.user = "member";
  auto st = s.Validate();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("user needs a password"), std::string::npos);
  s.password = Secret("pw");
  EXPECT_TRUE(s.Validate().ok());
}

}  // namespace
}  // namespace eda::redis
