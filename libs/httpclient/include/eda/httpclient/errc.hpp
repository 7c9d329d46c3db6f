#pragma once

#include <string_view>

// Stable error codes produced by eda::httpclient. An HTTP response of any status (4xx, 5xx) is not
// an error: it comes back as a Response and the caller decides.
namespace eda::httpclient::errc {

inline constexpr std::string_view kInvalidUrl = "http.invalid_url";  // not absolute http(s), or has user info (permanent)
inline constexpr std::string_view kInvalidRequest = "http.invalid_request";  // CR/LF/NUL in a header (permanent)
inline constexpr std::string_view kTimeout = "http.timeout";         // the request deadline passed (retryable)
inline constexpr std::string_view kConnect = "http.connect";         // name resolution or TCP connect failed (retryable)
inline constexpr std::string_view kTls = "http.tls";                 // handshake or certificate verification failed (permanent)
inline constexpr std::string_view kIo = "http.io";                   // connection reset/closed mid-exchange (retryable)
inline constexpr std::string_view kProtocol = "http.protocol";       // unparsable response, or over the size limits (permanent)
inline constexpr std::string_view kBadJson = "http.bad_json";        // Response::Json on a body that is not JSON (permanent)
inline constexpr std::string_view kCancelled = "http.cancelled";     // the awaiting coroutine was cancelled (permanent: do not retry)
inline constexpr std::string_view kConfig = "http.config";           // client settings unusable, e.g. unreadable CA file

}  // namespace eda::httpclient::errc
