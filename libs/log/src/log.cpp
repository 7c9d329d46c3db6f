#include "eda/log/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <condition_variable>
#include <cstdio>
#include <thread>
#include <utility>
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

// Writes lines to stdout from a background thread in batches. An I/O thread only formats the line
// and appends it to a buffer under a mutex; the writer wakes every 100 ms (or when 64 KiB are
// pending, or on flush) and writes the batch with one fwrite. spdlog's async logger instead wakes
// its worker once per line, which made the per-request access log cost about a third of a core.
// Above 8 MiB pending (stdout blocked), new lines are dropped and counted rather than blocking.
class BatchingStdoutSink final : public spdlog::sinks::sink {
 public:
  BatchingStdoutSink() : formatter_(std::make_unique<spdlog::pattern_formatter>()), writer_([this] { Loop(); }) {}
  ~BatchingStdoutSink() override {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    writer_.join();
  }

  void log(const spdlog::details::log_msg& msg) override {
    std::lock_guard lock(mu_);
    if (pending_.size() > kDropAbove) {
      ++dropped_;
      return;
    }
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    pending_.append(formatted.data(), formatted.size());
    if (pending_.size() > kWakeAbove) wake_.notify_one();
  }

  void flush() override {
    std::unique_lock lock(mu_);
    const std::uint64_t wanted = ++flush_requested_;
    wake_.notify_one();
    written_.wait_for(lock, std::chrono::seconds(2), [&] { return flush_done_ >= wanted || stop_; });
  }

  void set_pattern(const std::string& pattern) override {
    std::lock_guard lock(mu_);
    formatter_ = std::make_unique<spdlog::pattern_formatter>(pattern);
  }
  void set_formatter(std::unique_ptr<spdlog::formatter> f) override {
    std::lock_guard lock(mu_);
    formatter_ = std::move(f);
  }

 private:
  static constexpr std::size_t kWakeAbove = 64 * 1024;
  static constexpr std::size_t kDropAbove = 8 * 1024 * 1024;

  void Loop() {
    std::string batch;
    std::unique_lock lock(mu_);
    while (true) {
      wake_.wait_for(lock, std::chrono::milliseconds(100), [&] {
        return stop_ || flush_requested_ > flush_done_ || pending_.size() > kWakeAbove;
      });
      batch.clear();
      batch.swap(pending_);
      const std::uint64_t requested = flush_requested_;
      const std::uint64_t dropped = std::exchange(dropped_, 0);
      const bool stop = stop_;
      lock.unlock();
      if (dropped > 0) batch += "level=warn msg=\"log lines dropped: stdout too slow\" dropped=" + std::to_string(dropped) + "\n";
      if (!batch.empty()) {
        std::fwrite(batch.data(), 1, batch.size(), stdout);
        std::fflush(stdout);
      }
      lock.lock();
      flush_done_ = requested;
      written_.notify_all();
      if (stop && pending_.empty()) return;
    }
  }

  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable written_;
  std::unique_ptr<spdlog::formatter> formatter_;
  std::string pending_;
  std::uint64_t dropped_ = 0;
  std::uint64_t flush_requested_ = 0;
  std::uint64_t flush_done_ = 0;
  bool stop_ = false;
  std::thread writer_;  // last: starts after the members it uses exist
};

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
    logger = std::make_shared<spdlog::logger>("eda", std::make_shared<BatchingStdoutSink>());
  } else {
    logger = std::make_shared<spdlog::logger>("eda", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  }
  SetPattern(*logger);
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::err);
  static std::once_flag atexit_once;
  std::call_once(atexit_once, [] { std::atexit([] { Flush(); }); });
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
