#include "eda/events/envelope.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>

#include "eda/core/uuid.hpp"

namespace eda::events {
namespace {

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool IsHex(char c) { return IsLowerHex(c) || (c >= 'A' && c <= 'F'); }

bool AllZero(std::string_view s) {
  for (char c : s)
    if (c != '0') return false;
  return true;
}

template <class Int>
bool ParseInt(std::string_view s, Int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

Error BadEnvelope(std::string_view header, std::string_view why) {
  return Error::Permanent("events.bad_envelope", std::string(header) + ": " + std::string(why));
}

std::string RandomHex(std::size_t digits) {
  thread_local std::mt19937_64 rng{[] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digits);
  while (out.size() < digits) {
    std::uint64_t r = rng();
    for (int i = 0; i < 16 && out.size() < digits; ++i, r >>= 4) out.push_back(kHex[r & 0xF]);
  }
  return out;
}

}  // namespace

std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view key) {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it)
    if (it->key == key) return std::string_view(it->value);
  return std::nullopt;
}

void RemoveHeader(Headers& headers, std::string_view key) {
  std::erase_if(headers, [&](const Header& h) { return h.key == key; });
}

void SetHeader(Headers& headers, std::string_view key, std::string value) {
  RemoveHeader(headers, key);
  headers.push_back(Header{std::string(key), std::move(value)});
}

Envelope Envelope::New(std::string event_type, std::string source, std::string trace_id) {
  Envelope e;
  e.event_id = NewUuid();
  e.event_type = std::move(event_type);
  e.schema_version = 1;
  e.trace_id = trace_id.empty() ? NewTraceparent() : std::move(trace_id);
  e.produced_at = NowMs();
  e.source = std::move(source);
  return e;
}

Headers EncodeEnvelope(const Envelope& e) {
  return Headers{
      {std::string(kEventIdHeader), e.event_id},
      {std::string(kEventTypeHeader), e.event_type},
      {std::string(kSchemaVersionHeader), std::to_string(e.schema_version)},
      {std::string(kTraceIdHeader), e.trace_id},
      {std::string(kProducedAtHeader), FormatTimestamp(e.produced_at)},
      {std::string(kSourceHeader), e.source},
  };
}

Result<Envelope> DecodeEnvelope(const Headers& headers) {
  Envelope e;
  auto id = FindHeader(headers, kEventIdHeader);
  if (!id) return BadEnvelope(kEventIdHeader, "missing");
  if (!IsUuid(*id)) return BadEnvelope(kEventIdHeader, "not a UUID");
  e.event_id = std::string(*id);

  auto type = FindHeader(headers, kEventTypeHeader);
  if (!type || type->empty()) return BadEnvelope(kEventTypeHeader, "missing");
  e.event_type = std::string(*type);

  auto version = FindHeader(headers, kSchemaVersionHeader);
  if (!version) return BadEnvelope(kSchemaVersionHeader, "missing");
  if (!ParseInt(*version, e.schema_version) || e.schema_version < 1)
    return BadEnvelope(kSchemaVersionHeader, "not an integer >= 1");

  auto trace = FindHeader(headers, kTraceIdHeader);
  if (trace && IsValidTraceparent(*trace)) e.trace_id = std::string(*trace);

  auto at = FindHeader(headers, kProducedAtHeader);
  if (!at) return BadEnvelope(kProducedAtHeader, "missing");
  auto parsed = ParseTimestamp(*at);
  if (!parsed) return BadEnvelope(kProducedAtHeader, "not an RFC 3339 timestamp");
  e.produced_at = *parsed;

  auto source = FindHeader(headers, kSourceHeader);
  if (!source || source->empty()) return BadEnvelope(kSourceHeader, "missing");
  e.source = std::string(*source);
  return e;
}

TimePoint NowMs() { return std::chrono::time_point_cast<std::chrono::milliseconds>(Clock::now()); }

std::string FormatTimestamp(TimePoint t) {
  using namespace std::chrono;
  auto ms_total = t.time_since_epoch().count();
  auto secs = ms_total / 1000;
  auto ms = ms_total % 1000;
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  std::array<char, 96> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return std::string(buf.data());
}

std::optional<TimePoint> ParseTimestamp(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+hh:mm|-hh:mm)
  if (s.size() < 20) return std::nullopt;
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    return pos + n <= s.size() && ParseInt(s.substr(pos, n), out);
  };
  int year = 0, mon = 0, day = 0, hour = 0, min = 0, sec = 0;
  if (!digits(0, 4, year) || s[4] != '-' || !digits(5, 2, mon) || s[7] != '-' || !digits(8, 2, day) ||
      (s[10] != 'T' && s[10] != 't') || !digits(11, 2, hour) || s[13] != ':' || !digits(14, 2, min) ||
      s[16] != ':' || !digits(17, 2, sec))
    return std::nullopt;
  if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) return std::nullopt;
  std::size_t pos = 19;
  int ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    int scale = 100;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset_min = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(pos + 4, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  std::time_t secs = timegm(&tm);
  std::int64_t total = static_cast<std::int64_t>(secs) * 1000 + ms - std::int64_t{offset_min} * 60'000;
  return TimePoint(std::chrono::milliseconds(total));
}

std::string NewTraceparent() { return "00-" + RandomHex(32) + "-" + RandomHex(16) + "-01"; }

bool IsValidTraceparent(std::string_view v) {
  if (v.size() != 55 || v.substr(0, 3) != "00-" || v[35] != '-' || v[52] != '-') return false;
  for (std::size_t i = 3; i < 55; ++i) {
    if (i == 35 || i == 52) continue;
    if (!IsLowerHex(v[i])) return false;
  }
  return !AllZero(v.substr(3, 32)) && !AllZero(v.substr(36, 16));
}

bool IsUuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (std::size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (v[i] != '-') return false;
    } else if (!IsHex(v[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace eda::events
