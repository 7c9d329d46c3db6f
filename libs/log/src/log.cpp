#include "eda/log/log.hpp"

#include <spdlog/async.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace eda::log {
namespace {

struct State {
  std::mutex mu;  // guards replacement of logger/service, not each write
  std::shared_ptr<spdlog::logger> logger;
  std::shared_ptr<const std::string> service = std::make_shared<std::string>();
};

State& GetState() {
  static State* s = new State();  // leaked on purpose: logging must work during static destruction
  return *s;
}

std::atomic<Level> g_level{Level::kInfo};

spdlog::level::level_enum ToSpd(Level l) {
  switch (l) {
    case Level::kTrace: return spdlog::level::trace;
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
    case Level::kOff: return spdlog::level::off;
  }
  return spdlog::level::info;
}

void SetPattern(spdlog::logger& logger) {
  // UTC ISO-8601 timestamps; spdlog prints "warning" for warn, which is fine for grep.
  logger.set_formatter(std::make_unique<spdlog::pattern_formatter>("ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v",
                                                                   spdlog::pattern_time_type::utc));
}

std::shared_ptr<spdlog::logger> MakeDefault() {
  auto logger = std::make_shared<spdlog::logger>("eda", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  SetPattern(*logger);
  logger->set_level(spdlog::level::trace);  // filtering is ours (g_level)
  return logger;
}

bool NeedsQuoting(std::string_view v) {
  if (v.empty()) return true;
  for (unsigned char c : v) {
    if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) return true;
  }
  return false;
}

void AppendValue(std::string& out, std::string_view v) {
  if (!NeedsQuoting(v)) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (unsigned char c : v) {
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (c < 0x20 || c == 0x7f) {
          static constexpr char kHex[] = "0123456789abcdef";
          out.append("\\x");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void AppendField(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out.push_back(' ');
  out.append(key);
  out.push_back('=');
  AppendValue(out, value);
}

}  // namespace

Status Init(const Options& options) {
  Status result;
  Level level = Level::kInfo;
  if (options.level) {
    level = *options.level;
  } else if (const char* env = std::getenv("EDA_LOG_LEVEL"); env != nullptr && *env != '\0') {
    auto parsed = ParseLevel(env);
    if (parsed.ok()) level = *parsed;
    else result = parsed.error();
  }
  std::shared_ptr<spdlog::logger> logger;
  if (options.async) {
    // One background writer thread shared by the process; 8192 queued lines before dropping the oldest.
    static std::once_flag once;
    std::call_once(once, [] { spdlog::init_thread_pool(8192, 1); });
    logger = std::make_shared<spdlog::async_logger>("eda", std::make_shared<spdlog::sinks::stdout_sink_mt>(),
                                                    spdlog::thread_pool(), spdlog::async_overflow_policy::overrun_oldest);
    spdlog::flush_every(std::chrono::seconds(1));
  } else {
    logger = std::make_shared<spdlog::logger>("eda", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  }
  SetPattern(*logger);
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::err);
  auto& st = GetState();
  {
    std::lock_guard lock(st.mu);
    if (st.logger) st.logger->flush();
    st.logger = std::move(logger);
    st.service = std::make_shared<const std::string>(options.service);
  }
  g_level.store(level, std::memory_order_relaxed);
  return result;
}

void Flush() {
  auto& st = GetState();
  std::shared_ptr<spdlog::logger> logger;
  {
    std::lock_guard lock(st.mu);
    logger = st.logger;
  }
  if (logger) logger->flush();
}

void SetLevel(Level level) { g_level.store(level, std::memory_order_relaxed); }
Level CurrentLevel() noexcept { return g_level.load(std::memory_order_relaxed); }

std::string Format(std::string_view service, const Context* ctx, std::string_view msg,
                   std::initializer_list<Field> fields) {
  std::string out;
  out.reserve(128);
  if (!service.empty()) AppendField(out, "service", service);
  if (ctx != nullptr) {
    if (!ctx->request_id.empty()) AppendField(out, "request_id", ctx->request_id);
    if (!ctx->trace_id.empty()) AppendField(out, "trace_id", ctx->trace_id);
  }
  AppendField(out, "msg", msg);
  for (const auto& f : fields) AppendField(out, f.key, f.value);
  return out;
}

void Write(Level level, const Context* ctx, std::string_view msg, std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  auto& st = GetState();
  std::shared_ptr<spdlog::logger> logger;
  std::shared_ptr<const std::string> service;
  {
    std::lock_guard lock(st.mu);
    if (!st.logger) st.logger = MakeDefault();
    logger = st.logger;
    service = st.service;
  }
  std::string line = Format(*service, ctx, msg, fields);
  logger->log(ToSpd(level), std::string_view(line));
}

}  // namespace eda::log
