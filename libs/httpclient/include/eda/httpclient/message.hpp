#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "eda/core/result.hpp"

namespace eda::httpclient {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete };

// "GET", "POST", ...
std::string_view MethodName(Method method) noexcept;

// Header fields in order; names compare case-insensitively in FindHeader.
using Headers = std::vector<std::pair<std::string, std::string>>;

// The value of the first field named `name` (case-insensitive), or nullopt.
std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view name) noexcept;

// A copy of `headers` with credential-bearing values (Authorization, Proxy-Authorization, Cookie,
// Set-Cookie, X-Api-Key) replaced by "<redacted>": what may be logged.
Headers RedactHeaders(const Headers& headers);

// "Basic base64(user:password)", the Authorization value for HTTP Basic auth (Toss: secret key as
// user, empty password).
std::string BasicAuthorization(std::string_view user, std::string_view password);

// One HTTP request. A plain value type.
struct Request {
  Method method = Method::kGet;
  // Absolute URL, http:// or https://; user info ("user:pass@") is refused so credentials never
  // sit in a URL that might be logged.
  std::string url;
  // Extra header fields. Host, Content-Length, Connection and User-Agent are set by the client
  // (a User-Agent given here wins).
  Headers headers;
  std::string body;
  // Deadline for the whole call: DNS, connect, TLS, write, read, and every retry with its backoff.
  // nullopt: Settings::default_timeout.
  std::optional<std::chrono::milliseconds> timeout;
  // The caller's promise that repeating the request is harmless (GET, PUT, or a POST with an
  // Idempotency-Key). Only then is a request retried after any byte of it was sent.
  bool idempotent = false;
  // The body holds secrets or personal data: it never reaches the observer (logs).
  bool sensitive_body = false;

  // A request whose body is `body` serialised, with Content-Type and Accept application/json.
  static Request Json(Method method, std::string url, const boost::json::value& body);
};

// One HTTP response (any status). A plain value type.
struct Response {
  int status = 0;
  Headers headers;
  std::string body;

  std::optional<std::string_view> Header(std::string_view name) const noexcept { return FindHeader(headers, name); }
  bool IsSuccess() const noexcept { return status >= 200 && status < 300; }
  // The body parsed as JSON (strict); http.bad_json when it is not.
  Result<boost::json::value> Json() const;
};

}  // namespace eda::httpclient
