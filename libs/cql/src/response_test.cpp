#include "eda/cql/response.hpp"

#include <gtest/gtest.h>

#include "eda/cql/wire_writer.hpp"

namespace eda::cql {
namespace {

Frame MakeFrame(Opcode op, const WireWriter& body, std::uint8_t flags = 0, std::uint8_t version = 4) {
  Frame f;
  f.header.version = version;
  f.header.response = true;
  f.header.flags = flags;
  f.header.opcode = op;
  f.body = body.bytes();
  f.header.length = static_cast<std::int32_t>(f.body.size());
  return f;
}

CqlError ErrorOf(const WireWriter& w) {
  auto r = ParseResponse(MakeFrame(Opcode::kError, w));
  EXPECT_FALSE(r.ok());
  return r.ok() ? CqlError{} : r.error();
}

WireWriter ErrorBody(Errc code, std::string_view msg) {
  WireWriter w;
  w.WriteInt(static_cast<std::int32_t>(code));
  w.WriteString(msg);
  return w;
}

TEST(ParseError, PlainCodes) {
  for (Errc c : {Errc::kServerError, Errc::kProtocolError, Errc::kBadCredentials, Errc::kOverloaded,
                 Errc::kIsBootstrapping, Errc::kTruncateError, Errc::kSyntaxError, Errc::kUnauthorized,
                 Errc::kInvalid, Errc::kConfigError}) {
    auto e = ErrorOf(ErrorBody(c, "msg"));
    EXPECT_EQ(e.code, c);
    EXPECT_EQ(e.message, "msg");
    EXPECT_EQ(e.retryable, IsRetryable(c));
  }
  EXPECT_FALSE(ErrorOf(ErrorBody(Errc::kSyntaxError, "x")).retryable);
  EXPECT_TRUE(ErrorOf(ErrorBody(Errc::kOverloaded, "x")).retryable);
}

TEST(ParseError, Unavailable) {
  auto w = ErrorBody(Errc::kUnavailable, "not enough");
  w.WriteConsistency(Consistency::kQuorum);
  w.WriteInt(2);
  w.WriteInt(1);
  auto e = ErrorOf(w);
  EXPECT_EQ(e.code, Errc::kUnavailable);
  EXPECT_EQ(e.consistency, Consistency::kQuorum);
  EXPECT_EQ(e.required, 2);
  EXPECT_EQ(e.alive, 1);
  EXPECT_TRUE(e.retryable);
}

TEST(ParseError, WriteAndReadTimeouts) {
  auto w = ErrorBody(Errc::kWriteTimeout, "wt");
  w.WriteConsistency(Consistency::kSerial);
  w.WriteInt(0);
  w.WriteInt(1);
  w.WriteString("CAS");
  auto e = ErrorOf(w);
  EXPECT_EQ(e.code, Errc::kWriteTimeout);
  EXPECT_EQ(e.write_type, "CAS");
  EXPECT_EQ(e.block_for, 1);
  EXPECT_TRUE(e.retryable);

  auto r = ErrorBody(Errc::kReadTimeout, "rt");
  r.WriteConsistency(Consistency::kLocalQuorum);
  r.WriteInt(1);
  r.WriteInt(2);
  r.WriteByte(1);
  auto e2 = ErrorOf(r);
  EXPECT_EQ(e2.code, Errc::kReadTimeout);
  EXPECT_EQ(e2.received, 1);
  EXPECT_EQ(e2.block_for, 2);
  EXPECT_TRUE(e2.data_present);
}

TEST(ParseError, Failures) {
  auto r = ErrorBody(Errc::kReadFailure, "rf");
  r.WriteConsistency(Consistency::kOne);
  r.WriteInt(0);
  r.WriteInt(1);
  r.WriteInt(3);
  r.WriteByte(0);
  auto e = ErrorOf(r);
  EXPECT_EQ(e.num_failures, 3);
  EXPECT_FALSE(e.data_present);
  EXPECT_FALSE(e.retryable);

  auto w = ErrorBody(Errc::kWriteFailure, "wf");
  w.WriteConsistency(Consistency::kOne);
  w.WriteInt(0);
  w.WriteInt(1);
  w.WriteInt(1);
  w.WriteString("BATCH_LOG");
  auto e2 = ErrorOf(w);
  EXPECT_EQ(e2.write_type, "BATCH_LOG");
  EXPECT_EQ(e2.num_failures, 1);

  auto f = ErrorBody(Errc::kFunctionFailure, "ff");
  f.WriteString("ks");
  f.WriteString("fn");
  f.WriteStringList({"int", "text"});
  auto e3 = ErrorOf(f);
  EXPECT_EQ(e3.keyspace, "ks");
  EXPECT_EQ(e3.function, "fn");
  EXPECT_EQ(e3.arg_types, (std::vector<std::string>{"int", "text"}));
}

TEST(ParseError, AlreadyExistsAndUnprepared) {
  auto a = ErrorBody(Errc::kAlreadyExists, "exists");
  a.WriteString("shop");
  a.WriteString("product");
  auto e = ErrorOf(a);
  EXPECT_EQ(e.code, Errc::kAlreadyExists);
  EXPECT_EQ(e.keyspace, "shop");
  EXPECT_EQ(e.table, "product");

  auto u = ErrorBody(Errc::kUnprepared, "unknown id");
  const std::vector<std::uint8_t> id{0xDE, 0xAD};
  u.WriteShortBytes(id);
  auto e2 = ErrorOf(u);
  EXPECT_EQ(e2.code, Errc::kUnprepared);
  EXPECT_EQ(e2.unprepared_id, std::string("\xDE\xAD", 2));
}

TEST(ParseError, UnknownAndTruncated) {
  auto e = ErrorOf(ErrorBody(static_cast<Errc>(0x7777), "?"));
  EXPECT_EQ(e.code, Errc::kUnknownServerError);
  EXPECT_EQ(e.raw_code, 0x7777);
  auto t = ErrorBody(Errc::kUnavailable, "short");
  t.WriteConsistency(Consistency::kOne);
  EXPECT_EQ(ErrorOf(t).code, Errc::kMalformedFrame);
}

TEST(ErrorTable, EveryCodeHasNameAndClass) {
  struct Row {
    Errc code;
    std::string_view name;
    bool retryable;
  };
  const Row rows[] = {
      {Errc::kServerError, "cql.server_error", true},
      {Errc::kProtocolError, "cql.protocol_error", false},
      {Errc::kBadCredentials, "cql.bad_credentials", false},
      {Errc::kUnavailable, "cql.unavailable", true},
      {Errc::kOverloaded, "cql.overloaded", true},
      {Errc::kIsBootstrapping, "cql.is_bootstrapping", true},
      {Errc::kTruncateError, "cql.truncate_error", true},
      {Errc::kWriteTimeout, "cql.write_timeout", true},
      {Errc::kReadTimeout, "cql.read_timeout", true},
      {Errc::kReadFailure, "cql.read_failure", false},
      {Errc::kFunctionFailure, "cql.function_failure", false},
      {Errc::kWriteFailure, "cql.write_failure", false},
      {Errc::kCdcWriteFailure, "cql.cdc_write_failure", false},
      {Errc::kCasWriteUnknown, "cql.cas_write_unknown", true},
      {Errc::kSyntaxError, "cql.syntax_error", false},
      {Errc::kUnauthorized, "cql.unauthorized", false},
      {Errc::kInvalid, "cql.invalid", false},
      {Errc::kConfigError, "cql.config_error", false},
      {Errc::kAlreadyExists, "cql.already_exists", false},
      {Errc::kUnprepared, "cql.unprepared", true},
      {Errc::kRequestTimeout, "cql.request_timeout", true},
      {Errc::kConnectionError, "cql.connection_error", true},
      {Errc::kNoHostAvailable, "cql.no_host_available", true},
      {Errc::kMalformedFrame, "cql.malformed_frame", false},
      {Errc::kBadValue, "cql.bad_value", false},
      {Errc::kUnexpectedResponse, "cql.unexpected_response", false},
      {Errc::kTooManyRequests, "cql.too_many_requests", true},
      {Errc::kUnknownServerError, "cql.unknown_server_error", false},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(ErrcName(r.code), r.name);
    EXPECT_EQ(IsRetryable(r.code), r.retryable) << r.name;
    auto e = CqlError::Make(r.code, "m").ToError();
    EXPECT_EQ(e.code, r.name);
    EXPECT_EQ(e.retryable, r.retryable);
  }
}

// A Rows body: columns (name, type), optional paging state, cells.
WireWriter RowsBody(bool global, const std::vector<std::pair<std::string, DataType>>& cols,
                    const std::vector<std::vector<std::optional<std::vector<std::uint8_t>>>>& rows,
                    std::optional<std::string> paging = std::nullopt) {
  WireWriter w;
  w.WriteInt(2);
  w.WriteInt((global ? 1 : 0) | (paging ? 2 : 0));
  w.WriteInt(static_cast<std::int32_t>(cols.size()));
  if (paging) w.WriteBytes({reinterpret_cast<const std::uint8_t*>(paging->data()), paging->size()});
  if (global) {
    w.WriteString("ks");
    w.WriteString("tbl");
  }
  auto write_type = [&](auto&& self, const DataType& t) -> void {
    w.WriteShort(static_cast<std::uint16_t>(t.id));
    for (const auto& p : t.params) self(self, p);
  };
  for (const auto& [name, type] : cols) {
    if (!global) {
      w.WriteString("ks");
      w.WriteString("tbl");
    }
    w.WriteString(name);
    write_type(write_type, type);
  }
  w.WriteInt(static_cast<std::int32_t>(rows.size()));
  for (const auto& row : rows) {
    for (const auto& cell : row) {
      if (cell) w.WriteBytes(*cell);
      else w.WriteNullBytes();
    }
  }
  return w;
}

std::vector<std::uint8_t> IntBytes(std::int32_t v) {
  WireWriter w;
  w.WriteInt(v);
  return w.bytes();
}

TEST(ParseResult, RowsGlobalSpecWithPaging) {
  auto body = RowsBody(true, {{"id", DataType::Simple(TypeId::kInt)}, {"name", DataType::Simple(TypeId::kVarchar)}},
                       {{IntBytes(1), std::vector<std::uint8_t>{'a'}}, {IntBytes(2), std::nullopt}}, "PS");
  auto r = ParseResponse(MakeFrame(Opcode::kResult, body));
  ASSERT_TRUE(r.ok()) << r.error();
  const ResultSet& rs = r->result;
  EXPECT_EQ(rs.kind(), ResultKind::kRows);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs.columns()[1].table, "tbl");
  EXPECT_EQ(rs.paging_state(), "PS");
  EXPECT_TRUE(rs.has_more_pages());
  EXPECT_EQ(rs.rows()[0].Get<int>("id"), 1);
  EXPECT_EQ(rs.rows()[0].Get<std::string>("name"), "a");
  EXPECT_EQ(rs.rows()[1].Get<std::optional<std::string>>("name"), std::nullopt);
  EXPECT_TRUE(rs.rows()[1].IsNull(1));
  EXPECT_THROW(rs.rows()[1].Get<std::string>("name"), CqlTypeError);
  EXPECT_THROW(rs.rows()[0].Get<int>("missing"), CqlTypeError);
  EXPECT_THROW(rs.rows()[0].Get<std::string>("id"), CqlTypeError);
  EXPECT_FALSE(rs.is_lwt());
  EXPECT_TRUE(rs.applied());
}

TEST(ParseResult, RowsPerColumnSpecAndCollections) {
  auto body = RowsBody(false, {{"tags", DataType::Set(DataType::Simple(TypeId::kVarchar))}},
                       {{std::vector<std::uint8_t>{0, 0, 0, 1, 0, 0, 0, 1, 'x'}}});
  auto r = ParseResponse(MakeFrame(Opcode::kResult, body));
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_FALSE(r->result.has_more_pages());
  EXPECT_EQ(r->result.columns()[0].type.ToString(), "set<text>");
  EXPECT_EQ(r->result.front().Get<std::set<std::string>>("tags"), std::set<std::string>{"x"});
}

TEST(ParseResult, LwtNotApplied) {
  auto body = RowsBody(true, {{"[applied]", DataType::Simple(TypeId::kBoolean)}, {"stock", DataType::Simple(TypeId::kInt)}},
                       {{std::vector<std::uint8_t>{0}, IntBytes(7)}});
  auto r = ParseResponse(MakeFrame(Opcode::kResult, body));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->result.is_lwt());
  EXPECT_FALSE(r->result.applied());
  EXPECT_EQ(r->result.front().Get<int>("stock"), 7);
}

TEST(ParseResult, UdtAndTupleTypeOptions) {
  WireWriter w;
  w.WriteInt(2);
  w.WriteInt(1);
  w.WriteInt(2);
  w.WriteString("ks");
  w.WriteString("t");
  w.WriteString("addr");
  w.WriteShort(0x30);
  w.WriteString("ks");
  w.WriteString("address");
  w.WriteShort(2);
  w.WriteString("street");
  w.WriteShort(0x0D);
  w.WriteString("zips");
  w.WriteShort(0x20);
  w.WriteShort(0x09);
  w.WriteString("pair");
  w.WriteShort(0x31);
  w.WriteShort(2);
  w.WriteShort(0x09);
  w.WriteShort(0x0C);
  w.WriteInt(0);
  auto r = ParseResponse(MakeFrame(Opcode::kResult, w));
  ASSERT_TRUE(r.ok()) << r.error();
  const auto& cols = r->result.columns();
  ASSERT_EQ(cols.size(), 2u);
  EXPECT_EQ(cols[0].type.id, TypeId::kUdt);
  EXPECT_EQ(cols[0].type.field_names, (std::vector<std::string>{"street", "zips"}));
  EXPECT_EQ(cols[0].type.params[1].ToString(), "list<int>");
  EXPECT_EQ(cols[1].type.ToString(), "tuple<int, uuid>");
}

TEST(ParseResult, VoidKeyspacePreparedSchemaChange) {
  WireWriter v;
  v.WriteInt(1);
  EXPECT_EQ(ParseResponse(MakeFrame(Opcode::kResult, v))->result.kind(), ResultKind::kVoid);

  WireWriter k;
  k.WriteInt(3);
  k.WriteString("shop");
  EXPECT_EQ(ParseResponse(MakeFrame(Opcode::kResult, k))->result.keyspace(), "shop");

  WireWriter p;
  p.WriteInt(4);
  const std::vector<std::uint8_t> id{1, 2, 3, 4};
  p.WriteShortBytes(id);
  p.WriteInt(1);  // global
  p.WriteInt(2);  // 2 markers
  p.WriteInt(1);  // 1 pk index
  p.WriteShort(0);
  p.WriteString("ks");
  p.WriteString("t");
  p.WriteString("id");
  p.WriteShort(0x02);
  p.WriteString("name");
  p.WriteShort(0x0D);
  p.WriteInt(4);  // result metadata: no metadata
  p.WriteInt(0);
  auto pr = ParseResponse(MakeFrame(Opcode::kResult, p));
  ASSERT_TRUE(pr.ok()) << pr.error();
  const auto& prep = *pr->result.prepared();
  EXPECT_EQ(prep.id, std::string("\x01\x02\x03\x04", 4));
  ASSERT_EQ(prep.bind_columns.size(), 2u);
  EXPECT_EQ(prep.bind_columns[0].type.id, TypeId::kBigint);
  EXPECT_EQ(prep.pk_indexes, std::vector<std::uint16_t>{0});
  EXPECT_TRUE(prep.result_columns.empty());

  WireWriter s;
  s.WriteInt(5);
  s.WriteString("CREATED");
  s.WriteString("FUNCTION");
  s.WriteString("ks");
  s.WriteString("f");
  s.WriteStringList({"int"});
  auto sc = ParseResponse(MakeFrame(Opcode::kResult, s));
  ASSERT_TRUE(sc.ok());
  EXPECT_EQ(sc->result.schema_change()->arg_types, std::vector<std::string>{"int"});
}

TEST(ParseResponse, FlagsPrefixesAreSkipped) {
  WireWriter w;
  for (int i = 0; i < 16; ++i) w.WriteByte(static_cast<std::uint8_t>(i));  // tracing id
  w.WriteStringList({"Batch too large"});                                // warnings
  w.WriteShort(1);                                                        // custom payload
  w.WriteString("k");
  w.WriteBytes(std::vector<std::uint8_t>{9});
  w.WriteInt(1);  // RESULT Void
  auto r = ParseResponse(MakeFrame(Opcode::kResult, w, kFlagTracing | kFlagWarning | kFlagCustomPayload));
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->result.kind(), ResultKind::kVoid);
  EXPECT_EQ(r->result.warnings(), std::vector<std::string>{"Batch too large"});
  ASSERT_TRUE(r->result.tracing_id());
  EXPECT_EQ(r->result.tracing_id()->bytes[15], 15);
}

TEST(ParseResponse, HandshakeMessages) {
  WireWriter ready;
  EXPECT_EQ(ParseResponse(MakeFrame(Opcode::kReady, ready))->opcode, Opcode::kReady);
  WireWriter auth;
  auth.WriteString("org.apache.cassandra.auth.PasswordAuthenticator");
  EXPECT_EQ(ParseResponse(MakeFrame(Opcode::kAuthenticate, auth))->authenticator,
            "org.apache.cassandra.auth.PasswordAuthenticator");
  WireWriter sup;
  sup.WriteStringMultimap({{"PROTOCOL_VERSIONS", {"3/v3", "4/v4", "5/v5"}}});
  EXPECT_EQ(ParseResponse(MakeFrame(Opcode::kSupported, sup))->supported[0].second.size(), 3u);
  WireWriter success;
  success.WriteNullBytes();
  auto s = ParseResponse(MakeFrame(Opcode::kAuthSuccess, success));
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->token.has_value());
}

TEST(ParseResponse, RejectsStructuralProblems) {
  WireWriter v;
  v.WriteInt(1);
  auto f = MakeFrame(Opcode::kResult, v);
  f.header.length = 99;
  EXPECT_EQ(ParseResponse(f).error().code, Errc::kMalformedFrame);
  auto c = MakeFrame(Opcode::kResult, v, kFlagCompression);
  EXPECT_EQ(ParseResponse(c).error().code, Errc::kMalformedFrame);
  auto req = MakeFrame(Opcode::kQuery, v);
  EXPECT_EQ(ParseResponse(req).error().code, Errc::kMalformedFrame);
  WireWriter bad_kind;
  bad_kind.WriteInt(9);
  EXPECT_EQ(ParseResponse(MakeFrame(Opcode::kResult, bad_kind)).error().code, Errc::kMalformedFrame);
  // Rows claiming a billion rows in a tiny body.
  WireWriter huge;
  huge.WriteInt(2);
  huge.WriteInt(4);
  huge.WriteInt(1);
  huge.WriteInt(1'000'000'000);
  EXPECT_EQ(ParseResponse(MakeFrame(Opcode::kResult, huge)).error().code, Errc::kMalformedFrame);
}

}  // namespace
}  // namespace eda::cql
