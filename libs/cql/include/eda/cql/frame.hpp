#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "eda/cql/error.hpp"

namespace eda::cql {

// Message opcodes (native_protocol_v4.spec section 2.4).
enum class Opcode : std::uint8_t {
  kError = 0x00,
  kStartup = 0x01,
  kReady = 0x02,
  kAuthenticate = 0x03,
  kOptions = 0x05,
  kSupported = 0x06,
  kQuery = 0x07,
  kResult = 0x08,
  kPrepare = 0x09,
  kExecute = 0x0A,
  kRegister = 0x0B,
  kEvent = 0x0C,
  kBatch = 0x0D,
  kAuthChallenge = 0x0E,
  kAuthResponse = 0x0F,
  kAuthSuccess = 0x10,
};

// Header flag bits.
inline constexpr std::uint8_t kFlagCompression = 0x01;
inline constexpr std::uint8_t kFlagTracing = 0x02;
inline constexpr std::uint8_t kFlagCustomPayload = 0x04;
inline constexpr std::uint8_t kFlagWarning = 0x08;

inline constexpr std::size_t kHeaderSize = 9;
inline constexpr std::uint8_t kResponseBit = 0x80;
// The spec's upper bound on a body; the connection applies its own (smaller) configured limit.
inline constexpr std::int32_t kMaxBodyLength = 256 * 1024 * 1024;
inline constexpr std::int16_t kEventStream = -1;

// The fixed 9-byte frame header (v3/v4 layout).
struct FrameHeader {
  std::uint8_t version = 4;  // protocol version without the direction bit
  bool response = false;     // direction bit 0x80
  std::uint8_t flags = 0;
  std::int16_t stream = 0;
  Opcode opcode = Opcode::kOptions;
  std::int32_t length = 0;  // body length in bytes
};

// Writes `h` as 9 big-endian bytes.
std::array<std::uint8_t, kHeaderSize> EncodeHeader(const FrameHeader& h) noexcept;

// Decodes a header. Fails (kMalformedFrame) when fewer than 9 bytes are given, the version is not 3..5,
// the opcode is unknown, or the length is negative or above `max_body`. Never reads past `bytes`.
CqlResult<FrameHeader> DecodeHeader(std::span<const std::uint8_t> bytes, std::int32_t max_body = kMaxBodyLength);

// A complete frame: header and body. The body may be shared with rows decoded from it.
struct Frame {
  FrameHeader header;
  std::vector<std::uint8_t> body;
};

// Encodes a request frame (header with length = body.size(), then the body).
std::vector<std::uint8_t> EncodeFrame(std::uint8_t version, std::int16_t stream, Opcode opcode,
                                      std::span<const std::uint8_t> body);

}  // namespace eda::cql
