#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/redis/reply.hpp"

namespace eda::redis {

namespace detail {
class PoolCore;          // pool internals (src/pool_core.hpp)
class NativeConnection;  // one redisContext* (src/native_connection.hpp)

// Shortest text that reads back as the same double; "+inf"/"-inf" for infinities (as Redis wants).
std::string FormatDouble(double v);

inline std::string ToArg(std::string_view s) { return std::string(s); }
inline std::string ToArg(const char* s) { return std::string(s); }
inline std::string ToArg(const std::string& s) { return s; }
template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
std::string ToArg(T v) {
  if constexpr (std::is_floating_point_v<T>) return FormatDouble(static_cast<double>(v));
  else return std::to_string(v);
}
}  // namespace detail

// One command as its argument strings (binary-safe), e.g. {"SET", "k", "v", "EX", "10"}.
using Args = std::vector<std::string>;

// Options of Set().
struct SetOptions {
  std::optional<std::chrono::milliseconds> ttl;  // PX <ms> (whole seconds are sent as EX)
  bool only_if_absent = false;                   // NX
  bool only_if_present = false;                  // XX
};

struct ScoredMember {
  double score = 0;
  std::string member;
  friend bool operator==(const ScoredMember&, const ScoredMember&) = default;
};

// A Redis connection borrowed from a Pool: move-only handle that returns itself to the pool when
// destroyed. Not thread-safe: one thread at a time. Any connection-level failure (I/O error, EOF,
// timeout, protocol error) marks it broken and it is closed instead of returned; the next Acquire
// opens a fresh one (that is how the pool "reconnects"). Error replies (WRONGTYPE, ...) do not
// break the connection. Errors are classified eda::Error (errors.hpp).
// Session state must not leak to the next borrower: send MULTI...EXEC as one Pipeline() call, and do
// not use SUBSCRIBE/MONITOR/SELECT on pooled connections.
class Connection {
 public:
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // ---- generic ----
  // Sends one command and reads its reply. An error reply becomes a classified Error.
  Result<Reply> Command(const Args& args);
  template <class... A>
  Result<Reply> Command(std::string_view name, const A&... args) {
    return Command(Args{std::string(name), detail::ToArg(args)...});
  }
  // Pipelining: writes all commands, then reads one reply per command, in order. Error replies stay
  // in the vector as ReplyType::kError (one failing command does not hide the others); only a
  // connection failure fails the whole call (and then which commands ran is unknown).
  Result<std::vector<Reply>> Pipeline(const std::vector<Args>& commands);

  // ---- strings and keys ----
  Result<std::optional<std::string>> Get(std::string_view key);
  // true if the value was set; false when NX/XX prevented it.
  Result<bool> Set(std::string_view key, std::string_view value, SetOptions options = {});
  Result<std::int64_t> Del(const std::vector<std::string>& keys);  // number of keys removed
  Result<std::int64_t> Del(std::string_view key) { return Del(std::vector<std::string>{std::string(key)}); }
  Result<bool> Exists(std::string_view key);
  // true if the timeout was set (key exists).
  Result<bool> Expire(std::string_view key, std::chrono::seconds ttl);
  // Remaining TTL in ms; nullopt if the key has no expiry or does not exist.
  Result<std::optional<std::chrono::milliseconds>> Pttl(std::string_view key);
  Result<std::int64_t> Incr(std::string_view key) { return IncrBy(key, 1); }
  Result<std::int64_t> IncrBy(std::string_view key, std::int64_t delta);
  // Atomically INCRBY and, if the key had no expiry (i.e. a new counter window), EXPIRE it: the
  // fixed-window throttling counter. Returns the new value.
  Result<std::int64_t> IncrByWithExpiry(std::string_view key, std::int64_t delta, std::chrono::seconds ttl);
  // RENAME src dst (atomically replaces dst; "redis.no_such_key" if src is missing).
  Status Rename(std::string_view src, std::string_view dst);

  // ---- sets ----
  Result<std::int64_t> SAdd(std::string_view key, const std::vector<std::string>& members);  // added count
  Result<std::int64_t> SRem(std::string_view key, const std::vector<std::string>& members);  // removed count
  Result<std::vector<std::string>> SMembers(std::string_view key);  // unordered
  Result<bool> SIsMember(std::string_view key, std::string_view member);
  Result<std::int64_t> SCard(std::string_view key);
  Result<std::vector<std::string>> SInter(const std::vector<std::string>& keys);
  Result<std::vector<std::string>> SUnion(const std::vector<std::string>& keys);

  // ---- sorted sets ----
  Result<std::int64_t> ZAdd(std::string_view key, const std::vector<ScoredMember>& members);  // added count
  // By rank, inclusive, negative = from the end (ZRANGE key start stop).
  Result<std::vector<std::string>> ZRange(std::string_view key, std::int64_t start, std::int64_t stop);
  // Highest score first, scores in [min, max]; optional LIMIT offset count.
  Result<std::vector<ScoredMember>> ZRevRangeByScore(std::string_view key, double max, double min,
                                                     std::optional<std::pair<std::int64_t, std::int64_t>> limit = {});
  Result<std::int64_t> ZRem(std::string_view key, const std::vector<std::string>& members);

  // ---- hashes ----
  Result<std::int64_t> HSet(std::string_view key, const std::vector<std::pair<std::string, std::string>>& fields);
  Result<std::int64_t> HSet(std::string_view key, std::string_view field, std::string_view value) {
    return HSet(key, {{std::string(field), std::string(value)}});
  }
  Result<std::optional<std::string>> HGet(std::string_view key, std::string_view field);
  Result<std::unordered_map<std::string, std::string>> HGetAll(std::string_view key);

  // ---- scripting ----
  // EVAL script numkeys keys... args...; an error raised by the script is "redis.script".
  Result<Reply> Eval(std::string_view script, const std::vector<std::string>& keys,
                     const std::vector<std::string>& args = {});

  // Marks the connection unusable: it is closed instead of returned to the pool.
  void MarkBroken() noexcept;
  bool broken() const noexcept;

 private:
  friend class detail::PoolCore;
  Connection(std::shared_ptr<detail::PoolCore> pool, std::unique_ptr<detail::NativeConnection> native) noexcept;
  void Release() noexcept;

  std::shared_ptr<detail::PoolCore> pool_;
  std::unique_ptr<detail::NativeConnection> native_;
};

}  // namespace eda::redis
