#pragma once

#include <boost/asio/awaitable.hpp>

#include "eda/http/authenticator.hpp"
#include "eda/http/cors_policy.hpp"
#include "eda/http/request.hpp"
#include "eda/http/response.hpp"
#include "eda/http/router.hpp"

namespace eda::http {

class RouteMetrics;

// The transport-independent request pipeline the server runs for every request: request id and
// trace context, CORS preflight, routing (404 / 405 + Allow), authentication (401 + WWW-Authenticate
// / 403), the handler (an escaping exception → 500 problem with an errorId, logged with the
// exception text), problem rendering (instance = path), response headers (X-Request-Id, traceparent,
// CORS), per-route metrics and the access log line.
//
// Services' unit tests can drive their router through it without sockets:
//   Dispatcher d(router, Authenticator(fake_verifier));
//   Request req(Method::kPost, "/orders", headers, R"({"productId":1})");
//   Response res = d.DispatchBlocking(req);
//
// `router` (and `metrics`, when given) must outlive the dispatcher. Dispatch is const and may run
// concurrently for different requests.
class Dispatcher {
 public:
  Dispatcher(const Router& router, Authenticator authenticator, CorsPolicy cors = CorsPolicy(CorsSettings{}),
             RouteMetrics* metrics = nullptr, bool access_log = false);

  // Never throws (except std::bad_alloc); the response is final (problem rendered).
  boost::asio::awaitable<Response> Dispatch(Request& req) const;

  // Runs Dispatch to completion on a private io_context (tests and tools; not for I/O threads).
  Response DispatchBlocking(Request& req) const;

  // Sets req's request id (a valid X-Request-Id is kept, else a new UUID) and trace context (a child
  // of a valid traceparent, else a new root).
  static void AssignIds(Request& req);
  // Whether an incoming X-Request-Id is acceptable: 1..128 of [A-Za-z0-9._:-] (UUIDs, nginx's
  // $request_id, W3C trace ids); anything else is replaced, never echoed or logged.
  static bool IsValidRequestId(std::string_view id) noexcept;

 private:
  const Router& router_;
  Authenticator authenticator_;
  CorsPolicy cors_;
  RouteMetrics* metrics_;
  bool access_log_;
};

}  // namespace eda::http
