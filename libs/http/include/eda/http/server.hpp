#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "eda/core/result.hpp"
#include "eda/http/authenticator.hpp"
#include "eda/http/router.hpp"
#include "eda/http/server_settings.hpp"
#include "eda/metrics/registry.hpp"

namespace eda::http {

// A readiness probe: ok when the dependency (database, broker, ...) is usable. Runs on an I/O thread:
// must not block (co_await a BlockingPool or async client). Its Error message is shown in the 503 body.
using ReadinessCheck = std::function<boost::asio::awaitable<Status>()>;

// HTTP/1.1 server (Boost.Beast, C++20 coroutines) serving one Router plus built-in routes:
//   GET /health/live   → 200 {"status":"UP"}
//   GET /health/ready  → 200, or 503 problem "not_ready" naming each failing check
//   GET /metrics       → Prometheus text of the registry (includes per-route request metrics:
//                        eda_http_requests_total{service,route,method,status},
//                        eda_http_request_duration_seconds{service,route,method})
//   GET /openapi.json  → the document given to SetOpenApiDocument (404 if none)
// Per request, in order: request id (X-Request-Id accepted when 1..128 of [A-Za-z0-9._:-], else a
// new UUID; echoed), W3C traceparent (child span; echoed), CORS preflight/headers, routing (404 / 405
// with Allow), authentication (401/403), the handler (exception → logged 500 with errorId), problem
// rendering, metrics, access log. Each connection is a coroutine on its own strand; pipelined
// requests are answered in order; every read/write has a deadline.
//
//   eda::http::Router router;
//   router.Get("/catalog/products/{productId}", [&](eda::http::Request& req) -> boost::asio::awaitable<eda::http::Response> {
//     auto id = req.path_param_int("productId");
//     if (!id) co_return eda::http::Problem::BadRequest("productId must be an integer");
//     co_return eda::http::Response::Json({{"id", *id}});
//   });
//   eda::http::Server server(settings, std::move(router));
//   server.SetTokenVerifier(verifier);
//   server.AddReadinessCheck("mariadb", [&]() -> boost::asio::awaitable<eda::Status> { co_return ...; });
//   return server.Run();   // until SIGTERM/SIGINT, then graceful stop
//
// Configure (Set*/Add*) before Start(). Start/Stop/Run are called from one controlling thread, never
// from an I/O thread (Stop() throws std::logic_error if it is).
class Server {
 public:
  // `registry` must outlive the server.
  Server(ServerSettings settings, Router router, metrics::Registry& registry = metrics::Registry::Default());
  ~Server();  // Stop() if running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void SetTokenVerifier(TokenVerifier verifier);
  void SetOpenApiDocument(std::string json);
  void AddReadinessCheck(std::string name, ReadinessCheck check);

  // Binds, listens and starts the I/O threads. Error "http.bind" when the address/port cannot be used.
  Status Start();
  // The bound port (useful with port 0); 0 before Start().
  std::uint16_t port() const noexcept;
  // Graceful stop: closes the listener, closes idle connections, lets in-flight requests finish
  // (their responses carry Connection: close) for up to settings.shutdown_timeout, then cuts the rest
  // and joins the I/O threads. Idempotent.
  void Stop();
  // Start(), wait for SIGTERM or SIGINT, Stop(). Returns a process exit code (0, or 1 if Start failed).
  int Run();

  // The I/O executor (for timers in handlers). Valid after construction.
  boost::asio::any_io_executor executor();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::http
