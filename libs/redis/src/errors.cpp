#include "eda/redis/errors.hpp"

#include <string>

namespace eda::redis {

Error ClassifyReplyError(std::string_view message) {
  const std::string_view prefix = message.substr(0, message.find(' '));
  auto make = [&](std::string_view code, bool retryable) {
    return Error{std::string(code), std::string(message), retryable};
  };
  if (prefix == "WRONGTYPE") return make(errc::kWrongType, false);
  if (prefix == "NOSCRIPT") return make(errc::kNoScript, false);
  // The server (or this node) cannot serve right now but will: loading, a busy script, failover.
  if (prefix == "LOADING" || prefix == "BUSY" || prefix == "TRYAGAIN" || prefix == "MASTERDOWN" ||
      prefix == "READONLY" || prefix == "CLUSTERDOWN" || prefix == "OOM" || prefix == "MISCONF")
    return make(errc::kUnavailable, true);
  if (prefix == "NOAUTH" || prefix == "WRONGPASS" || prefix == "NOPERM") return make(errc::kAuth, false);
  if (message == "ERR no such key") return make(errc::kNoSuchKey, false);
  return make(errc::kReply, false);
}

}  // namespace eda::redis
