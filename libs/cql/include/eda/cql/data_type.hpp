#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eda/cql/wire_reader.hpp"

namespace eda::cql {

// [option] ids of CQL types (native_protocol_v4.spec section 4.2.5.2).
enum class TypeId : std::uint16_t {
  kCustom = 0x0000,
  kAscii = 0x0001,
  kBigint = 0x0002,
  kBlob = 0x0003,
  kBoolean = 0x0004,
  kCounter = 0x0005,
  kDecimal = 0x0006,
  kDouble = 0x0007,
  kFloat = 0x0008,
  kInt = 0x0009,
  kTimestamp = 0x000B,
  kUuid = 0x000C,
  kVarchar = 0x000D,
  kVarint = 0x000E,
  kTimeuuid = 0x000F,
  kInet = 0x0010,
  kDate = 0x0011,
  kTime = 0x0012,
  kSmallint = 0x0013,
  kTinyint = 0x0014,
  kDuration = 0x0015,
  kList = 0x0020,
  kMap = 0x0021,
  kSet = 0x0022,
  kUdt = 0x0030,
  kTuple = 0x0031,
};

// A column or element type, possibly parameterised: list/set have one parameter, map two
// (key, value), tuple and UDT one per component. A plain value type.
struct DataType {
  TypeId id = TypeId::kBlob;
  std::string custom_class;             // kCustom: Java class name
  std::vector<DataType> params;         // element/component types
  std::string udt_keyspace;             // kUdt
  std::string udt_name;                 // kUdt
  std::vector<std::string> field_names; // kUdt, parallel to params

  static DataType Simple(TypeId id) { return DataType{id, {}, {}, {}, {}, {}}; }
  static DataType List(DataType element);
  static DataType Set(DataType element);
  static DataType Map(DataType key, DataType value);

  // Reads an [option] type, recursing into collections, tuples and UDTs (nesting limited to
  // kMaxDepth levels). On malformed input marks `r` failed and returns a blob type.
  static DataType Read(WireReader& r, int depth = 0);
  static constexpr int kMaxDepth = 16;

  // CQL spelling, e.g. "map<text, list<int>>".
  std::string ToString() const;
  bool IsText() const noexcept { return id == TypeId::kVarchar || id == TypeId::kAscii; }
  bool IsCollection() const noexcept { return id == TypeId::kList || id == TypeId::kSet || id == TypeId::kMap; }

  friend bool operator==(const DataType&, const DataType&) = default;
};

}  // namespace eda::cql
