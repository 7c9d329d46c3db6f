#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/redis/connection.hpp"
#include "eda/redis/reply.hpp"
#include "eda/redis/settings.hpp"

struct redisContext;
struct redisReply;

namespace eda::redis::detail {

// One hiredis synchronous context. Owns it; not thread-safe. Error replies are returned as
// ReplyType::kError values; only I/O/protocol failures are Errors (and set broken()).
class NativeConnection {
 public:
  // Connects (TCP, connect_timeout), sets the socket timeout to command_timeout, AUTH and SELECT.
  static Result<std::unique_ptr<NativeConnection>> Open(const Settings& settings);
  ~NativeConnection();
  NativeConnection(const NativeConnection&) = delete;
  NativeConnection& operator=(const NativeConnection&) = delete;

  Result<Reply> Command(const Args& args);
  Result<std::vector<Reply>> Pipeline(const std::vector<Args>& commands);

  bool broken() const noexcept { return broken_; }
  void MarkBroken() noexcept { broken_ = true; }
  std::chrono::steady_clock::time_point last_used;

 private:
  explicit NativeConnection(redisContext* ctx) : ctx_(ctx) {}
  Error IoFailure();

  redisContext* ctx_;
  bool broken_ = false;
};

// Deep copy of a hiredis reply. Pure.
Reply Convert(const redisReply& r);

}  // namespace eda::redis::detail
