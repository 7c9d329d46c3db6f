#include "native_connection.hpp"

#include <hiredis.h>

#include <cerrno>
#include <stdexcept>
#include <string>

#include "eda/redis/errors.hpp"

namespace eda::redis::detail {
namespace {

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<decltype(tv.tv_sec)>(ms.count() / 1000);
  tv.tv_usec = static_cast<decltype(tv.tv_usec)>((ms.count() % 1000) * 1000);
  return tv;
}

struct ReplyDeleter {
  void operator()(redisReply* r) const noexcept { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

struct ArgvView {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  explicit ArgvView(const Args& args) {
    argv.reserve(args.size());
    lens.reserve(args.size());
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
  }
};

}  // namespace

Reply Convert(const redisReply& r) {
  Reply out;
  switch (r.type) {
    case REDIS_REPLY_STRING:
      out.type = ReplyType::kString;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = ReplyType::kStatus;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = ReplyType::kError;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = ReplyType::kInteger;
      out.integer = r.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = ReplyType::kArray;
      out.elements.reserve(r.elements);
      for (size_t i = 0; i < r.elements; ++i) out.elements.push_back(Convert(*r.element[i]));
      break;
    default:
      out.type = ReplyType::kNil;
      break;
  }
  return out;
}

Result<std::unique_ptr<NativeConnection>> NativeConnection::Open(const Settings& settings) {
  redisContext* ctx = redisConnectWithTimeout(settings.host.c_str(), settings.port, ToTimeval(settings.connect_timeout));
  if (ctx == nullptr) return Error::Transient(std::string(errc::kConnection), "redis: cannot allocate context");
  if (ctx->err != 0) {
    Error e = Error::Transient(std::string(errc::kConnection), std::string("redis connect to ") + settings.host + ":" +
                                                                   std::to_string(settings.port) + ": " + ctx->errstr);
    redisFree(ctx);
    return e;
  }
  std::unique_ptr<NativeConnection> conn(new NativeConnection(ctx));
  if (redisSetTimeout(ctx, ToTimeval(settings.command_timeout)) != REDIS_OK) return conn->IoFailure();
  auto setup = [&](const Args& args) -> Status {
    auto r = conn->Command(args);
    if (!r) return std::move(r).error();
    if (r->is_error()) return ClassifyReplyError(r->str);
    return {};
  };
  if (!settings.password.empty()) {
    Args auth{"AUTH"};
    if (!settings.user.empty()) auth.push_back(settings.user);
    auth.push_back(settings.password.Reveal());
    if (auto st = setup(auth); !st.ok()) return std::move(st).error();
  }
  if (settings.database != 0) {
    if (auto st = setup({"SELECT", std::to_string(settings.database)}); !st.ok()) return std::move(st).error();
  }
  conn->last_used = std::chrono::steady_clock::now();
  return conn;
}

NativeConnection::~NativeConnection() { redisFree(ctx_); }

Error NativeConnection::IoFailure() {
  // A context that failed once is unusable (hiredis keeps err set): never reuse it.
  const int saved_errno = errno;
  broken_ = true;
  const bool timed_out = ctx_->err == REDIS_ERR_IO && (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK);
  const std::string what = ctx_->errstr[0] != '\0' ? ctx_->errstr : "unknown I/O error";
  if (timed_out) return Error::Transient(std::string(errc::kTimeout), "redis: command timed out: " + what);
  if (ctx_->err == REDIS_ERR_PROTOCOL)
    return Error::Transient(std::string(errc::kConnection), "redis: protocol error: " + what);
  return Error::Transient(std::string(errc::kConnection), "redis: " + what);
}

Result<Reply> NativeConnection::Command(const Args& args) {
  if (broken_) return Error::Transient(std::string(errc::kConnection), "redis connection is broken");
  if (args.empty()) throw std::invalid_argument("redis: empty command");
  ArgvView v(args);
  errno = 0;
  ReplyPtr reply(static_cast<redisReply*>(
      redisCommandArgv(ctx_, static_cast<int>(args.size()), v.argv.data(), v.lens.data())));
  if (!reply) return IoFailure();
  return Convert(*reply);
}

Result<std::vector<Reply>> NativeConnection::Pipeline(const std::vector<Args>& commands) {
  if (broken_) return Error::Transient(std::string(errc::kConnection), "redis connection is broken");
  for (const auto& args : commands) {
    if (args.empty()) throw std::invalid_argument("redis: empty command in pipeline");
    ArgvView v(args);
    if (redisAppendCommandArgv(ctx_, static_cast<int>(args.size()), v.argv.data(), v.lens.data()) != REDIS_OK)
      return IoFailure();
  }
  std::vector<Reply> out;
  out.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    errno = 0;
    if (redisGetReply(ctx_, &raw) != REDIS_OK || raw == nullptr) {
      if (raw != nullptr) freeReplyObject(raw);
      return IoFailure();
    }
    ReplyPtr reply(static_cast<redisReply*>(raw));
    out.push_back(Convert(*reply));
  }
  return out;
}

}  // namespace eda::redis::detail
