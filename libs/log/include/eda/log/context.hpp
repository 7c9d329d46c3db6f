#pragma once

#include <string>

namespace eda::log {

// Correlation fields attached to every log line written while the context is current (or passed
// explicitly). The HTTP server makes one per request; Kafka consumers one per message.
struct Context {
  std::string request_id;
  std::string trace_id;
};

// Makes `ctx` the current context of this thread for its lifetime (restores the previous one on
// destruction). Thread-local, so it does NOT follow a coroutine across a co_await that may resume on
// another thread or interleave with other coroutines: in coroutine code pass the context explicitly
// (eda::log::Info(req.log_context(), ...)). `ctx` must outlive the scope. Not copyable.
class ScopedContext {
 public:
  explicit ScopedContext(const Context& ctx) noexcept;
  ~ScopedContext();
  ScopedContext(const ScopedContext&) = delete;
  ScopedContext& operator=(const ScopedContext&) = delete;

  // The innermost current context of this thread, or nullptr.
  static const Context* Current() noexcept;

 private:
  const Context* previous_;
};

}  // namespace eda::log
