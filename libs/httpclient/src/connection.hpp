#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace eda::httpclient::detail {

using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// One open connection, plain or TLS, with its read buffer. Used by one request at a time.
class Connection {
 public:
  explicit Connection(std::unique_ptr<boost::beast::tcp_stream> plain) : plain_(std::move(plain)) {}
  explicit Connection(std::unique_ptr<TlsStream> tls) : tls_(std::move(tls)) {}

  // The TCP layer, where deadlines are set.
  boost::beast::tcp_stream& Lowest() { return tls_ ? boost::beast::get_lowest_layer(*tls_) : *plain_; }
  // Calls `f` with the stream to read and write (the TLS stream for https).
  template <class F>
  auto With(F&& f) {
    return tls_ ? f(*tls_) : f(*plain_);
  }
  boost::beast::flat_buffer& buffer() { return buffer_; }

  // False when the peer has closed the connection or sent bytes nobody asked for: a keep-alive
  // connection must be silent while idle. Does not block.
  bool LooksAlive();
  void Close() noexcept;

  std::chrono::steady_clock::time_point idle_since{};

 private:
  std::unique_ptr<boost::beast::tcp_stream> plain_;
  std::unique_ptr<TlsStream> tls_;
  boost::beast::flat_buffer buffer_;
};

// Idle keep-alive connections by "scheme://host:port". Thread-safe.
class ConnectionPool {
 public:
  ConnectionPool(std::size_t max_idle_per_host, std::chrono::milliseconds idle_timeout)
      : max_idle_per_host_(max_idle_per_host), idle_timeout_(idle_timeout) {}

  // The most recently used healthy idle connection for `key`, or null. Stale ones are closed.
  std::unique_ptr<Connection> Take(const std::string& key);
  // Keeps `conn` for reuse, or closes it when the host already has enough idle connections.
  void Put(const std::string& key, std::unique_ptr<Connection> conn);
  void Clear();

 private:
  const std::size_t max_idle_per_host_;
  const std::chrono::milliseconds idle_timeout_;
  std::mutex mu_;
  std::unordered_map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;
};

}  // namespace eda::httpclient::detail
