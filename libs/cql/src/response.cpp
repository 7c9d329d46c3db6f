#include "eda/cql/response.hpp"

#include <limits>
#include <memory>

#include "eda/cql/wire_reader.hpp"

namespace eda::cql {

namespace {

constexpr std::int32_t kGlobalTablesSpec = 0x0001;
constexpr std::int32_t kHasMorePages = 0x0002;
constexpr std::int32_t kNoMetadata = 0x0004;

CqlError Malformed(std::string what) { return CqlError::Make(Errc::kMalformedFrame, "malformed " + what); }

std::string Str(std::string_view s) { return std::string(s); }

}  // namespace

// Friend of ResultSet: fills its private state while decoding.
class ResponseParser {
 public:
  // <metadata> of Rows and Prepared. `prepared_bind` reads the v4 pk indexes.
  static bool ReadMetadata(WireReader& r, std::vector<ColumnSpec>& columns, std::optional<std::string>* paging_state,
                           std::vector<std::uint16_t>* pk_indexes, int version, std::int32_t* column_count) {
    const std::int32_t flags = r.ReadInt();
    const std::int32_t count = r.ReadInt();
    if (!r.ok() || count < 0) return false;
    *column_count = count;
    if (pk_indexes && version >= 4) {
      const std::int32_t pk_count = r.ReadInt();
      if (!r.ok() || pk_count < 0 || static_cast<std::size_t>(pk_count) > r.remaining() / 2) return false;
      for (std::int32_t i = 0; i < pk_count; ++i) pk_indexes->push_back(r.ReadShort());
    }
    if (flags & kHasMorePages) {
      auto state = r.ReadBytes();
      if (!r.ok()) return false;
      if (paging_state && state) paging_state->emplace(reinterpret_cast<const char*>(state->data()), state->size());
    }
    if (flags & kNoMetadata) return r.ok();
    // Every column spec takes at least 4 bytes (name and type): bound the count before reserving.
    if (static_cast<std::size_t>(count) > r.remaining() / 4) return false;
    std::string ks;
    std::string table;
    const bool global = (flags & kGlobalTablesSpec) != 0;
    if (global) {
      ks = Str(r.ReadString());
      table = Str(r.ReadString());
    }
    columns.reserve(static_cast<std::size_t>(count));
    for (std::int32_t i = 0; i < count && r.ok(); ++i) {
      ColumnSpec c;
      if (global) {
        c.keyspace = ks;
        c.table = table;
      } else {
        c.keyspace = Str(r.ReadString());
        c.table = Str(r.ReadString());
      }
      c.name = Str(r.ReadString());
      c.type = DataType::Read(r);
      columns.push_back(std::move(c));
    }
    return r.ok();
  }

  static CqlResult<Response> Parse(Frame frame) {
    const FrameHeader& h = frame.header;
    if (!h.response) return Malformed("frame: not a response");
    if (h.flags & kFlagCompression) return Malformed("frame: compressed body but no compression negotiated");
    if (static_cast<std::size_t>(h.length) != frame.body.size()) return Malformed("frame: body length mismatch");

    auto payload = std::make_shared<detail::RowsPayload>();
    payload->body = std::move(frame.body);
    WireReader r(payload->body);

    Response resp;
    resp.opcode = h.opcode;
    ResultSet& rs = resp.result;
    if (h.flags & kFlagTracing) {
      auto id = r.ReadRaw(16);
      if (!r.ok()) return Malformed("tracing id");
      Uuid u;
      std::copy(id.begin(), id.end(), u.bytes.begin());
      rs.tracing_id_ = u;
    }
    if (h.flags & kFlagWarning) {
      rs.warnings_ = r.ReadStringList();
      if (!r.ok()) return Malformed("warnings");
    }
    if (h.flags & kFlagCustomPayload) {
      r.SkipBytesMap();
      if (!r.ok()) return Malformed("custom payload");
    }

    switch (h.opcode) {
      case Opcode::kError: {
        CqlError e = ParseError(r);
        return e;
      }
      case Opcode::kReady:
        return resp;
      case Opcode::kAuthenticate:
        resp.authenticator = Str(r.ReadString());
        if (!r.ok()) return Malformed("AUTHENTICATE");
        return resp;
      case Opcode::kAuthChallenge:
      case Opcode::kAuthSuccess: {
        auto t = r.ReadBytes();
        if (!r.ok()) return Malformed("auth token");
        if (t) resp.token.emplace(t->begin(), t->end());
        return resp;
      }
      case Opcode::kSupported:
        resp.supported = r.ReadStringMultimap();
        if (!r.ok()) return Malformed("SUPPORTED");
        return resp;
      case Opcode::kEvent:
        resp.event_type = Str(r.ReadString());
        if (!r.ok()) return Malformed("EVENT");
        return resp;
      case Opcode::kResult: {
        auto s = ParseResult(r, rs, std::move(payload), h.version);
        if (!s) return std::move(s).error();
        return resp;
      }
      default:
        return Malformed("frame: request opcode in a response");
    }
  }

  static CqlStatus ParseResult(WireReader& r, ResultSet& rs, std::shared_ptr<detail::RowsPayload> payload,
                               int version) {
    const std::int32_t kind = r.ReadInt();
    if (!r.ok()) return Malformed("RESULT kind");
    switch (kind) {
      case 1:
        rs.kind_ = ResultKind::kVoid;
        return {};
      case 2: {
        rs.kind_ = ResultKind::kRows;
        std::int32_t ncols = 0;
        if (!ReadMetadata(r, payload->columns, &rs.paging_state_, nullptr, version, &ncols)) {
          return Malformed("rows metadata");
        }
        if (payload->columns.empty() && ncols > 0) {
          // No_metadata: keep the cells readable as raw bytes.
          if (static_cast<std::size_t>(ncols) > r.remaining() / 4 + 1) return Malformed("rows column count");
          payload->columns.resize(static_cast<std::size_t>(ncols));
        }
        const std::int32_t nrows = r.ReadInt();
        if (!r.ok() || nrows < 0) return Malformed("rows count");
        const auto cells = static_cast<std::uint64_t>(nrows) * static_cast<std::uint64_t>(ncols);
        // Every cell takes at least its 4-byte length.
        if (cells > r.remaining() / 4) return Malformed("rows count exceeds body");
        payload->cells.reserve(static_cast<std::size_t>(cells));
        for (std::uint64_t i = 0; i < cells; ++i) {
          auto cell = r.ReadBytes();
          if (!r.ok()) return Malformed("row cell");
          detail::RowsPayload::Cell c;
          if (cell) {
            c.offset = static_cast<std::uint32_t>(cell->data() - payload->body.data());
            c.length = static_cast<std::int32_t>(cell->size());
          }
          payload->cells.push_back(c);
        }
        std::shared_ptr<const detail::RowsPayload> shared = std::move(payload);
        rs.rows_.reserve(static_cast<std::size_t>(nrows));
        for (std::int32_t i = 0; i < nrows; ++i) rs.rows_.emplace_back(shared, static_cast<std::size_t>(i));
        rs.payload_ = std::move(shared);
        return {};
      }
      case 3:
        rs.kind_ = ResultKind::kSetKeyspace;
        rs.keyspace_ = Str(r.ReadString());
        if (!r.ok()) return Malformed("Set_keyspace");
        return {};
      case 4: {
        rs.kind_ = ResultKind::kPrepared;
        PreparedResult p;
        auto id = r.ReadShortBytes();
        if (!r.ok() || id.empty()) return Malformed("prepared id");
        p.id.assign(reinterpret_cast<const char*>(id.data()), id.size());
        std::int32_t n = 0;
        if (!ReadMetadata(r, p.bind_columns, nullptr, &p.pk_indexes, version, &n)) return Malformed("prepared metadata");
        if (static_cast<std::size_t>(n) != p.bind_columns.size()) return Malformed("prepared metadata without columns");
        if (!ReadMetadata(r, p.result_columns, nullptr, nullptr, version, &n)) return Malformed("prepared result metadata");
        rs.prepared_ = std::move(p);
        return {};
      }
      case 5: {
        rs.kind_ = ResultKind::kSchemaChange;
        SchemaChange sc;
        sc.change_type = Str(r.ReadString());
        sc.target = Str(r.ReadString());
        sc.keyspace = Str(r.ReadString());
        if (sc.target != "KEYSPACE") sc.name = Str(r.ReadString());
        if (sc.target == "FUNCTION" || sc.target == "AGGREGATE") sc.arg_types = r.ReadStringList();
        if (!r.ok()) return Malformed("Schema_change");
        rs.schema_change_ = std::move(sc);
        return {};
      }
      default:
        return Malformed("RESULT kind " + std::to_string(kind));
    }
  }
};

CqlError ParseError(WireReader& r) {
  const std::int32_t raw = r.ReadInt();
  std::string message = Str(r.ReadString());
  if (!r.ok()) return Malformed("ERROR body");
  CqlError e;
  const Errc code = static_cast<Errc>(raw);
  e.code = code;
  e.message = std::move(message);
  switch (code) {
    case Errc::kServerError:
    case Errc::kProtocolError:
    case Errc::kBadCredentials:
    case Errc::kOverloaded:
    case Errc::kIsBootstrapping:
    case Errc::kTruncateError:
    case Errc::kSyntaxError:
    case Errc::kUnauthorized:
    case Errc::kInvalid:
    case Errc::kConfigError:
      break;
    case Errc::kUnavailable:
      e.consistency = r.ReadConsistency();
      e.required = r.ReadInt();
      e.alive = r.ReadInt();
      break;
    case Errc::kWriteTimeout:
      e.consistency = r.ReadConsistency();
      e.received = r.ReadInt();
      e.block_for = r.ReadInt();
      e.write_type = Str(r.ReadString());
      break;
    case Errc::kReadTimeout:
      e.consistency = r.ReadConsistency();
      e.received = r.ReadInt();
      e.block_for = r.ReadInt();
      e.data_present = r.ReadByte() != 0;
      break;
    case Errc::kReadFailure:
      e.consistency = r.ReadConsistency();
      e.received = r.ReadInt();
      e.block_for = r.ReadInt();
      e.num_failures = r.ReadInt();
      e.data_present = r.ReadByte() != 0;
      break;
    case Errc::kWriteFailure:
      e.consistency = r.ReadConsistency();
      e.received = r.ReadInt();
      e.block_for = r.ReadInt();
      e.num_failures = r.ReadInt();
      e.write_type = Str(r.ReadString());
      break;
    case Errc::kCdcWriteFailure:
      break;
    case Errc::kCasWriteUnknown:
      e.consistency = r.ReadConsistency();
      e.received = r.ReadInt();
      e.block_for = r.ReadInt();
      break;
    case Errc::kFunctionFailure:
      e.keyspace = Str(r.ReadString());
      e.function = Str(r.ReadString());
      e.arg_types = r.ReadStringList();
      break;
    case Errc::kAlreadyExists:
      e.keyspace = Str(r.ReadString());
      e.table = Str(r.ReadString());
      break;
    case Errc::kUnprepared: {
      auto id = r.ReadShortBytes();
      e.unprepared_id.assign(reinterpret_cast<const char*>(id.data()), id.size());
      break;
    }
    default:
      e.code = Errc::kUnknownServerError;
      e.raw_code = raw;
      break;
  }
  if (!r.ok()) return Malformed("ERROR details for code " + std::to_string(raw));
  e.raw_code = raw;
  e.retryable = IsRetryable(e.code);
  return e;
}

CqlResult<Response> ParseResponse(Frame frame) { return ResponseParser::Parse(std::move(frame)); }

// ---- ResultSet / Row (decoding parts) ----

const std::vector<ColumnSpec>& ResultSet::columns() const noexcept {
  static const std::vector<ColumnSpec> kNone;
  return payload_ ? payload_->columns : kNone;
}

bool ResultSet::is_lwt() const noexcept {
  const auto& cols = columns();
  return !cols.empty() && cols[0].name == "[applied]" && cols[0].type.id == TypeId::kBoolean;
}

bool ResultSet::applied() const {
  if (!is_lwt()) return true;
  if (rows_.empty()) return false;
  auto v = rows_[0].TryGet<bool>(0);
  return v.ok() && *v;
}

int Row::IndexOf(std::string_view name) const noexcept {
  const auto& cols = payload_->columns;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

bool Row::IsNull(std::size_t i) const {
  if (i >= size()) return true;
  return payload_->cells[index_ * size() + i].length < 0;
}

CqlResult<Value> Row::GetValue(std::size_t i) const {
  if (i >= size()) return CqlError::Make(Errc::kBadValue, "column index " + std::to_string(i) + " out of range");
  const auto& cell = payload_->cells[index_ * size() + i];
  if (cell.length < 0) return Value{};
  std::span<const std::uint8_t> bytes(payload_->body.data() + cell.offset, static_cast<std::size_t>(cell.length));
  return DecodeValue(bytes, payload_->columns[i].type);
}

CqlResult<Value> Row::GetValue(std::string_view name) const {
  const int i = IndexOf(name);
  if (i < 0) return CqlError::Make(Errc::kBadValue, "no column named '" + std::string(name) + "'");
  return GetValue(static_cast<std::size_t>(i));
}

}  // namespace eda::cql
