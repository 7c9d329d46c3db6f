#pragma once

#include <string_view>

#include "eda/core/error.hpp"

namespace eda::redis {

// Stable error codes (eda::Error::code) of this library. "retryable" is what Error::retryable says.
namespace errc {
inline constexpr std::string_view kConnection = "redis.connection";    // I/O error, EOF, refused, killed;
                                                                       // retryable; connection discarded
inline constexpr std::string_view kTimeout = "redis.timeout";          // socket timeout; retryable; discarded
inline constexpr std::string_view kPoolTimeout = "redis.pool_timeout"; // no free connection in time; retryable
inline constexpr std::string_view kUnavailable = "redis.unavailable";  // LOADING/BUSY/TRYAGAIN/MASTERDOWN/
                                                                       // READONLY/CLUSTERDOWN/OOM; retryable
inline constexpr std::string_view kWrongType = "redis.wrong_type";     // WRONGTYPE; permanent
inline constexpr std::string_view kNoScript = "redis.no_script";       // NOSCRIPT; permanent
inline constexpr std::string_view kNoSuchKey = "redis.no_such_key";    // "ERR no such key" (RENAME); permanent
inline constexpr std::string_view kAuth = "redis.auth";                // NOAUTH/WRONGPASS/NOPERM; permanent
inline constexpr std::string_view kScript = "redis.script";            // error raised inside EVAL; permanent
inline constexpr std::string_view kReply = "redis.reply";              // any other error reply; permanent
inline constexpr std::string_view kProtocol = "redis.protocol";        // unexpected reply shape; permanent
inline constexpr std::string_view kSettings = "redis.settings";        // invalid Settings; permanent
inline constexpr std::string_view kStopped = "redis.stopped";          // pool stopped; permanent
}  // namespace errc

// Classifies an error reply text ("WRONGTYPE Operation against a key ...") into an eda::Error.
// Pure; thread-safe.
Error ClassifyReplyError(std::string_view message);

}  // namespace eda::redis
