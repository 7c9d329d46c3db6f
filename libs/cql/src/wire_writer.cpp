#include "eda/cql/wire_writer.hpp"

#include <limits>
#include <stdexcept>

namespace eda::cql {

namespace {

std::span<const std::uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

void CheckShortLength(std::size_t n) {
  if (n > std::numeric_limits<std::uint16_t>::max()) throw std::length_error("cql: value too long for a [short] length");
}

void CheckIntLength(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw std::length_error("cql: value too long for an [int] length");
  }
}

}  // namespace

void WireWriter::WriteShort(std::uint16_t v) {
  buf_.push_back(static_cast<std::uint8_t>(v >> 8));
  buf_.push_back(static_cast<std::uint8_t>(v));
}

void WireWriter::WriteInt(std::int32_t v) {
  const auto u = static_cast<std::uint32_t>(v);
  for (int shift = 24; shift >= 0; shift -= 8) buf_.push_back(static_cast<std::uint8_t>(u >> shift));
}

void WireWriter::WriteLong(std::int64_t v) {
  const auto u = static_cast<std::uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8) buf_.push_back(static_cast<std::uint8_t>(u >> shift));
}

void WireWriter::WriteString(std::string_view s) {
  CheckShortLength(s.size());
  WriteShort(static_cast<std::uint16_t>(s.size()));
  WriteRaw(AsBytes(s));
}

void WireWriter::WriteLongString(std::string_view s) {
  CheckIntLength(s.size());
  WriteInt(static_cast<std::int32_t>(s.size()));
  WriteRaw(AsBytes(s));
}

void WireWriter::WriteBytes(std::span<const std::uint8_t> b) {
  CheckIntLength(b.size());
  WriteInt(static_cast<std::int32_t>(b.size()));
  WriteRaw(b);
}

void WireWriter::WriteShortBytes(std::span<const std::uint8_t> b) {
  CheckShortLength(b.size());
  WriteShort(static_cast<std::uint16_t>(b.size()));
  WriteRaw(b);
}

void WireWriter::WriteStringList(const std::vector<std::string>& l) {
  CheckShortLength(l.size());
  WriteShort(static_cast<std::uint16_t>(l.size()));
  for (const auto& s : l) WriteString(s);
}

void WireWriter::WriteStringMap(const std::vector<std::pair<std::string, std::string>>& m) {
  CheckShortLength(m.size());
  WriteShort(static_cast<std::uint16_t>(m.size()));
  for (const auto& [k, v] : m) {
    WriteString(k);
    WriteString(v);
  }
}

void WireWriter::WriteStringMultimap(const std::vector<std::pair<std::string, std::vector<std::string>>>& m) {
  CheckShortLength(m.size());
  WriteShort(static_cast<std::uint16_t>(m.size()));
  for (const auto& [k, v] : m) {
    WriteString(k);
    WriteStringList(v);
  }
}

void WireWriter::WriteInet(std::span<const std::uint8_t> address, std::int32_t port) {
  if (address.size() != 4 && address.size() != 16) throw std::length_error("cql: inet address must be 4 or 16 bytes");
  WriteByte(static_cast<std::uint8_t>(address.size()));
  WriteRaw(address);
  WriteInt(port);
}

void WireWriter::PatchInt(std::size_t pos, std::int32_t v) {
  if (pos + 4 > buf_.size()) throw std::out_of_range("cql: PatchInt outside the buffer");
  const auto u = static_cast<std::uint32_t>(v);
  buf_[pos] = static_cast<std::uint8_t>(u >> 24);
  buf_[pos + 1] = static_cast<std::uint8_t>(u >> 16);
  buf_[pos + 2] = static_cast<std::uint8_t>(u >> 8);
  buf_[pos + 3] = static_cast<std::uint8_t>(u);
}

}  // namespace eda::cql
