#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "eda/log/context.hpp"
#include "eda/log/field.hpp"
#include "eda/log/level.hpp"

// Structured one-line logs on spdlog:
//   ts=2026-11-24T01:02:03.456Z level=info service=catalog request_id=.. trace_id=.. msg="product created" product_id=7
// Values containing spaces, quotes, '=' or control characters are quoted and escaped, so one event
// is always one line. All functions are thread-safe. After Init (async, the default) the calling
// thread only formats the line and appends it to a buffer; a background thread writes batches to
// stdout at least every 100 ms, so logging never blocks an I/O thread on the terminal or a pipe (if
// stdout stays blocked, lines beyond 8 MiB are dropped and counted). error lines flush at once.
// Pending lines are flushed at normal process exit (atexit) and by Flush().
namespace eda::log {

struct Options {
  std::string service;              // "service=" on every line
  std::optional<Level> level;       // unset: EDA_LOG_LEVEL, else info
  bool async = true;                // false: write each line synchronously (tools, tests)
};

// Configures the process-wide logger. Call once in main() before starting threads; calling again
// replaces the configuration. Returns an error (code "log.level") when EDA_LOG_LEVEL is invalid
// (the level then stays info). Without Init, lines go synchronously to stderr at info level.
Status Init(const Options& options);
// Init with defaults: async, level from EDA_LOG_LEVEL.  eda::log::Init("catalog");
inline Status Init(std::string service) {
  Options o;
  o.service = std::move(service);
  return Init(o);
}

// Writes pending lines now and waits (at most 2 s) until they are written.
void Flush();

void SetLevel(Level level);
Level CurrentLevel() noexcept;
inline bool Enabled(Level level) noexcept { return level >= CurrentLevel() && level != Level::kOff; }

// Writes one line. `ctx` defaults to the thread's ScopedContext::Current(); fields follow msg.
void Write(Level level, const Context* ctx, std::string_view msg, std::initializer_list<Field> fields);

inline void Trace(std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kTrace)) Write(Level::kTrace, ScopedContext::Current(), msg, f);
}
inline void Debug(std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kDebug)) Write(Level::kDebug, ScopedContext::Current(), msg, f);
}
inline void Info(std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kInfo)) Write(Level::kInfo, ScopedContext::Current(), msg, f);
}
inline void Warn(std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kWarn)) Write(Level::kWarn, ScopedContext::Current(), msg, f);
}
inline void Error(std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kError)) Write(Level::kError, ScopedContext::Current(), msg, f);
}
// Explicit-context forms for coroutine code.
inline void Debug(const Context& c, std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kDebug)) Write(Level::kDebug, &c, msg, f);
}
inline void Info(const Context& c, std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kInfo)) Write(Level::kInfo, &c, msg, f);
}
inline void Warn(const Context& c, std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kWarn)) Write(Level::kWarn, &c, msg, f);
}
inline void Error(const Context& c, std::string_view msg, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kError)) Write(Level::kError, &c, msg, f);
}

// Renders the part after "level=..." exactly as Write would (for tests and custom sinks).
std::string Format(std::string_view service, const Context* ctx, std::string_view msg,
                   std::initializer_list<Field> fields);

}  // namespace eda::log
