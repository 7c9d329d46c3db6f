#include "eda/redis/connection.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "eda/redis/errors.hpp"
#include "native_connection.hpp"
#include "pool_core.hpp"

namespace eda::redis {
namespace detail {

std::string FormatDouble(double v) {
  if (std::isinf(v)) return v > 0 ? "+inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace detail

namespace {

Error Unexpected(const Reply& r, const char* wanted) {
  return Error::Permanent(std::string(errc::kProtocol),
                          std::string("redis: expected ") + wanted + " reply, got type " +
                              std::to_string(static_cast<int>(r.type)));
}

Result<std::int64_t> AsInteger(Result<Reply> r) {
  if (!r) return std::move(r).error();
  if (r->type != ReplyType::kInteger) return Unexpected(*r, "integer");
  return r->integer;
}

Result<bool> AsFlag(Result<Reply> r) {
  auto i = AsInteger(std::move(r));
  if (!i) return std::move(i).error();
  return *i != 0;
}

Result<std::optional<std::string>> AsOptionalString(Result<Reply> r) {
  if (!r) return std::move(r).error();
  if (r->is_nil()) return std::optional<std::string>{};
  if (r->type != ReplyType::kString && r->type != ReplyType::kStatus) return Unexpected(*r, "bulk string");
  return std::optional<std::string>{std::move(r->str)};
}

Result<std::vector<std::string>> AsStrings(Result<Reply> r) {
  if (!r) return std::move(r).error();
  if (r->type != ReplyType::kArray) return Unexpected(*r, "array");
  std::vector<std::string> out;
  out.reserve(r->elements.size());
  for (auto& e : r->elements) {
    if (e.type != ReplyType::kString && e.type != ReplyType::kStatus) return Unexpected(e, "bulk string element");
    out.push_back(std::move(e.str));
  }
  return out;
}

Status AsOk(Result<Reply> r) {
  if (!r) return std::move(r).error();
  if (r->type != ReplyType::kStatus) return Unexpected(*r, "status");
  return {};
}

Args WithKeyAnd(const char* cmd, std::string_view key, const std::vector<std::string>& rest) {
  Args args;
  args.reserve(rest.size() + 2);
  args.emplace_back(cmd);
  args.emplace_back(key);
  args.insert(args.end(), rest.begin(), rest.end());
  return args;
}

Args WithKeys(const char* cmd, const std::vector<std::string>& keys) {
  Args args;
  args.reserve(keys.size() + 1);
  args.emplace_back(cmd);
  args.insert(args.end(), keys.begin(), keys.end());
  return args;
}

// INCRBY, then start the window's expiry if the counter has none (new key, or an earlier EXPIRE
// was lost); atomic because scripts run without interleaving.
constexpr std::string_view kIncrWithExpiry =
    "local v = redis.call('INCRBY', KEYS[1], ARGV[1])\n"
    "if redis.call('PTTL', KEYS[1]) == -1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end\n"
    "return v\n";

}  // namespace

Connection::Connection(std::shared_ptr<detail::PoolCore> pool, std::unique_ptr<detail::NativeConnection> native) noexcept
    : pool_(std::move(pool)), native_(std::move(native)) {}

Connection::Connection(Connection&& other) noexcept = default;

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = std::move(other.pool_);
    native_ = std::move(other.native_);
  }
  return *this;
}

Connection::~Connection() { Release(); }

void Connection::Release() noexcept {
  if (native_ && pool_) pool_->Return(std::move(native_));
  native_.reset();
  pool_.reset();
}

void Connection::MarkBroken() noexcept {
  if (native_) native_->MarkBroken();
}
bool Connection::broken() const noexcept { return !native_ || native_->broken(); }

Result<Reply> Connection::Command(const Args& args) {
  if (!native_) throw std::logic_error("redis: use of a moved-from Connection");
  auto r = native_->Command(args);
  if (!r) return r;
  if (r->is_error()) return ClassifyReplyError(r->str);
  return r;
}

Result<std::vector<Reply>> Connection::Pipeline(const std::vector<Args>& commands) {
  if (!native_) throw std::logic_error("redis: use of a moved-from Connection");
  return native_->Pipeline(commands);
}

Result<std::optional<std::string>> Connection::Get(std::string_view key) {
  return AsOptionalString(Command({"GET", std::string(key)}));
}

Result<bool> Connection::Set(std::string_view key, std::string_view value, SetOptions options) {
  if (options.only_if_absent && options.only_if_present) throw std::invalid_argument("redis: Set with both NX and XX");
  Args args{"SET", std::string(key), std::string(value)};
  if (options.ttl) {
    if (options.ttl->count() <= 0) throw std::invalid_argument("redis: Set ttl must be > 0");
    if (options.ttl->count() % 1000 == 0) {
      args.insert(args.end(), {"EX", std::to_string(options.ttl->count() / 1000)});
    } else {
      args.insert(args.end(), {"PX", std::to_string(options.ttl->count())});
    }
  }
  if (options.only_if_absent) args.emplace_back("NX");
  if (options.only_if_present) args.emplace_back("XX");
  auto r = Command(args);
  if (!r) return std::move(r).error();
  if (r->is_nil()) return false;
  if (r->type != ReplyType::kStatus) return Unexpected(*r, "status");
  return true;
}

Result<std::int64_t> Connection::Del(const std::vector<std::string>& keys) {
  if (keys.empty()) return std::int64_t{0};
  return AsInteger(Command(WithKeys("DEL", keys)));
}

Result<bool> Connection::Exists(std::string_view key) { return AsFlag(Command({"EXISTS", std::string(key)})); }

Result<bool> Connection::Expire(std::string_view key, std::chrono::seconds ttl) {
  return AsFlag(Command({"EXPIRE", std::string(key), std::to_string(ttl.count())}));
}

Result<std::optional<std::chrono::milliseconds>> Connection::Pttl(std::string_view key) {
  auto i = AsInteger(Command({"PTTL", std::string(key)}));
  if (!i) return std::move(i).error();
  if (*i < 0) return std::optional<std::chrono::milliseconds>{};
  return std::optional<std::chrono::milliseconds>{std::chrono::milliseconds{*i}};
}

Result<std::int64_t> Connection::IncrBy(std::string_view key, std::int64_t delta) {
  return AsInteger(Command({"INCRBY", std::string(key), std::to_string(delta)}));
}

Result<std::int64_t> Connection::IncrByWithExpiry(std::string_view key, std::int64_t delta, std::chrono::seconds ttl) {
  if (ttl.count() <= 0) throw std::invalid_argument("redis: IncrByWithExpiry ttl must be > 0");
  return AsInteger(Eval(kIncrWithExpiry, {std::string(key)}, {std::to_string(delta), std::to_string(ttl.count())}));
}

Status Connection::Rename(std::string_view src, std::string_view dst) {
  return AsOk(Command({"RENAME", std::string(src), std::string(dst)}));
}

Result<std::int64_t> Connection::SAdd(std::string_view key, const std::vector<std::string>& members) {
  if (members.empty()) return std::int64_t{0};
  return AsInteger(Command(WithKeyAnd("SADD", key, members)));
}

Result<std::int64_t> Connection::SRem(std::string_view key, const std::vector<std::string>& members) {
  if (members.empty()) return std::int64_t{0};
  return AsInteger(Command(WithKeyAnd("SREM", key, members)));
}

Result<std::vector<std::string>> Connection::SMembers(std::string_view key) {
  return AsStrings(Command({"SMEMBERS", std::string(key)}));
}

Result<bool> Connection::SIsMember(std::string_view key, std::string_view member) {
  return AsFlag(Command({"SISMEMBER", std::string(key), std::string(member)}));
}

Result<std::int64_t> Connection::SCard(std::string_view key) { return AsInteger(Command({"SCARD", std::string(key)})); }

Result<std::vector<std::string>> Connection::SInter(const std::vector<std::string>& keys) {
  if (keys.empty()) return std::vector<std::string>{};
  return AsStrings(Command(WithKeys("SINTER", keys)));
}

Result<std::vector<std::string>> Connection::SUnion(const std::vector<std::string>& keys) {
  if (keys.empty()) return std::vector<std::string>{};
  return AsStrings(Command(WithKeys("SUNION", keys)));
}

Result<std::int64_t> Connection::ZAdd(std::string_view key, const std::vector<ScoredMember>& members) {
  if (members.empty()) return std::int64_t{0};
  Args args{"ZADD", std::string(key)};
  args.reserve(2 + members.size() * 2);
  for (const auto& m : members) {
    args.push_back(detail::FormatDouble(m.score));
    args.push_back(m.member);
  }
  return AsInteger(Command(args));
}

Result<std::vector<std::string>> Connection::ZRange(std::string_view key, std::int64_t start, std::int64_t stop) {
  return AsStrings(Command({"ZRANGE", std::string(key), std::to_string(start), std::to_string(stop)}));
}

Result<std::vector<ScoredMember>> Connection::ZRevRangeByScore(std::string_view key, double max, double min,
                                                               std::optional<std::pair<std::int64_t, std::int64_t>> limit) {
  Args args{"ZREVRANGEBYSCORE", std::string(key), detail::FormatDouble(max), detail::FormatDouble(min), "WITHSCORES"};
  if (limit) args.insert(args.end(), {"LIMIT", std::to_string(limit->first), std::to_string(limit->second)});
  auto flat = AsStrings(Command(args));
  if (!flat) return std::move(flat).error();
  if (flat->size() % 2 != 0) return Error::Permanent(std::string(errc::kProtocol), "redis: odd WITHSCORES reply");
  std::vector<ScoredMember> out;
  out.reserve(flat->size() / 2);
  for (std::size_t i = 0; i < flat->size(); i += 2)
    out.push_back({std::strtod((*flat)[i + 1].c_str(), nullptr), std::move((*flat)[i])});
  return out;
}

Result<std::int64_t> Connection::ZRem(std::string_view key, const std::vector<std::string>& members) {
  if (members.empty()) return std::int64_t{0};
  return AsInteger(Command(WithKeyAnd("ZREM", key, members)));
}

Result<std::int64_t> Connection::HSet(std::string_view key,
                                      const std::vector<std::pair<std::string, std::string>>& fields) {
  if (fields.empty()) return std::int64_t{0};
  Args args{"HSET", std::string(key)};
  args.reserve(2 + fields.size() * 2);
  for (const auto& [f, v] : fields) {
    args.push_back(f);
    args.push_back(v);
  }
  return AsInteger(Command(args));
}

Result<std::optional<std::string>> Connection::HGet(std::string_view key, std::string_view field) {
  return AsOptionalString(Command({"HGET", std::string(key), std::string(field)}));
}

Result<std::unordered_map<std::string, std::string>> Connection::HGetAll(std::string_view key) {
  auto flat = AsStrings(Command({"HGETALL", std::string(key)}));
  if (!flat) return std::move(flat).error();
  if (flat->size() % 2 != 0) return Error::Permanent(std::string(errc::kProtocol), "redis: odd HGETALL reply");
  std::unordered_map<std::string, std::string> out;
  out.reserve(flat->size() / 2);
  for (std::size_t i = 0; i < flat->size(); i += 2) out.emplace(std::move((*flat)[i]), std::move((*flat)[i + 1]));
  return out;
}

Result<Reply> Connection::Eval(std::string_view script, const std::vector<std::string>& keys,
                               const std::vector<std::string>& args) {
  if (!native_) throw std::logic_error("redis: use of a moved-from Connection");
  Args cmd{"EVAL", std::string(script), std::to_string(keys.size())};
  cmd.reserve(3 + keys.size() + args.size());
  cmd.insert(cmd.end(), keys.begin(), keys.end());
  cmd.insert(cmd.end(), args.begin(), args.end());
  auto r = native_->Command(cmd);
  if (!r) return r;
  if (r->is_error()) {
    Error e = ClassifyReplyError(r->str);
    if (e.code == errc::kReply) e.code = std::string(errc::kScript);
    return e;
  }
  return r;
}

}  // namespace eda::redis
