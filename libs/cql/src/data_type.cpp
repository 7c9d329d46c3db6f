#include "eda/cql/data_type.hpp"

#include <utility>

namespace eda::cql {

namespace {

bool IsKnownSimple(std::uint16_t id) {
  return (id >= 0x0001 && id <= 0x0015 && id != 0x000A);
}

std::string SimpleName(TypeId id) {
  switch (id) {
    case TypeId::kAscii: return "ascii";
    case TypeId::kBigint: return "bigint";
    case TypeId::kBlob: return "blob";
    case TypeId::kBoolean: return "boolean";
    case TypeId::kCounter: return "counter";
    case TypeId::kDecimal: return "decimal";
    case TypeId::kDouble: return "double";
    case TypeId::kFloat: return "float";
    case TypeId::kInt: return "int";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kUuid: return "uuid";
    case TypeId::kVarchar: return "text";
    case TypeId::kVarint: return "varint";
    case TypeId::kTimeuuid: return "timeuuid";
    case TypeId::kInet: return "inet";
    case TypeId::kDate: return "date";
    case TypeId::kTime: return "time";
    case TypeId::kSmallint: return "smallint";
    case TypeId::kTinyint: return "tinyint";
    case TypeId::kDuration: return "duration";
    default: return "?";
  }
}

}  // namespace

DataType DataType::List(DataType element) {
  DataType t = Simple(TypeId::kList);
  t.params.push_back(std::move(element));
  return t;
}

DataType DataType::Set(DataType element) {
  DataType t = Simple(TypeId::kSet);
  t.params.push_back(std::move(element));
  return t;
}

DataType DataType::Map(DataType key, DataType value) {
  DataType t = Simple(TypeId::kMap);
  t.params.push_back(std::move(key));
  t.params.push_back(std::move(value));
  return t;
}

DataType DataType::Read(WireReader& r, int depth) {
  DataType t;
  if (depth > kMaxDepth) {
    r.Fail();
    return t;
  }
  const std::uint16_t raw = r.ReadShort();
  if (!r.ok()) return t;
  switch (raw) {
    case 0x0000:
      t.id = TypeId::kCustom;
      t.custom_class = std::string(r.ReadString());
      break;
    case 0x0020:
    case 0x0022:
      t.id = static_cast<TypeId>(raw);
      t.params.push_back(Read(r, depth + 1));
      break;
    case 0x0021:
      t.id = TypeId::kMap;
      t.params.push_back(Read(r, depth + 1));
      if (r.ok()) t.params.push_back(Read(r, depth + 1));
      break;
    case 0x0030: {
      t.id = TypeId::kUdt;
      t.udt_keyspace = std::string(r.ReadString());
      t.udt_name = std::string(r.ReadString());
      const std::uint16_t n = r.ReadShort();
      // Each field needs at least 4 bytes (empty name + type id): refuse counts the body cannot hold.
      if (!r.ok() || std::size_t{n} * 4 > r.remaining()) {
        r.Fail();
        break;
      }
      for (std::uint16_t i = 0; i < n && r.ok(); ++i) {
        t.field_names.emplace_back(r.ReadString());
        t.params.push_back(Read(r, depth + 1));
      }
      break;
    }
    case 0x0031: {
      t.id = TypeId::kTuple;
      const std::uint16_t n = r.ReadShort();
      if (!r.ok() || std::size_t{n} * 2 > r.remaining()) {
        r.Fail();
        break;
      }
      for (std::uint16_t i = 0; i < n && r.ok(); ++i) t.params.push_back(Read(r, depth + 1));
      break;
    }
    default:
      if (!IsKnownSimple(raw)) {
        r.Fail();
        break;
      }
      t.id = static_cast<TypeId>(raw);
  }
  return t;
}

std::string DataType::ToString() const {
  switch (id) {
    case TypeId::kCustom: return "'" + custom_class + "'";
    case TypeId::kList: return "list<" + (params.empty() ? "?" : params[0].ToString()) + ">";
    case TypeId::kSet: return "set<" + (params.empty() ? "?" : params[0].ToString()) + ">";
    case TypeId::kMap:
      return "map<" + (params.size() < 2 ? "?" : params[0].ToString() + ", " + params[1].ToString()) + ">";
    case TypeId::kUdt: return udt_keyspace + "." + udt_name;
    case TypeId::kTuple: {
      std::string s = "tuple<";
      for (std::size_t i = 0; i < params.size(); ++i) s += (i ? ", " : "") + params[i].ToString();
      return s + ">";
    }
    default: return SimpleName(id);
  }
}

}  // namespace eda::cql
