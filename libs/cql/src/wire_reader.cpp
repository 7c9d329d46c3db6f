#include "eda/cql/wire_reader.hpp"

namespace eda::cql {

bool WireReader::Need(std::size_t n) noexcept {
  if (failed_ || data_.size() - pos_ < n) {
    failed_ = true;
    return false;
  }
  return true;
}

std::span<const std::uint8_t> WireReader::ReadRaw(std::size_t n) noexcept {
  if (!Need(n)) return {};
  auto out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

std::uint8_t WireReader::ReadByte() noexcept {
  if (!Need(1)) return 0;
  return data_[pos_++];
}

std::uint16_t WireReader::ReadShort() noexcept {
  if (!Need(2)) return 0;
  const auto v = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
  pos_ += 2;
  return v;
}

std::int32_t WireReader::ReadInt() noexcept {
  if (!Need(4)) return 0;
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | data_[pos_ + i];
  pos_ += 4;
  return static_cast<std::int32_t>(v);
}

std::int64_t WireReader::ReadLong() noexcept {
  if (!Need(8)) return 0;
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | data_[pos_ + i];
  pos_ += 8;
  return static_cast<std::int64_t>(v);
}

std::string_view WireReader::ReadString() noexcept {
  const std::uint16_t n = ReadShort();
  auto raw = ReadRaw(n);
  return {reinterpret_cast<const char*>(raw.data()), raw.size()};
}

std::string_view WireReader::ReadLongString() noexcept {
  const std::int32_t n = ReadInt();
  if (n < 0) {
    failed_ = true;
    return {};
  }
  auto raw = ReadRaw(static_cast<std::size_t>(n));
  return {reinterpret_cast<const char*>(raw.data()), raw.size()};
}

std::optional<std::span<const std::uint8_t>> WireReader::ReadBytes() noexcept {
  const std::int32_t n = ReadInt();
  if (failed_) return std::span<const std::uint8_t>{};
  if (n < 0) {
    if (n < -2) failed_ = true;
    return std::nullopt;
  }
  return ReadRaw(static_cast<std::size_t>(n));
}

std::span<const std::uint8_t> WireReader::ReadShortBytes() noexcept { return ReadRaw(ReadShort()); }

std::vector<std::string> WireReader::ReadStringList() {
  const std::uint16_t n = ReadShort();
  std::vector<std::string> out;
  if (!Need(std::size_t{n} * 2)) return out;  // each [string] takes at least 2 bytes
  out.reserve(n);
  for (std::uint16_t i = 0; i < n && ok(); ++i) out.emplace_back(ReadString());
  return out;
}

std::vector<std::pair<std::string, std::string>> WireReader::ReadStringMap() {
  const std::uint16_t n = ReadShort();
  std::vector<std::pair<std::string, std::string>> out;
  if (!Need(std::size_t{n} * 4)) return out;
  out.reserve(n);
  for (std::uint16_t i = 0; i < n && ok(); ++i) {
    std::string k(ReadString());
    std::string v(ReadString());
    out.emplace_back(std::move(k), std::move(v));
  }
  return out;
}

std::vector<std::pair<std::string, std::vector<std::string>>> WireReader::ReadStringMultimap() {
  const std::uint16_t n = ReadShort();
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  if (!Need(std::size_t{n} * 4)) return out;
  out.reserve(n);
  for (std::uint16_t i = 0; i < n && ok(); ++i) {
    std::string k(ReadString());
    auto v = ReadStringList();
    out.emplace_back(std::move(k), std::move(v));
  }
  return out;
}

void WireReader::SkipBytesMap() noexcept {
  const std::uint16_t n = ReadShort();
  for (std::uint16_t i = 0; i < n && ok(); ++i) {
    (void)ReadString();
    (void)ReadBytes();
  }
}

std::pair<std::vector<std::uint8_t>, std::int32_t> WireReader::ReadInet() {
  const std::uint8_t n = ReadByte();
  if (ok() && n != 4 && n != 16) failed_ = true;
  auto raw = ReadRaw(n);
  const std::int32_t port = ReadInt();
  if (!ok()) return {};
  return {std::vector<std::uint8_t>(raw.begin(), raw.end()), port};
}

Consistency WireReader::ReadConsistency() noexcept {
  const std::uint16_t v = ReadShort();
  if (v > 0x000A) failed_ = true;
  return static_cast<Consistency>(failed_ ? 0 : v);
}

}  // namespace eda::cql
