#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace eda::e2e {

// One answered (or failed) HTTP exchange as the tests see it. A plain value type.
struct HttpResult {
  std::string method;  // "GET", "POST", ...
  std::string url;     // the full URL that was called
  // HTTP status; 0 when no response arrived (then `error` says why: "http.connect: ...",
  // "http.timeout: ...", the codes of eda/httpclient/errc.hpp).
  int status = 0;
  std::string error;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The body parsed as JSON; null when it is empty or not JSON.
  boost::json::value json;

  bool answered() const noexcept { return status != 0; }
  // The first header named `name` (case-insensitive), or nullopt.
  std::optional<std::string> Header(std::string_view name) const;
  // RFC 9457 problem `code` (or a Toss error `code`) of the body, or "" when there is none.
  std::string ErrorCode() const;
  // "POST http://... -> 422 {body (first 2 KiB)}" or "GET ... -> no answer (http.connect: ...)":
  // for failure messages.
  std::string Describe() const;
};

}  // namespace eda::e2e
