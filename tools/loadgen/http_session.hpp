#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

namespace eda::httpclient {
class Client;
}

namespace eda::loadgen {

// A service base URL split once: http://host:port (plain HTTP only; the load generator targets
// loopback services).
struct Endpoint {
  std::string name;  // "order", "catalog", ... for messages
  std::string base;  // "http://127.0.0.1:31086" (no trailing slash)
  std::string host;
  std::string port;
};

// Parses "http://host[:port]" (a trailing "/" allowed). False for anything else (https, paths).
bool ParseEndpoint(std::string_view name, std::string_view url, Endpoint& out);

enum class Verb { kGet, kPost };

// One answer: an HTTP status with its body, or a transport failure (status 0, error set to
// "connect", "timeout", "io", "protocol").
struct Reply {
  int status = 0;
  std::string body;
  std::string error;
  // The Location header of a redirect (the load generator never follows them).
  std::string location;
  bool Ok() const noexcept { return status >= 200 && status < 300; }
};

// Sends requests for one virtual user. Not thread-safe: one coroutine at a time per session.
class HttpSession {
 public:
  virtual ~HttpSession() = default;
  // target = path + query ("/orders/orders/abc"); body is JSON when non-empty; bearer is the access
  // token without the "Bearer " prefix (empty: no Authorization header).
  virtual boost::asio::awaitable<Reply> Call(Verb verb, const Endpoint& endpoint, std::string target,
                                             std::string body, std::string bearer) = 0;
};

// Which implementation the sessions use (--client).
enum class ClientKind {
  kBeast,       // one keep-alive Beast tcp_stream per (virtual user, endpoint): no pool, no locks
  kHttpclient,  // libs/httpclient: one shared Client with its locked keep-alive pool
};

// Makes sessions of one kind. The factory owns what the sessions share (the libs/httpclient
// Client); it must outlive them. Lives on one io_context thread.
class SessionFactory {
 public:
  SessionFactory(boost::asio::any_io_executor executor, ClientKind kind, std::chrono::milliseconds timeout);
  ~SessionFactory();
  std::unique_ptr<HttpSession> Make() const;

 private:
  boost::asio::any_io_executor executor_;
  ClientKind kind_;
  std::chrono::milliseconds timeout_;
  std::shared_ptr<httpclient::Client> client_;
};

}  // namespace eda::loadgen
