#include "eda/http/trace_context.hpp"

#include <random>

namespace eda::http {
namespace {

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool AllZero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

int HexValue(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

std::string NonZeroHex(std::size_t n) {
  std::string s;
  do {
    s = RandomHex(n);
  } while (AllZero(s));
  return s;
}

}  // namespace

std::string RandomHex(std::size_t hex_chars) {
  // Per-thread generator seeded from the OS: ids need uniqueness, not cryptographic strength.
  thread_local std::mt19937_64 rng{[] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(hex_chars, '0');
  std::uint64_t bits = 0;
  int left = 0;
  for (std::size_t i = 0; i < hex_chars; ++i) {
    if (left == 0) {
      bits = rng();
      left = 16;
    }
    out[i] = kHex[bits & 0xF];
    bits >>= 4;
    --left;
  }
  return out;
}

std::optional<TraceContext> TraceContext::Parse(std::string_view h) {
  // version(2) - trace-id(32) - parent-id(16) - flags(2) = 55 chars.
  if (h.size() < 55 || h[2] != '-' || h[35] != '-' || h[52] != '-') return std::nullopt;
  std::string_view version = h.substr(0, 2), trace = h.substr(3, 32), span = h.substr(36, 16), flags = h.substr(53, 2);
  if (!IsLowerHex(version) || !IsLowerHex(trace) || !IsLowerHex(span) || !IsLowerHex(flags)) return std::nullopt;
  if (version == "ff") return std::nullopt;
  if (version == "00" && h.size() != 55) return std::nullopt;
  if (h.size() > 55 && h[55] != '-') return std::nullopt;
  if (AllZero(trace) || AllZero(span)) return std::nullopt;
  TraceContext t;
  t.trace_id_ = std::string(trace);
  t.span_id_ = std::string(span);
  t.flags_ = static_cast<std::uint8_t>(HexValue(flags[0]) * 16 + HexValue(flags[1]));
  return t;
}

TraceContext TraceContext::NewRoot() {
  TraceContext t;
  t.trace_id_ = NonZeroHex(32);
  t.span_id_ = NonZeroHex(16);
  t.flags_ = 0x01;
  return t;
}

TraceContext TraceContext::NewChild() const {
  TraceContext t;
  t.trace_id_ = trace_id_;
  t.parent_span_id_ = span_id_;
  t.span_id_ = NonZeroHex(16);
  t.flags_ = flags_;
  return t;
}

std::string TraceContext::ToHeader() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(55);
  out.append("00-").append(trace_id_).append("-").append(span_id_).append("-");
  out.push_back(kHex[flags_ >> 4]);
  out.push_back(kHex[flags_ & 0xF]);
  return out;
}

}  // namespace eda::http
