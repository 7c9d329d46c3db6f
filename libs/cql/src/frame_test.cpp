#include "eda/cql/frame.hpp"

#include <gtest/gtest.h>

#include "eda/cql/requests.hpp"
#include "eda/cql/wire_reader.hpp"
#include "eda/cql/wire_writer.hpp"

namespace eda::cql {
namespace {

TEST(FrameHeader, EncodeDecodeRoundTrip) {
  FrameHeader h;
  h.version = 4;
  h.response = true;
  h.flags = kFlagWarning | kFlagTracing;
  h.stream = 32767;
  h.opcode = Opcode::kResult;
  h.length = 0x01020304;
  const auto bytes = EncodeHeader(h);
  EXPECT_EQ(bytes[0], 0x84);
  EXPECT_EQ(bytes[2], 0x7F);
  EXPECT_EQ(bytes[3], 0xFF);
  EXPECT_EQ(bytes[4], 0x08);
  EXPECT_EQ(bytes[5], 0x01);
  EXPECT_EQ(bytes[8], 0x04);
  auto d = DecodeHeader(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->version, 4);
  EXPECT_TRUE(d->response);
  EXPECT_EQ(d->flags, h.flags);
  EXPECT_EQ(d->stream, 32767);
  EXPECT_EQ(d->opcode, Opcode::kResult);
  EXPECT_EQ(d->length, 0x01020304);
}

TEST(FrameHeader, NegativeStreamIsEvent) {
  FrameHeader h;
  h.stream = -1;
  h.response = true;
  h.opcode = Opcode::kEvent;
  auto d = DecodeHeader(EncodeHeader(h));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->stream, kEventStream);
}

TEST(FrameHeader, RejectsBadInput) {
  std::array<std::uint8_t, 9> ok{0x84, 0, 0, 1, 0x02, 0, 0, 0, 0};
  EXPECT_TRUE(DecodeHeader(ok).ok());
  EXPECT_FALSE(DecodeHeader(std::span(ok).first(8)).ok());  // truncated
  auto bad_version = ok;
  bad_version[0] = 0x82;
  EXPECT_EQ(DecodeHeader(bad_version).error().code, Errc::kMalformedFrame);
  auto bad_opcode = ok;
  bad_opcode[4] = 0x04;  // there is no opcode 4
  EXPECT_FALSE(DecodeHeader(bad_opcode).ok());
  bad_opcode[4] = 0x11;
  EXPECT_FALSE(DecodeHeader(bad_opcode).ok());
  auto negative_len = ok;
  negative_len[5] = 0x80;
  EXPECT_FALSE(DecodeHeader(negative_len).ok());
  auto big = ok;
  big[6] = 0x10;  // 1 MiB
  EXPECT_TRUE(DecodeHeader(big, 2 << 20).ok());
  EXPECT_FALSE(DecodeHeader(big, 1000).ok());
}

TEST(Wire, PrimitivesRoundTrip) {
  WireWriter w;
  w.WriteByte(7);
  w.WriteShort(65535);
  w.WriteInt(-2);
  w.WriteLong(-1234567890123LL);
  w.WriteString("héllo");
  w.WriteLongString("long");
  const std::vector<std::uint8_t> blob{1, 2, 3};
  w.WriteBytes(blob);
  w.WriteNullBytes();
  w.WriteUnsetValue();
  w.WriteShortBytes(blob);
  w.WriteStringList({"a", "bc"});
  w.WriteStringMap({{"CQL_VERSION", "3.0.0"}});
  w.WriteStringMultimap({{"COMPRESSION", {"lz4", "snappy"}}});
  const std::vector<std::uint8_t> ip{127, 0, 0, 1};
  w.WriteInet(ip, 9042);
  w.WriteConsistency(Consistency::kLocalSerial);

  WireReader r(w.bytes());
  EXPECT_EQ(r.ReadByte(), 7);
  EXPECT_EQ(r.ReadShort(), 65535);
  EXPECT_EQ(r.ReadInt(), -2);
  EXPECT_EQ(r.ReadLong(), -1234567890123LL);
  EXPECT_EQ(r.ReadString(), "héllo");
  EXPECT_EQ(r.ReadLongString(), "long");
  auto b = r.ReadBytes();
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(std::vector<std::uint8_t>(b->begin(), b->end()), blob);
  EXPECT_FALSE(r.ReadBytes().has_value());  // null
  EXPECT_FALSE(r.ReadBytes().has_value());  // not set
  auto sb = r.ReadShortBytes();
  EXPECT_EQ(sb.size(), 3u);
  EXPECT_EQ(r.ReadStringList(), (std::vector<std::string>{"a", "bc"}));
  auto m = r.ReadStringMap();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].second, "3.0.0");
  auto mm = r.ReadStringMultimap();
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].second, (std::vector<std::string>{"lz4", "snappy"}));
  auto [addr, port] = r.ReadInet();
  EXPECT_EQ(addr, ip);
  EXPECT_EQ(port, 9042);
  EXPECT_EQ(r.ReadConsistency(), Consistency::kLocalSerial);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.remaining(), 0u);
  // Reading past the end fails and stays failed.
  EXPECT_EQ(r.ReadInt(), 0);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.ReadByte(), 0);
}

TEST(Wire, ReaderRejectsHostileCounts) {
  // A string list claiming 65535 entries in a 4-byte body must fail without allocating them.
  std::vector<std::uint8_t> body{0xFF, 0xFF, 0x00, 0x00};
  WireReader r(body);
  EXPECT_TRUE(r.ReadStringList().empty());
  EXPECT_FALSE(r.ok());
  std::vector<std::uint8_t> bytes{0x7F, 0xFF, 0xFF, 0xFF, 1};
  WireReader r2(bytes);
  (void)r2.ReadBytes();
  EXPECT_FALSE(r2.ok());
  std::vector<std::uint8_t> below_unset{0xFF, 0xFF, 0xFF, 0xFD};
  WireReader r3(below_unset);
  (void)r3.ReadBytes();
  EXPECT_FALSE(r3.ok());
}

TEST(Requests, StartupBody) {
  auto req = BuildStartup({{"CQL_VERSION", "3.0.0"}});
  EXPECT_EQ(req.opcode, Opcode::kStartup);
  const std::vector<std::uint8_t> expected{0, 1, 0, 11, 'C', 'Q', 'L', '_', 'V', 'E', 'R', 'S', 'I', 'O', 'N',
                                           0, 5, '3', '.', '0', '.', '0'};
  EXPECT_EQ(req.body, expected);
  auto frame = EncodeFrame(4, 3, req.opcode, req.body);
  ASSERT_EQ(frame.size(), kHeaderSize + expected.size());
  EXPECT_EQ(frame[0], 0x04);
  EXPECT_EQ(frame[3], 3);
  EXPECT_EQ(frame[8], expected.size());
}

TEST(Requests, QueryWithAllParameters) {
  QueryParameters p;
  p.consistency = Consistency::kQuorum;
  p.serial_consistency = Consistency::kLocalSerial;
  p.values = {Value(1), Value(nullptr), Value(Unset{})};
  p.page_size = 100;
  p.paging_state = std::string("\x01\x02", 2);
  p.default_timestamp_us = 42;
  auto req = BuildQuery("SELECT 1", p);
  ASSERT_TRUE(req.ok());
  WireReader r(req->body);
  EXPECT_EQ(r.ReadLongString(), "SELECT 1");
  EXPECT_EQ(r.ReadConsistency(), Consistency::kQuorum);
  EXPECT_EQ(r.ReadByte(), 0x01 | 0x04 | 0x08 | 0x10 | 0x20);
  EXPECT_EQ(r.ReadShort(), 3);
  auto v0 = r.ReadBytes();
  ASSERT_TRUE(v0);
  EXPECT_EQ(v0->size(), 4u);
  EXPECT_EQ(r.ReadInt(), -1);
  EXPECT_EQ(r.ReadInt(), -2);
  EXPECT_EQ(r.ReadInt(), 100);
  EXPECT_EQ(r.ReadBytes()->size(), 2u);
  EXPECT_EQ(r.ReadConsistency(), Consistency::kLocalSerial);
  EXPECT_EQ(r.ReadLong(), 42);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(Requests, NamedValuesAndUnsetBeforeV4) {
  QueryParameters p;
  p.values = {Value("x")};
  p.names = {"name"};
  auto req = BuildQuery("INSERT", p);
  ASSERT_TRUE(req.ok());
  WireReader r(req->body);
  (void)r.ReadLongString();
  (void)r.ReadConsistency();
  EXPECT_EQ(r.ReadByte(), 0x41);
  EXPECT_EQ(r.ReadShort(), 1);
  EXPECT_EQ(r.ReadString(), "name");
  p.values = {Value(Unset{})};
  EXPECT_EQ(BuildQuery("INSERT", p, 3).error().code, Errc::kBadValue);
}

TEST(Requests, ExecuteChecksMarkerCountAndTypes) {
  std::vector<DataType> types{DataType::Simple(TypeId::kBigint), DataType::Simple(TypeId::kVarchar)};
  QueryParameters p;
  p.value_types = &types;
  p.values = {Value(1)};
  const std::vector<std::uint8_t> id{0xAB, 0xCD};
  EXPECT_EQ(BuildExecute(id, p).error().code, Errc::kBadValue);
  p.values = {Value(1), Value(2)};
  EXPECT_EQ(BuildExecute(id, p).error().code, Errc::kBadValue);  // int into text
  p.values = {Value(1), Value("two")};
  auto req = BuildExecute(id, p);
  ASSERT_TRUE(req.ok());
  WireReader r(req->body);
  EXPECT_EQ(r.ReadShortBytes().size(), 2u);
  (void)r.ReadConsistency();
  (void)r.ReadByte();
  EXPECT_EQ(r.ReadShort(), 2);
  EXPECT_EQ(r.ReadBytes()->size(), 8u);  // int widened to bigint
  EXPECT_EQ(r.ReadBytes()->size(), 3u);
}

TEST(Requests, BatchLayout) {
  std::vector<BatchStatement> st(2);
  st[0].query_or_id = "INSERT INTO t (a) VALUES (?)";
  st[0].values = {Value(1)};
  st[1].prepared = true;
  st[1].query_or_id = std::string("\x01\x02\x03", 3);
  auto req = BuildBatch(BatchType::kUnlogged, st, Consistency::kOne, Consistency::kSerial, std::nullopt);
  ASSERT_TRUE(req.ok());
  WireReader r(req->body);
  EXPECT_EQ(r.ReadByte(), 1);
  EXPECT_EQ(r.ReadShort(), 2);
  EXPECT_EQ(r.ReadByte(), 0);
  EXPECT_EQ(r.ReadLongString(), st[0].query_or_id);
  EXPECT_EQ(r.ReadShort(), 1);
  EXPECT_EQ(r.ReadBytes()->size(), 4u);
  EXPECT_EQ(r.ReadByte(), 1);
  EXPECT_EQ(r.ReadShortBytes().size(), 3u);
  EXPECT_EQ(r.ReadShort(), 0);
  EXPECT_EQ(r.ReadConsistency(), Consistency::kOne);
  EXPECT_EQ(r.ReadByte(), 0x10);
  EXPECT_EQ(r.ReadConsistency(), Consistency::kSerial);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(Requests, AuthAndRegister) {
  auto token = PlainSaslToken("cassandra", "pw");
  EXPECT_EQ(token.size(), 1 + 9 + 1 + 2);
  EXPECT_EQ(token[0], 0);
  EXPECT_EQ(token[10], 0);
  auto auth = BuildAuthResponse(token);
  WireReader r(auth.body);
  EXPECT_EQ(r.ReadBytes()->size(), token.size());
  auto reg = BuildRegister({"SCHEMA_CHANGE"});
  WireReader r2(reg.body);
  EXPECT_EQ(r2.ReadStringList(), std::vector<std::string>{"SCHEMA_CHANGE"});
  EXPECT_EQ(BuildOptions().body.size(), 0u);
  auto prep = BuildPrepare("SELECT");
  WireReader r3(prep.body);
  EXPECT_EQ(r3.ReadLongString(), "SELECT");
}

TEST(Consistency, NamesRoundTrip) {
  for (std::uint16_t c = 0; c <= 0x0A; ++c) {
    Consistency parsed{};
    ASSERT_TRUE(ParseConsistency(ConsistencyName(static_cast<Consistency>(c)), parsed));
    EXPECT_EQ(parsed, static_cast<Consistency>(c));
  }
  Consistency out{};
  EXPECT_TRUE(ParseConsistency("local_quorum", out));
  EXPECT_EQ(out, Consistency::kLocalQuorum);
  EXPECT_FALSE(ParseConsistency("MOST", out));
}

}  // namespace
}  // namespace eda::cql
