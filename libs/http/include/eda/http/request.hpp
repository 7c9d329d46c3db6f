#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eda/http/headers.hpp"
#include "eda/http/method.hpp"
#include "eda/http/principal.hpp"
#include "eda/http/trace_context.hpp"
#include "eda/log/context.hpp"

namespace eda::http {

// One HTTP request as a handler sees it. The server builds it, fills the request id, trace context,
// path parameters and principal (the Set* functions are for the server and tests), and keeps it alive
// until the response is written. Not thread-safe (a request belongs to one connection's strand).
class Request {
 public:
  Request() = default;
  Request(Method method, std::string target, Headers headers = {}, std::string body = {});

  Method method() const noexcept { return method_; }
  // Raw request target as received, e.g. "/catalog/products/7?page=2".
  const std::string& target() const noexcept { return target_; }
  // Target without the query, still percent-encoded, e.g. "/catalog/products/7".
  std::string_view path() const noexcept { return std::string_view(target_).substr(0, path_end_); }
  // Raw query string without '?', possibly empty.
  std::string_view query_string() const noexcept;
  // First value of query parameter `name`, percent-decoded ("+" is a space); nullopt when absent.
  std::optional<std::string> query(std::string_view name) const;
  // Integer query parameter: nullopt when absent OR not an integer (use query() to tell apart).
  std::optional<std::int64_t> query_int(std::string_view name) const;

  // Value of the route's `{name}` segment, percent-decoded; empty when the route has no such param.
  std::string_view path_param(std::string_view name) const noexcept;
  // The `{name}` segment as an integer; nullopt when absent or not a (whole, in-range) integer.
  std::optional<std::int64_t> path_param_int(std::string_view name) const noexcept;

  const Headers& headers() const noexcept { return headers_; }
  std::string_view header(std::string_view name) const noexcept { return headers_.Get(name); }
  const std::string& body() const noexcept { return body_; }

  // The X-Request-Id received (if acceptable) or generated; echoed on the response.
  const std::string& request_id() const noexcept { return log_context_.request_id; }
  // This request's span (child of the caller's traceparent, or a new root).
  const TraceContext& trace() const noexcept { return trace_; }
  // The authenticated caller, or nullptr (no/optional auth and no token).
  const Principal* principal() const noexcept { return principal_ ? &*principal_ : nullptr; }
  // request_id + trace_id for eda::log calls: eda::log::Info(req.log_context(), "...", {...}).
  const log::Context& log_context() const noexcept { return log_context_; }
  // The peer's IP address as text ("127.0.0.1", "::1"); empty when unknown (requests built in tests).
  // This is the TCP peer: behind a proxy it is the proxy, not the client.
  const std::string& remote_address() const noexcept { return remote_address_; }
  // The matched route pattern ("/catalog/products/{productId}"), empty before routing / when unmatched.
  const std::string& route_pattern() const noexcept { return route_pattern_; }

  // --- filled by the server (and by tests) ---
  void SetRequestId(std::string id) { log_context_.request_id = std::move(id); }
  void SetTrace(TraceContext trace) {
    trace_ = std::move(trace);
    log_context_.trace_id = trace_.trace_id();
  }
  void SetRemoteAddress(std::string address) { remote_address_ = std::move(address); }
  void SetPrincipal(std::optional<Principal> p) { principal_ = std::move(p); }
  void SetRoute(std::string pattern, std::vector<std::pair<std::string, std::string>> params) {
    route_pattern_ = std::move(pattern);
    path_params_ = std::move(params);
  }

 private:
  Method method_ = Method::kGet;
  std::string target_;
  std::size_t path_end_ = 0;
  Headers headers_;
  std::string body_;
  TraceContext trace_;
  log::Context log_context_;
  std::optional<Principal> principal_;
  std::string route_pattern_;
  std::string remote_address_;
  std::vector<std::pair<std::string, std::string>> path_params_;
};

}  // namespace eda::http
