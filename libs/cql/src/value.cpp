#include "eda/cql/value.hpp"

#include <bit>
#include <cstring>
#include <limits>
#include <string>

#include "eda/cql/wire_reader.hpp"

namespace eda::cql {

namespace {

constexpr std::int64_t kDateEpoch = std::int64_t{1} << 31;

CqlError BadValue(std::string message) { return CqlError::Make(Errc::kBadValue, std::move(message)); }
CqlError Malformed(std::string message) { return CqlError::Make(Errc::kMalformedFrame, std::move(message)); }

void PutInt(WireWriter& w, std::int32_t v) { w.WriteInt(v); }

// Writes the 4-byte length, then the body produced by `body`, patching the length afterwards.
template <class F>
CqlStatus WithLength(WireWriter& out, F&& body) {
  const std::size_t at = out.size();
  out.WriteInt(0);
  CqlStatus s = body();
  if (!s) return s;
  const std::size_t len = out.size() - at - 4;
  if (len > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) return BadValue("value too large");
  out.PatchInt(at, static_cast<std::int32_t>(len));
  return {};
}

std::optional<std::int64_t> AsInteger(const Value& v) {
  if (auto* a = v.get_if<std::int8_t>()) return *a;
  if (auto* b = v.get_if<std::int16_t>()) return *b;
  if (auto* c = v.get_if<std::int32_t>()) return *c;
  if (auto* d = v.get_if<std::int64_t>()) return *d;
  return std::nullopt;
}

CqlError Mismatch(const Value& v, const DataType& t) {
  return BadValue("cannot bind " + std::string(v.KindName()) + " to a " + t.ToString() + " column");
}

CqlStatus EncodeBody(const Value& v, const DataType* t, WireWriter& out, int version);

// Collection element: [int length][bytes] (v3+), never null/unset.
CqlStatus EncodeElement(const Value& v, const DataType* t, WireWriter& out, int version) {
  if (v.is_null() || v.is_unset()) return BadValue("null or unset inside a collection");
  return WithLength(out, [&] { return EncodeBody(v, t, out, version); });
}

CqlStatus EncodeIntegerAs(std::int64_t i, TypeId id, const Value& v, const DataType& t, WireWriter& out) {
  switch (id) {
    case TypeId::kTinyint:
      if (!std::in_range<std::int8_t>(i)) return Mismatch(v, t);
      out.WriteByte(static_cast<std::uint8_t>(static_cast<std::int8_t>(i)));
      return {};
    case TypeId::kSmallint:
      if (!std::in_range<std::int16_t>(i)) return Mismatch(v, t);
      out.WriteShort(static_cast<std::uint16_t>(static_cast<std::int16_t>(i)));
      return {};
    case TypeId::kInt:
      if (!std::in_range<std::int32_t>(i)) return Mismatch(v, t);
      PutInt(out, static_cast<std::int32_t>(i));
      return {};
    case TypeId::kBigint:
    case TypeId::kCounter:
    case TypeId::kTime:
      out.WriteLong(i);
      return {};
    case TypeId::kVarint: {
      const auto bytes = EncodeVarint(i);
      out.WriteRaw(bytes);
      return {};
    }
    case TypeId::kDate: {
      const std::int64_t days = i + kDateEpoch;
      if (days < 0 || days > std::numeric_limits<std::uint32_t>::max()) return Mismatch(v, t);
      PutInt(out, static_cast<std::int32_t>(static_cast<std::uint32_t>(days)));
      return {};
    }
    default:
      return Mismatch(v, t);
  }
}

CqlStatus EncodeBody(const Value& v, const DataType* t, WireWriter& out, int version) {
  // Raw bytes bind to any column: the caller supplies the encoding.
  if (auto* b = v.get_if<Blob>()) {
    if (t && t->id != TypeId::kBlob && t->id != TypeId::kCustom) {
      // Allowed deliberately (escape hatch for inet, duration, ...).
    }
    out.WriteRaw(*b);
    return {};
  }
  if (auto i = AsInteger(v)) {
    if (!t) {
      if (v.get_if<std::int8_t>()) return EncodeIntegerAs(*i, TypeId::kTinyint, v, DataType::Simple(TypeId::kTinyint), out);
      if (v.get_if<std::int16_t>()) return EncodeIntegerAs(*i, TypeId::kSmallint, v, DataType::Simple(TypeId::kSmallint), out);
      if (v.get_if<std::int32_t>()) return EncodeIntegerAs(*i, TypeId::kInt, v, DataType::Simple(TypeId::kInt), out);
      out.WriteLong(*i);
      return {};
    }
    if (t->id == TypeId::kTimestamp) {
      out.WriteLong(*i);
      return {};
    }
    return EncodeIntegerAs(*i, t->id, v, *t, out);
  }
  if (auto* b = v.get_if<bool>()) {
    if (t && t->id != TypeId::kBoolean) return Mismatch(v, *t);
    out.WriteByte(*b ? 1 : 0);
    return {};
  }
  if (auto* f = v.get_if<float>()) {
    if (t && t->id == TypeId::kDouble) {
      out.WriteLong(std::bit_cast<std::int64_t>(static_cast<double>(*f)));
      return {};
    }
    if (t && t->id != TypeId::kFloat) return Mismatch(v, *t);
    PutInt(out, std::bit_cast<std::int32_t>(*f));
    return {};
  }
  if (auto* d = v.get_if<double>()) {
    if (t && t->id == TypeId::kFloat) {
      PutInt(out, std::bit_cast<std::int32_t>(static_cast<float>(*d)));
      return {};
    }
    if (t && t->id != TypeId::kDouble) return Mismatch(v, *t);
    out.WriteLong(std::bit_cast<std::int64_t>(*d));
    return {};
  }
  if (auto* s = v.get_if<std::string>()) {
    if (t) {
      if (t->id == TypeId::kUuid || t->id == TypeId::kTimeuuid) {
        auto u = Uuid::Parse(*s);
        if (!u) return BadValue("not a uuid: '" + *s + "'");
        out.WriteRaw(u->bytes);
        return {};
      }
      if (t->id == TypeId::kDecimal) {
        auto dec = Decimal::Parse(*s);
        if (!dec) return BadValue("not a decimal: '" + *s + "'");
        PutInt(out, dec->scale);
        out.WriteRaw(dec->unscaled);
        return {};
      }
      if (!t->IsText()) return Mismatch(v, *t);
      if (t->id == TypeId::kAscii) {
        for (char c : *s) {
          if (static_cast<unsigned char>(c) > 127) return BadValue("non-ASCII character for an ascii column");
        }
      }
    }
    out.WriteRaw({reinterpret_cast<const std::uint8_t*>(s->data()), s->size()});
    return {};
  }
  if (auto* u = v.get_if<Uuid>()) {
    if (t && t->id != TypeId::kUuid && t->id != TypeId::kTimeuuid) return Mismatch(v, *t);
    out.WriteRaw(u->bytes);
    return {};
  }
  if (auto* ts = v.get_if<Timestamp>()) {
    if (t && t->id != TypeId::kTimestamp) return Mismatch(v, *t);
    out.WriteLong(ts->time_since_epoch().count());
    return {};
  }
  if (auto* dec = v.get_if<Decimal>()) {
    if (t && t->id != TypeId::kDecimal) return Mismatch(v, *t);
    if (dec->unscaled.empty()) return BadValue("decimal with an empty unscaled value");
    PutInt(out, dec->scale);
    out.WriteRaw(dec->unscaled);
    return {};
  }
  if (auto* l = v.get_if<ValueList>()) {
    const DataType* elem = nullptr;
    if (t) {
      if (t->id == TypeId::kList || t->id == TypeId::kSet) {
        elem = t->params.empty() ? nullptr : &t->params[0];
      } else if (t->id == TypeId::kTuple || t->id == TypeId::kUdt) {
        if (l->items.size() > t->params.size()) return BadValue("too many components for " + t->ToString());
        // Tuple/UDT: each component is a [bytes] and may be null.
        for (std::size_t i = 0; i < l->items.size(); ++i) {
          if (l->items[i].is_null()) {
            out.WriteNullBytes();
            continue;
          }
          auto s = EncodeElement(l->items[i], &t->params[i], out, version);
          if (!s) return s;
        }
        return {};
      } else {
        return Mismatch(v, *t);
      }
    }
    if (l->items.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) return BadValue("list too long");
    PutInt(out, static_cast<std::int32_t>(l->items.size()));
    for (const auto& e : l->items) {
      auto s = EncodeElement(e, elem, out, version);
      if (!s) return s;
    }
    return {};
  }
  if (auto* m = v.get_if<ValueMap>()) {
    if (t && t->id != TypeId::kMap) return Mismatch(v, *t);
    if (m->keys.size() != m->values.size()) return BadValue("map with unequal key and value counts");
    const DataType* kt = (t && t->params.size() == 2) ? &t->params[0] : nullptr;
    const DataType* vt = (t && t->params.size() == 2) ? &t->params[1] : nullptr;
    PutInt(out, static_cast<std::int32_t>(m->keys.size()));
    for (std::size_t i = 0; i < m->keys.size(); ++i) {
      auto s = EncodeElement(m->keys[i], kt, out, version);
      if (!s) return s;
      s = EncodeElement(m->values[i], vt, out, version);
      if (!s) return s;
    }
    return {};
  }
  return BadValue("null or unset cannot be encoded here");
}

CqlResult<Value> DecodeBody(std::span<const std::uint8_t> b, const DataType& t, int depth);

// Collection element: [int n] then [bytes]; a negative length is a null element.
CqlResult<Value> DecodeElement(WireReader& r, const DataType& t, int depth) {
  auto e = r.ReadBytes();
  if (!r.ok()) return Malformed("truncated collection element");
  if (!e) return Value{};
  return DecodeBody(*e, t, depth + 1);
}

CqlResult<Value> DecodeBody(std::span<const std::uint8_t> b, const DataType& t, int depth) {
  if (depth > DataType::kMaxDepth) return Malformed("value nested too deeply");
  WireReader r(b);
  auto exact = [&](std::size_t n) -> bool { return b.size() == n; };
  switch (t.id) {
    case TypeId::kAscii:
    case TypeId::kVarchar:
      return Value(std::string(reinterpret_cast<const char*>(b.data()), b.size()));
    case TypeId::kBoolean:
      if (!exact(1)) return Malformed("boolean of " + std::to_string(b.size()) + " bytes");
      return Value(b[0] != 0);
    case TypeId::kTinyint:
      if (!exact(1)) return Malformed("tinyint of wrong size");
      return Value::Tinyint(static_cast<std::int8_t>(b[0]));
    case TypeId::kSmallint:
      if (!exact(2)) return Malformed("smallint of wrong size");
      return Value::Smallint(static_cast<std::int16_t>(r.ReadShort()));
    case TypeId::kInt:
      if (!exact(4)) return Malformed("int of wrong size");
      return Value(r.ReadInt());
    case TypeId::kDate: {
      if (!exact(4)) return Malformed("date of wrong size");
      const auto raw = static_cast<std::uint32_t>(r.ReadInt());
      return Value::Bigint(static_cast<std::int64_t>(raw) - kDateEpoch);
    }
    case TypeId::kBigint:
    case TypeId::kCounter:
    case TypeId::kTime:
      if (!exact(8)) return Malformed("bigint of wrong size");
      return Value::Bigint(r.ReadLong());
    case TypeId::kTimestamp:
      if (!exact(8)) return Malformed("timestamp of wrong size");
      return Value(Timestamp(std::chrono::milliseconds(r.ReadLong())));
    case TypeId::kFloat:
      if (!exact(4)) return Malformed("float of wrong size");
      return Value(std::bit_cast<float>(r.ReadInt()));
    case TypeId::kDouble:
      if (!exact(8)) return Malformed("double of wrong size");
      return Value(std::bit_cast<double>(r.ReadLong()));
    case TypeId::kUuid:
    case TypeId::kTimeuuid: {
      if (!exact(16)) return Malformed("uuid of wrong size");
      Uuid u;
      std::memcpy(u.bytes.data(), b.data(), 16);
      return Value(u);
    }
    case TypeId::kVarint: {
      if (b.empty()) return Malformed("empty varint");
      if (b.size() <= 8) return Value::Bigint(*DecodeVarint(Blob(b.begin(), b.end())));
      return Value(Blob(b.begin(), b.end()));
    }
    case TypeId::kDecimal: {
      const std::int32_t scale = r.ReadInt();
      auto rest = r.ReadRaw(r.remaining());
      if (!r.ok() || rest.empty()) return Malformed("truncated decimal");
      return Value(Decimal{scale, Blob(rest.begin(), rest.end())});
    }
    case TypeId::kList:
    case TypeId::kSet: {
      if (t.params.size() != 1) return Malformed("collection type without element type");
      const std::int32_t n = r.ReadInt();
      // Each element takes at least its 4-byte length.
      if (!r.ok() || n < 0 || static_cast<std::size_t>(n) > r.remaining() / 4) return Malformed("bad collection count");
      ValueList l;
      l.items.reserve(static_cast<std::size_t>(n));
      for (std::int32_t i = 0; i < n; ++i) {
        auto e = DecodeElement(r, t.params[0], depth);
        if (!e) return std::move(e).error();
        l.items.push_back(std::move(e).value());
      }
      if (r.remaining() != 0) return Malformed("trailing bytes after collection");
      return Value(std::move(l));
    }
    case TypeId::kMap: {
      if (t.params.size() != 2) return Malformed("map type without key/value types");
      const std::int32_t n = r.ReadInt();
      if (!r.ok() || n < 0 || static_cast<std::size_t>(n) > r.remaining() / 8) return Malformed("bad map count");
      ValueMap m;
      m.keys.reserve(static_cast<std::size_t>(n));
      m.values.reserve(static_cast<std::size_t>(n));
      for (std::int32_t i = 0; i < n; ++i) {
        auto k = DecodeElement(r, t.params[0], depth);
        if (!k) return std::move(k).error();
        auto v = DecodeElement(r, t.params[1], depth);
        if (!v) return std::move(v).error();
        m.keys.push_back(std::move(k).value());
        m.values.push_back(std::move(v).value());
      }
      if (r.remaining() != 0) return Malformed("trailing bytes after map");
      return Value(std::move(m));
    }
    case TypeId::kTuple:
    case TypeId::kUdt: {
      // Components in order; a UDT value may end early (fields added later are null).
      ValueList l;
      for (std::size_t i = 0; i < t.params.size() && r.remaining() > 0; ++i) {
        auto e = DecodeElement(r, t.params[i], depth);
        if (!e) return std::move(e).error();
        l.items.push_back(std::move(e).value());
      }
      if (r.remaining() != 0) return Malformed("trailing bytes after tuple/udt");
      return Value(std::move(l));
    }
    default:  // custom, inet, duration: raw bytes
      return Value(Blob(b.begin(), b.end()));
  }
}

}  // namespace

std::string_view Value::KindName() const noexcept {
  static constexpr std::string_view kNames[] = {"null", "unset", "bool", "tinyint", "smallint", "int",  "bigint", "float",
                                                "double", "text", "blob", "uuid", "timestamp", "decimal", "list", "map"};
  return kNames[v_.index()];
}

CqlStatus EncodeValue(const Value& v, const DataType* target, WireWriter& out, int protocol_version) {
  if (v.is_null()) {
    out.WriteNullBytes();
    return {};
  }
  if (v.is_unset()) {
    if (protocol_version < 4) return BadValue("unset values need protocol v4");
    out.WriteUnsetValue();
    return {};
  }
  return WithLength(out, [&] { return EncodeBody(v, target, out, protocol_version); });
}

CqlResult<Value> DecodeValue(std::optional<std::span<const std::uint8_t>> bytes, const DataType& type) {
  if (!bytes) return Value{};
  // An empty non-text, non-blob value ("empty") reads as null: CQL allows it and no C++ value fits.
  if (bytes->empty() && !type.IsText() && type.id != TypeId::kBlob && type.id != TypeId::kCustom) return Value{};
  return DecodeBody(*bytes, type, 0);
}

namespace detail {

CqlError ConversionError(const Value& v, std::string_view wanted) {
  if (v.is_null()) return BadValue("null where a " + std::string(wanted) + " was expected (use std::optional)");
  return BadValue("cannot read " + std::string(v.KindName()) + " as " + std::string(wanted));
}

}  // namespace detail

}  // namespace eda::cql
