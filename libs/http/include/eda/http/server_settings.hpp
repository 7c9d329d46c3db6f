#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eda/config/reader.hpp"
#include "eda/config/secret.hpp"

namespace eda::http {

// Cross-origin access for the web pages.
struct CorsSettings {
  // Origins allowed to call the API ("http://localhost:3000"); "*" allows any. Empty: CORS off
  // (no Access-Control-* headers, OPTIONS preflights get 404/405 like any other request).
  std::vector<std::string> allowed_origins;
  std::string allowed_methods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
  std::string allowed_headers = "Authorization, Content-Type, X-Request-Id, traceparent";
  std::string exposed_headers = "X-Request-Id, traceparent";
  int max_age_seconds = 600;       // preflight cache time
  bool allow_credentials = false;  // cookies; never combined with "*" (the origin is echoed instead)
};

// Everything the HTTP server needs; every field has a working default.
struct ServerSettings {
  std::string service_name = "eda";     // metrics label and log field
  std::string address = "0.0.0.0";       // listen address ("127.0.0.1" for loopback only)
  std::uint16_t port = 8080;             // 0: an ephemeral port (see Server::port())
  int io_threads = 1;                    // threads running the I/O loop (handlers run on them)
  std::size_t header_limit = 16 * 1024;  // request line + headers; more → 431 and close
  std::size_t body_limit = 1024 * 1024;  // request body; more → 413 and close
  // Time allowed to receive a whole request header, including the wait for the next request on an
  // idle keep-alive connection; exceeded → connection closed (slow or idle client).
  std::chrono::milliseconds header_timeout{std::chrono::seconds(15)};
  std::chrono::milliseconds body_timeout{std::chrono::seconds(30)};   // whole body
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};  // whole response
  // Graceful stop: how long in-flight requests may take to finish before connections are cut.
  std::chrono::milliseconds shutdown_timeout{std::chrono::seconds(10)};
  int backlog = 1024;       // listen backlog
  bool access_log = true;   // one info line per request (asynchronous writer)
  CorsSettings cors;
  // The bearer token GET /metrics requires (`Authorization: Bearer <token>`, what a Prometheus scrape
  // config sends with `authorization: {credentials_file: ...}`). Empty: /metrics answers 403 to
  // everyone; the metrics are never public.
  config::Secret metrics_token;

  // Reads EDA_HTTP_ADDRESS, EDA_HTTP_PORT (default `default_port`), EDA_HTTP_IO_THREADS,
  // EDA_HTTP_HEADER_LIMIT, EDA_HTTP_BODY_LIMIT, EDA_HTTP_HEADER_TIMEOUT, EDA_HTTP_BODY_TIMEOUT,
  // EDA_HTTP_WRITE_TIMEOUT, EDA_HTTP_SHUTDOWN_TIMEOUT, EDA_HTTP_ACCESS_LOG, EDA_CORS_ORIGINS (comma list),
  // EDA_METRICS_TOKEN (or EDA_METRICS_TOKEN_FILE, as ./eda gives it: surrounding white space dropped).
  // Errors are collected in `r`; call r.Finish().
  static ServerSettings Load(config::Reader& r, std::string service_name, std::uint16_t default_port);
};

}  // namespace eda::http
