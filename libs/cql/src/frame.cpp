#include "eda/cql/frame.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace eda::cql {

namespace {

bool KnownOpcode(std::uint8_t op) { return op <= 0x10 && op != 0x04; }

}  // namespace

std::array<std::uint8_t, kHeaderSize> EncodeHeader(const FrameHeader& h) noexcept {
  std::array<std::uint8_t, kHeaderSize> out{};
  out[0] = static_cast<std::uint8_t>(h.version | (h.response ? kResponseBit : 0));
  out[1] = h.flags;
  const auto stream = static_cast<std::uint16_t>(h.stream);
  out[2] = static_cast<std::uint8_t>(stream >> 8);
  out[3] = static_cast<std::uint8_t>(stream);
  out[4] = static_cast<std::uint8_t>(h.opcode);
  const auto len = static_cast<std::uint32_t>(h.length);
  out[5] = static_cast<std::uint8_t>(len >> 24);
  out[6] = static_cast<std::uint8_t>(len >> 16);
  out[7] = static_cast<std::uint8_t>(len >> 8);
  out[8] = static_cast<std::uint8_t>(len);
  return out;
}

CqlResult<FrameHeader> DecodeHeader(std::span<const std::uint8_t> b, std::int32_t max_body) {
  if (b.size() < kHeaderSize) return CqlError::Make(Errc::kMalformedFrame, "frame header shorter than 9 bytes");
  FrameHeader h;
  h.response = (b[0] & kResponseBit) != 0;
  h.version = static_cast<std::uint8_t>(b[0] & 0x7F);
  if (h.version < 3 || h.version > 5) {
    return CqlError::Make(Errc::kMalformedFrame, "unsupported protocol version " + std::to_string(h.version));
  }
  h.flags = b[1];
  h.stream = static_cast<std::int16_t>(static_cast<std::uint16_t>((b[2] << 8) | b[3]));
  if (!KnownOpcode(b[4])) return CqlError::Make(Errc::kMalformedFrame, "unknown opcode " + std::to_string(b[4]));
  h.opcode = static_cast<Opcode>(b[4]);
  const std::uint32_t len = (std::uint32_t{b[5]} << 24) | (std::uint32_t{b[6]} << 16) | (std::uint32_t{b[7]} << 8) | b[8];
  if (len > static_cast<std::uint32_t>(max_body)) {
    return CqlError::Make(Errc::kMalformedFrame, "frame body length " + std::to_string(len) + " over the limit");
  }
  h.length = static_cast<std::int32_t>(len);
  return h;
}

std::vector<std::uint8_t> EncodeFrame(std::uint8_t version, std::int16_t stream, Opcode opcode,
                                      std::span<const std::uint8_t> body) {
  FrameHeader h;
  h.version = version;
  h.stream = stream;
  h.opcode = opcode;
  h.length = static_cast<std::int32_t>(body.size());
  const auto head = EncodeHeader(h);
  std::vector<std::uint8_t> out(kHeaderSize + body.size());
  std::copy(head.begin(), head.end(), out.begin());
  if (!body.empty()) std::memcpy(out.data() + kHeaderSize, body.data(), body.size());
  return out;
}

}  // namespace eda::cql
