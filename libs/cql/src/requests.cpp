#include "eda/cql/requests.hpp"

#include <limits>

#include "eda/cql/wire_writer.hpp"

namespace eda::cql {

namespace {

constexpr std::uint8_t kValues = 0x01;
constexpr std::uint8_t kSkipMetadata = 0x02;
constexpr std::uint8_t kPageSize = 0x04;
constexpr std::uint8_t kPagingState = 0x08;
constexpr std::uint8_t kSerialConsistency = 0x10;
constexpr std::uint8_t kDefaultTimestamp = 0x20;
constexpr std::uint8_t kNamesForValues = 0x40;

std::span<const std::uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

const DataType* TypeAt(const std::vector<DataType>* types, std::size_t i) {
  return (types && i < types->size()) ? &(*types)[i] : nullptr;
}

CqlStatus WriteValues(WireWriter& w, const std::vector<Value>& values, const std::vector<std::string>* names,
                      const std::vector<DataType>* types, int version) {
  if (values.size() > std::numeric_limits<std::uint16_t>::max()) {
    return CqlError::Make(Errc::kBadValue, "more than 65535 bound values");
  }
  if (types && types->size() != values.size()) {
    return CqlError::Make(Errc::kBadValue, "statement has " + std::to_string(types->size()) + " markers, got " +
                                               std::to_string(values.size()) + " values");
  }
  w.WriteShort(static_cast<std::uint16_t>(values.size()));
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (names) w.WriteString((*names)[i]);
    auto s = EncodeValue(values[i], TypeAt(types, i), w, version);
    if (!s) {
      auto e = std::move(s).error();
      e.message = "value " + std::to_string(i) + ": " + e.message;
      return e;
    }
  }
  return {};
}

CqlStatus WriteQueryParameters(WireWriter& w, const QueryParameters& p, int version) {
  if (!p.names.empty() && p.names.size() != p.values.size()) {
    return CqlError::Make(Errc::kBadValue, "names and values differ in count");
  }
  std::uint8_t flags = 0;
  if (!p.values.empty()) flags |= kValues;
  if (!p.names.empty()) flags |= kNamesForValues;
  if (p.skip_metadata) flags |= kSkipMetadata;
  if (p.page_size > 0) flags |= kPageSize;
  if (p.paging_state) flags |= kPagingState;
  if (p.serial_consistency) flags |= kSerialConsistency;
  if (p.default_timestamp_us) flags |= kDefaultTimestamp;
  w.WriteConsistency(p.consistency);
  w.WriteByte(flags);
  if (flags & kValues) {
    auto s = WriteValues(w, p.values, p.names.empty() ? nullptr : &p.names, p.value_types, version);
    if (!s) return s;
  }
  if (flags & kPageSize) w.WriteInt(p.page_size);
  if (flags & kPagingState) w.WriteBytes(AsBytes(*p.paging_state));
  if (flags & kSerialConsistency) w.WriteConsistency(*p.serial_consistency);
  if (flags & kDefaultTimestamp) w.WriteLong(*p.default_timestamp_us);
  return {};
}

}  // namespace

Request BuildStartup(const std::vector<std::pair<std::string, std::string>>& options) {
  WireWriter w;
  w.WriteStringMap(options);
  return {Opcode::kStartup, std::move(w).Take()};
}

Request BuildOptions() { return {Opcode::kOptions, {}}; }

CqlResult<Request> BuildQuery(std::string_view cql, const QueryParameters& params, int version) {
  WireWriter w;
  w.WriteLongString(cql);
  auto s = WriteQueryParameters(w, params, version);
  if (!s) return std::move(s).error();
  return Request{Opcode::kQuery, std::move(w).Take()};
}

Request BuildPrepare(std::string_view cql) {
  WireWriter w;
  w.WriteLongString(cql);
  return {Opcode::kPrepare, std::move(w).Take()};
}

CqlResult<Request> BuildExecute(std::span<const std::uint8_t> prepared_id, const QueryParameters& params,
                                int version) {
  WireWriter w;
  w.WriteShortBytes(prepared_id);
  auto s = WriteQueryParameters(w, params, version);
  if (!s) return std::move(s).error();
  return Request{Opcode::kExecute, std::move(w).Take()};
}

CqlResult<Request> BuildBatch(BatchType type, const std::vector<BatchStatement>& statements, Consistency consistency,
                              std::optional<Consistency> serial_consistency,
                              std::optional<std::int64_t> default_timestamp_us, int version) {
  if (statements.size() > std::numeric_limits<std::uint16_t>::max()) {
    return CqlError::Make(Errc::kBadValue, "more than 65535 statements in a batch");
  }
  WireWriter w;
  w.WriteByte(static_cast<std::uint8_t>(type));
  w.WriteShort(static_cast<std::uint16_t>(statements.size()));
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& st = statements[i];
    w.WriteByte(st.prepared ? 1 : 0);
    if (st.prepared) w.WriteShortBytes(AsBytes(st.query_or_id));
    else w.WriteLongString(st.query_or_id);
    auto s = WriteValues(w, st.values, nullptr, st.value_types, version);
    if (!s) {
      auto e = std::move(s).error();
      e.message = "batch statement " + std::to_string(i) + ": " + e.message;
      return e;
    }
  }
  w.WriteConsistency(consistency);
  std::uint8_t flags = 0;
  if (serial_consistency) flags |= kSerialConsistency;
  if (default_timestamp_us) flags |= kDefaultTimestamp;
  w.WriteByte(flags);
  if (serial_consistency) w.WriteConsistency(*serial_consistency);
  if (default_timestamp_us) w.WriteLong(*default_timestamp_us);
  return Request{Opcode::kBatch, std::move(w).Take()};
}

Request BuildAuthResponse(std::span<const std::uint8_t> token) {
  WireWriter w;
  w.WriteBytes(token);
  return {Opcode::kAuthResponse, std::move(w).Take()};
}

Request BuildRegister(const std::vector<std::string>& event_types) {
  WireWriter w;
  w.WriteStringList(event_types);
  return {Opcode::kRegister, std::move(w).Take()};
}

std::vector<std::uint8_t> PlainSaslToken(std::string_view user, std::string_view password) {
  std::vector<std::uint8_t> out;
  out.reserve(user.size() + password.size() + 2);
  out.push_back(0);
  out.insert(out.end(), user.begin(), user.end());
  out.push_back(0);
  out.insert(out.end(), password.begin(), password.end());
  return out;
}

}  // namespace eda::cql
