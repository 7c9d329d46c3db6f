#include "binding.hpp"

#include <gtest/gtest.h>

namespace eda::sql::detail {
namespace {

TimePoint At(long long us) { return TimePoint{std::chrono::microseconds{us}}; }

TEST(SqlBinding, TimePointRoundTripsThroughMysqlTime) {
  // 2023-11-14 22:13:20.123456 UTC
  const MYSQL_TIME t = ToMysqlTime(At(1700000000123456));
  EXPECT_EQ(t.year, 2023u);
  EXPECT_EQ(t.month, 11u);
  EXPECT_EQ(t.day, 14u);
  EXPECT_EQ(t.hour, 22u);
  EXPECT_EQ(t.minute, 13u);
  EXPECT_EQ(t.second, 20u);
  EXPECT_EQ(t.second_part, 123456u);
  EXPECT_EQ(t.time_type, MYSQL_TIMESTAMP_DATETIME);
  for (long long us : {0LL, 1LL, 951782400000000LL /* 2000-02-29 */, -86400000001LL, 4102444799999999LL}) {
    EXPECT_EQ(FromMysqlTime(ToMysqlTime(At(us))), At(us)) << us;
  }
}

TEST(SqlBinding, ZeroDateIsEpoch) {
  MYSQL_TIME zero{};
  EXPECT_EQ(FromMysqlTime(zero), TimePoint{});
}

TEST(SqlBinding, ParamsBindWithTheRightBufferTypes) {
  const std::vector<Param> params{nullptr, true, std::int64_t{-5}, std::uint64_t{18446744073709551615ull}, 1.5,
                                  std::string("txt"), Bytes{std::string("\0b", 2)}, At(1000000)};
  std::vector<ParamBuffer> buffers;
  std::vector<MYSQL_BIND> binds;
  BindParams(params, buffers, binds);
  ASSERT_EQ(binds.size(), params.size());
  EXPECT_EQ(binds[0].buffer_type, MYSQL_TYPE_NULL);
  EXPECT_EQ(binds[1].buffer_type, MYSQL_TYPE_LONGLONG);
  EXPECT_EQ(*static_cast<std::int64_t*>(binds[1].buffer), 1);
  EXPECT_EQ(*static_cast<std::int64_t*>(binds[2].buffer), -5);
  EXPECT_FALSE(binds[2].is_unsigned);
  EXPECT_TRUE(binds[3].is_unsigned);
  EXPECT_EQ(*static_cast<std::uint64_t*>(binds[3].buffer), 18446744073709551615ull);
  EXPECT_EQ(binds[4].buffer_type, MYSQL_TYPE_DOUBLE);
  EXPECT_EQ(*static_cast<double*>(binds[4].buffer), 1.5);
  EXPECT_EQ(binds[5].buffer_type, MYSQL_TYPE_STRING);
  EXPECT_EQ(*binds[5].length, 3u);
  EXPECT_EQ(std::string(static_cast<char*>(binds[5].buffer), *binds[5].length), "txt");
  EXPECT_EQ(binds[6].buffer_type, MYSQL_TYPE_BLOB);
  EXPECT_EQ(*binds[6].length, 2u);
  EXPECT_EQ(binds[7].buffer_type, MYSQL_TYPE_DATETIME);
  EXPECT_EQ(static_cast<MYSQL_TIME*>(binds[7].buffer)->second, 1u);
}

TEST(SqlBinding, FetchKindFollowsColumnType) {
  EXPECT_EQ(FetchKind(MYSQL_TYPE_LONGLONG, 0), FetchAs::kInt);
  EXPECT_EQ(FetchKind(MYSQL_TYPE_LONG, UNSIGNED_FLAG), FetchAs::kUint);
  EXPECT_EQ(FetchKind(MYSQL_TYPE_TINY, 0), FetchAs::kInt);
  EXPECT_EQ(FetchKind(MYSQL_TYPE_DOUBLE, 0), FetchAs::kDouble);
  EXPECT_EQ(FetchKind(MYSQL_TYPE_DATETIME, 0), FetchAs::kTime);
  EXPECT_EQ(FetchKind(MYSQL_TYPE_TIMESTAMP, 0), FetchAs::kTime);
  EXPECT_EQ(FetchKind(MYSQL_TYPE_NEWDECIMAL, 0), FetchAs::kBytes);
  EXPECT_EQ(FetchKind(MYSQL_TYPE_BLOB, BINARY_FLAG), FetchAs::kBytes);
  EXPECT_EQ(FetchKind(MYSQL_TYPE_VAR_STRING, 0), FetchAs::kBytes);
}

}  // namespace
}  // namespace eda::sql::detail
