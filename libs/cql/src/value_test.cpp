#include "eda/cql/value.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "eda/cql/wire_reader.hpp"

namespace eda::cql {
namespace {

// Encodes v for `type`, then decodes the cell back.
CqlResult<Value> RoundTrip(const Value& v, const DataType& type) {
  WireWriter w;
  auto s = EncodeValue(v, &type, w);
  if (!s) return std::move(s).error();
  WireReader r(w.bytes());
  auto cell = r.ReadBytes();
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.remaining(), 0u);
  return DecodeValue(cell, type);
}

DataType T(TypeId id) { return DataType::Simple(id); }

TEST(Codec, Scalars) {
  EXPECT_EQ(ConvertValue<std::int32_t>(*RoundTrip(Value(-5), T(TypeId::kInt))).value(), -5);
  EXPECT_EQ(ConvertValue<std::int64_t>(*RoundTrip(Value(std::numeric_limits<std::int64_t>::min()), T(TypeId::kBigint))).value(),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(ConvertValue<std::int64_t>(*RoundTrip(Value(7), T(TypeId::kBigint))).value(), 7);  // widened
  EXPECT_EQ(ConvertValue<std::int16_t>(*RoundTrip(Value(-300), T(TypeId::kSmallint))).value(), -300);
  EXPECT_EQ(ConvertValue<std::int8_t>(*RoundTrip(Value(-100), T(TypeId::kTinyint))).value(), -100);
  EXPECT_EQ(RoundTrip(Value(300), T(TypeId::kTinyint)).error().code, Errc::kBadValue);  // out of range
  EXPECT_EQ(RoundTrip(Value(std::int64_t{1} << 40), T(TypeId::kInt)).error().code, Errc::kBadValue);
  EXPECT_EQ(ConvertValue<std::string>(*RoundTrip(Value("héllo"), T(TypeId::kVarchar))).value(), "héllo");
  EXPECT_EQ(ConvertValue<std::string>(*RoundTrip(Value(""), T(TypeId::kVarchar))).value(), "");  // empty, not null
  EXPECT_EQ(RoundTrip(Value("é"), T(TypeId::kAscii)).error().code, Errc::kBadValue);
  EXPECT_TRUE(ConvertValue<bool>(*RoundTrip(Value(true), T(TypeId::kBoolean))).value());
  EXPECT_FALSE(ConvertValue<bool>(*RoundTrip(Value(false), T(TypeId::kBoolean))).value());
  EXPECT_DOUBLE_EQ(ConvertValue<double>(*RoundTrip(Value(3.25), T(TypeId::kDouble))).value(), 3.25);
  EXPECT_FLOAT_EQ(ConvertValue<float>(*RoundTrip(Value(1.5f), T(TypeId::kFloat))).value(), 1.5f);
  EXPECT_EQ(RoundTrip(Value(true), T(TypeId::kInt)).error().code, Errc::kBadValue);
  EXPECT_EQ(RoundTrip(Value("x"), T(TypeId::kBigint)).error().code, Errc::kBadValue);
}

TEST(Codec, VarintMinimalEncoding) {
  EXPECT_EQ(EncodeVarint(0), (std::vector<std::uint8_t>{0x00}));
  EXPECT_EQ(EncodeVarint(127), (std::vector<std::uint8_t>{0x7F}));
  EXPECT_EQ(EncodeVarint(128), (std::vector<std::uint8_t>{0x00, 0x80}));
  EXPECT_EQ(EncodeVarint(-1), (std::vector<std::uint8_t>{0xFF}));
  EXPECT_EQ(EncodeVarint(-128), (std::vector<std::uint8_t>{0x80}));
  EXPECT_EQ(EncodeVarint(-129), (std::vector<std::uint8_t>{0xFF, 0x7F}));
  for (std::int64_t v : std::vector<std::int64_t>{0, 1, -1, 255, -256, std::int64_t{1} << 40,
                                                std::numeric_limits<std::int64_t>::min(),
                                                std::numeric_limits<std::int64_t>::max()}) {
    EXPECT_EQ(DecodeVarint(EncodeVarint(v)), v);
  }
  EXPECT_EQ(ConvertValue<std::int64_t>(*RoundTrip(Value(-129), T(TypeId::kVarint))).value(), -129);
}

TEST(Codec, TimestampUuidDecimal) {
  const Timestamp ts{std::chrono::milliseconds(1'700'000'000'123)};
  auto back = RoundTrip(Value(ts), T(TypeId::kTimestamp));
  EXPECT_EQ(ConvertValue<Timestamp>(*back).value(), ts);
  const auto now = std::chrono::system_clock::now();
  auto now_back = ConvertValue<std::chrono::system_clock::time_point>(*RoundTrip(Value(now), T(TypeId::kTimestamp))).value();
  EXPECT_EQ(std::chrono::time_point_cast<std::chrono::milliseconds>(now), now_back);

  auto u = Uuid::Parse("123E4567-e89b-12d3-a456-426614174000");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->ToString(), "123e4567-e89b-12d3-a456-426614174000");
  EXPECT_EQ(u->bytes[0], 0x12);
  EXPECT_EQ(u->version(), 1);
  EXPECT_EQ(ConvertValue<Uuid>(*RoundTrip(Value(*u), T(TypeId::kTimeuuid))).value(), *u);
  // Text binds to a uuid column when it parses.
  EXPECT_EQ(ConvertValue<Uuid>(*RoundTrip(Value(u->ToString()), T(TypeId::kUuid))).value(), *u);
  EXPECT_EQ(RoundTrip(Value("nope"), T(TypeId::kUuid)).error().code, Errc::kBadValue);
  EXPECT_FALSE(Uuid::Parse("123e4567e89b-12d3-a456-4266141740000"));
  EXPECT_FALSE(Uuid::Parse("123e4567-e89b-12d3-a456-42661417400g"));
  EXPECT_EQ(Uuid::Random().version(), 4);
  EXPECT_NE(Uuid::Random(), Uuid::Random());

  auto d = Decimal::Parse("-19.990");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->scale, 3);
  EXPECT_EQ(d->UnscaledInt64(), -19990);
  EXPECT_EQ(d->ToString(), "-19.990");
  EXPECT_EQ(Decimal::FromUnscaled(5, 3).ToString(), "0.005");
  EXPECT_EQ(Decimal::FromUnscaled(5, -2).ToString(), "500");
  EXPECT_DOUBLE_EQ(Decimal::FromUnscaled(1999, 2).ToDouble(), 19.99);
  EXPECT_FALSE(Decimal::Parse("1.2.3"));
  EXPECT_FALSE(Decimal::Parse("-"));
  EXPECT_FALSE(Decimal::Parse("99999999999999999999"));
  EXPECT_EQ(ConvertValue<Decimal>(*RoundTrip(Value(*d), T(TypeId::kDecimal))).value(), *d);
  EXPECT_EQ(ConvertValue<Decimal>(*RoundTrip(Value("12.5"), T(TypeId::kDecimal))).value().ToString(), "12.5");
}

TEST(Codec, Collections) {
  const auto list_t = DataType::List(T(TypeId::kVarchar));
  std::vector<std::string> tags{"a", "bb", ""};
  EXPECT_EQ(ConvertValue<std::vector<std::string>>(*RoundTrip(Value(tags), list_t)).value(), tags);
  const auto set_t = DataType::Set(T(TypeId::kBigint));
  std::set<std::int64_t> ids{3, 1, 2};
  EXPECT_EQ(ConvertValue<std::set<std::int64_t>>(*RoundTrip(Value(std::set<int>{3, 1, 2}), set_t)).value(), ids);
  const auto map_t = DataType::Map(T(TypeId::kVarchar), T(TypeId::kInt));
  std::map<std::string, std::int32_t> m{{"x", 1}, {"y", -2}};
  EXPECT_EQ((ConvertValue<std::map<std::string, std::int32_t>>(*RoundTrip(Value(m), map_t)).value()), m);
  const auto nested_t = DataType::Map(T(TypeId::kVarchar), DataType::List(T(TypeId::kDouble)));
  std::map<std::string, std::vector<double>> nested{{"p", {1.5, 2.5}}};
  EXPECT_EQ((ConvertValue<std::map<std::string, std::vector<double>>>(*RoundTrip(Value(nested), nested_t)).value()),
            nested);
  // Null elements are not allowed in collections.
  ValueList with_null{{Value("a"), Value()}};
  EXPECT_EQ(RoundTrip(Value(with_null), list_t).error().code, Errc::kBadValue);
  // A list bound to a map column is a type error.
  EXPECT_EQ(RoundTrip(Value(tags), map_t).error().code, Errc::kBadValue);
  // An element of the wrong type inside a collection.
  EXPECT_EQ(RoundTrip(Value(std::vector<int>{1}), list_t).error().code, Errc::kBadValue);
}

TEST(Codec, TupleAndUdt) {
  DataType tuple = T(TypeId::kTuple);
  tuple.params = {T(TypeId::kInt), T(TypeId::kVarchar)};
  ValueList v{{Value(1), Value()}};
  auto back = RoundTrip(Value(v), tuple);
  ASSERT_TRUE(back.ok());
  auto* l = back->get_if<ValueList>();
  ASSERT_NE(l, nullptr);
  ASSERT_EQ(l->items.size(), 2u);
  EXPECT_EQ(l->items[0], Value(1));
  EXPECT_TRUE(l->items[1].is_null());
}

TEST(Codec, NullUnsetAndEmpty) {
  WireWriter w;
  ASSERT_TRUE(EncodeValue(Value(), nullptr, w).ok());
  ASSERT_TRUE(EncodeValue(Value(Unset{}), nullptr, w).ok());
  ASSERT_TRUE(EncodeValue(Value(std::optional<int>{}), nullptr, w).ok());
  ASSERT_TRUE(EncodeValue(Value(std::optional<int>{4}), nullptr, w).ok());
  WireReader r(w.bytes());
  EXPECT_EQ(r.ReadInt(), -1);
  EXPECT_EQ(r.ReadInt(), -2);
  EXPECT_EQ(r.ReadInt(), -1);
  EXPECT_EQ(r.ReadInt(), 4);
  EXPECT_FALSE(EncodeValue(Value(Unset{}), nullptr, w, 3).ok());

  auto null = DecodeValue(std::nullopt, T(TypeId::kInt));
  ASSERT_TRUE(null.ok());
  EXPECT_TRUE(null->is_null());
  EXPECT_EQ(ConvertValue<std::optional<std::int32_t>>(*null).value(), std::nullopt);
  EXPECT_EQ(ConvertValue<std::int32_t>(*null).error().code, Errc::kBadValue);
  // An empty int cell reads as null; an empty text cell is an empty string.
  std::span<const std::uint8_t> empty;
  EXPECT_TRUE(DecodeValue(empty, T(TypeId::kInt))->is_null());
  EXPECT_EQ(ConvertValue<std::string>(*DecodeValue(empty, T(TypeId::kVarchar))).value(), "");
  // CQL returns an empty collection as null: reading it as a vector gives an empty vector.
  EXPECT_TRUE(ConvertValue<std::vector<std::string>>(Value()).value().empty());
}

TEST(Codec, MalformedCellsAreErrors) {
  const std::vector<std::uint8_t> three{1, 2, 3};
  EXPECT_EQ(DecodeValue(std::span(three), T(TypeId::kInt)).error().code, Errc::kMalformedFrame);
  EXPECT_EQ(DecodeValue(std::span(three), T(TypeId::kUuid)).error().code, Errc::kMalformedFrame);
  const std::vector<std::uint8_t> huge_count{0x7F, 0xFF, 0xFF, 0xFF};
  EXPECT_EQ(DecodeValue(std::span(huge_count), DataType::List(T(TypeId::kInt))).error().code, Errc::kMalformedFrame);
  const std::vector<std::uint8_t> trailing{0, 0, 0, 0, 9};
  EXPECT_EQ(DecodeValue(std::span(trailing), DataType::List(T(TypeId::kInt))).error().code, Errc::kMalformedFrame);
}

TEST(Codec, ConversionChecksRange) {
  EXPECT_EQ(ConvertValue<std::int8_t>(Value(1000)).error().code, Errc::kBadValue);
  EXPECT_EQ(ConvertValue<std::uint32_t>(Value(-1)).error().code, Errc::kBadValue);
  EXPECT_EQ(ConvertValue<std::int64_t>(Value(5)).value(), 5);
  EXPECT_EQ(ConvertValue<std::string>(Value(5)).error().code, Errc::kBadValue);
  EXPECT_EQ(Value(5).KindName(), "int");
  EXPECT_EQ(Value(std::int64_t{5}).KindName(), "bigint");
  EXPECT_EQ(Value(5u).KindName(), "bigint");
}

}  // namespace
}  // namespace eda::cql
