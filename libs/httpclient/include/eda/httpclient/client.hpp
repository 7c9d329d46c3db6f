#pragma once

#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "eda/core/result.hpp"
#include "eda/httpclient/message.hpp"
#include "eda/httpclient/settings.hpp"

namespace eda::httpclient {

// An HTTP/1.1 client for C++20 coroutines (Boost.Beast over Asio, OpenSSL for https).
//
// - https verifies the server certificate against the system CA store (and Settings::ca_file),
//   sends SNI, and checks the host name (or IP address) against the certificate; TLS 1.2 minimum.
//   There is no switch to turn verification off.
// - Keep-alive connections are pooled per scheme://host:port and reused; a pooled connection the
//   server has closed, or one idle too long, is discarded before use.
// - Each request has one deadline covering resolve, connect, handshake, write, read and retries.
// - Retries (up to Settings::max_attempts, exponential backoff with jitter) happen only for
//   retryable failures (http.timeout before the deadline is spent, http.connect, http.io) and only
//   when the request is marked idempotent or the failure came before any byte was sent.
//   HTTP statuses are never retried: a 503 is returned to the caller.
//
// Errors: Result errors carry the codes in errc.hpp with `retryable` set as documented there.
// Thread safety: Send may be called concurrently from any threads; the pool is locked internally.
// Lifetime: in-flight Sends keep the client's internals alive, so destroying the Client while a
// request runs is safe (that request still completes).
class Client {
 public:
  // Fails with http.config when the CA file cannot be loaded.
  static Result<Client> Create(boost::asio::any_io_executor executor, Settings settings = {});

  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  ~Client();

  // Sends `request` and reads the whole response; see the class comment for deadline and retries.
  boost::asio::awaitable<Result<Response>> Send(Request request) const;

  // Send for code outside the coroutine world (e.g. a Kafka handler thread): runs Send on the
  // client's executor and blocks the calling thread until it completes. Some other thread must be
  // running that executor's io_context; never call it from that thread (it would deadlock).
  Result<Response> SendBlocking(Request request) const;

  // Closes every idle pooled connection (e.g. before shutdown).
  void CloseIdle() const;

 private:
  struct Impl;
  explicit Client(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace eda::httpclient
