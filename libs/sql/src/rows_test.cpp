#include "eda/sql/rows.hpp"

#include <gtest/gtest.h>

#include "eda/sql/param.hpp"

namespace eda::sql {
namespace {

struct OrderTag {};
using OrderId = StrongId<OrderTag, std::int64_t>;

Row MakeRow() {
  auto names = std::make_shared<const std::vector<std::string>>(
      std::vector<std::string>{"i", "u", "d", "s", "n", "t", "big", "neg", "dec"});
  std::vector<Value> values{std::int64_t{42},
                            std::uint64_t{18446744073709551615ull},
                            2.5,
                            std::string("h\0i", 3),
                            std::monostate{},
                            TimePoint{std::chrono::microseconds{1700000000123456}},
                            std::uint64_t{5},
                            std::int64_t{-1},
                            std::string("12.50")};
  return Row(names, std::move(values));
}

TEST(SqlRow, TypedAccessByNameAndIndex) {
  const Row r = MakeRow();
  EXPECT_EQ(r.Get<std::int64_t>("i"), 42);
  EXPECT_EQ(r.Get<int>(0), 42);
  EXPECT_EQ(r.Get<OrderId>("i"), OrderId(42));
  EXPECT_EQ(r.Get<std::uint64_t>("u"), 18446744073709551615ull);
  EXPECT_DOUBLE_EQ(r.Get<double>("d"), 2.5);
  EXPECT_EQ(r.Get<std::string>("s"), std::string("h\0i", 3));
  EXPECT_EQ(r.Get<Bytes>("s").data, std::string("h\0i", 3));
  EXPECT_EQ(r.Get<TimePoint>("t").time_since_epoch(), std::chrono::microseconds{1700000000123456});
  EXPECT_TRUE(r.Get<bool>("i"));
  EXPECT_DOUBLE_EQ(r.Get<double>("dec"), 12.5);
  EXPECT_EQ(r.Get<std::int64_t>("big"), 5);
  EXPECT_DOUBLE_EQ(r.Get<double>("i"), 42.0);
}

TEST(SqlRow, NullNeedsOptional) {
  const Row r = MakeRow();
  EXPECT_TRUE(r.IsNull("n"));
  EXPECT_EQ(r.Get<std::optional<std::string>>("n"), std::nullopt);
  EXPECT_EQ(r.Get<std::optional<std::int64_t>>("i"), 42);
  EXPECT_THROW((void)r.Get<std::string>("n"), RowAccessError);
}

TEST(SqlRow, MismatchesAreBugs) {
  const Row r = MakeRow();
  EXPECT_THROW((void)r.Get<std::int64_t>("u"), RowAccessError);   // > INT64_MAX
  EXPECT_THROW((void)r.Get<std::uint64_t>("neg"), RowAccessError);
  EXPECT_THROW((void)r.Get<std::int8_t>("u"), RowAccessError);
  EXPECT_THROW((void)r.Get<std::int64_t>("s"), RowAccessError);   // text is not a number
  EXPECT_THROW((void)r.Get<TimePoint>("i"), RowAccessError);
  EXPECT_THROW((void)r.Get<int>("missing"), RowAccessError);
  EXPECT_THROW((void)r.Get<int>(99), RowAccessError);
}

TEST(SqlParam, ConvertsCallerTypes) {
  EXPECT_TRUE(Param(nullptr).is_null());
  EXPECT_TRUE(Param(std::nullopt).is_null());
  EXPECT_TRUE(Param(std::optional<int>{}).is_null());
  EXPECT_EQ(std::get<std::int64_t>(Param(std::optional<int>{7}).value()), 7);
  EXPECT_EQ(std::get<std::int64_t>(Param(-3).value()), -3);
  EXPECT_EQ(std::get<std::uint64_t>(Param(3u).value()), 3u);
  EXPECT_EQ(std::get<bool>(Param(true).value()), true);
  EXPECT_EQ(std::get<std::string>(Param("abc").value()), "abc");
  EXPECT_EQ(std::get<std::string>(Param(std::string_view("xy")).value()), "xy");
  EXPECT_EQ(std::get<std::int64_t>(Param(OrderId(9)).value()), 9);
  EXPECT_EQ(std::get<Bytes>(Param(Bytes{"\x01\x02"}).value()).data, "\x01\x02");
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(std::get<TimePoint>(Param(now).value()), now);
}

}  // namespace
}  // namespace eda::sql
