#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "eda/config/secret.hpp"
#include "eda/cql/error.hpp"
#include "eda/cql/requests.hpp"
#include "eda/cql/response.hpp"

namespace eda::cql {

// PasswordAuthenticator credentials. The password is a Secret: it never reaches a log.
struct Credentials {
  std::string username;
  eda::config::Secret password;
};

struct ConnectionSettings {
  std::string host = "127.0.0.1";  // name or address
  std::uint16_t port = 9042;
  std::chrono::milliseconds connect_timeout{5000};  // TCP connect + STARTUP/auth/USE handshake
  std::optional<Credentials> credentials;           // sent only if the server asks (AUTHENTICATE)
  std::string keyspace;                             // applied with USE after the handshake; empty: none
  std::uint8_t protocol_version = 4;                // first version tried; 3 is tried if the server refuses it
  std::int32_t max_frame_bytes = 256 * 1024 * 1024; // larger response bodies close the connection
};

// One CQL connection: handshake (STARTUP with v4→v3 negotiation, PasswordAuthenticator, USE) and
// stream-id multiplexing: up to 32768 requests in flight, responses matched by stream id, frames
// from concurrent senders coalesced into few socket writes.
//
// Threading: not thread-safe. Every member must be called from the executor given to Open, which
// must not run handlers concurrently (a strand, or an io_context run by one thread). Session takes
// care of this. Lifetime: owned by shared_ptr; internal coroutines keep it alive until closed.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Executor = boost::asio::any_io_executor;

  // Connects and performs the handshake. Errors: kConnectionError (resolve/connect failed or
  // timed out), kBadCredentials, kProtocolError (no common protocol version), kInvalid (unknown
  // keyspace), kRequestTimeout (handshake timed out).
  static boost::asio::awaitable<CqlResult<std::shared_ptr<Connection>>> Open(Executor executor,
                                                                             ConnectionSettings settings);

  // Sends one request and waits for its response, at most `timeout`. A server ERROR is returned as
  // the typed error. On timeout (kRequestTimeout) the stream id stays reserved until the late
  // response arrives, so it is never confused with a later request. Errors also: kConnectionError
  // (closed before or while waiting), kTooManyRequests (all stream ids busy), kMalformedFrame.
  boost::asio::awaitable<CqlResult<Response>> Send(Request request, std::chrono::milliseconds timeout);

  // Closes the socket; every waiting Send completes with kConnectionError. Idempotent.
  void Close();

  // Called once (from the executor) when the connection closes for any reason.
  void SetOnClose(std::function<void()> on_close) { on_close_ = std::move(on_close); }

  bool is_open() const noexcept { return open_; }
  int protocol_version() const noexcept { return version_; }
  std::size_t in_flight() const noexcept { return kMaxStreams - free_streams_.size(); }
  const std::string& endpoint() const noexcept { return endpoint_; }

  static constexpr std::size_t kMaxStreams = 32768;

  // Public for make_shared; use Open.
  Connection(Executor executor, std::int32_t max_frame_bytes, std::uint8_t version, std::string endpoint);

 private:
  struct Pending;

  // Each loop holds `self` so the connection outlives its socket operations.
  boost::asio::awaitable<void> ReadLoop(std::shared_ptr<Connection> self);
  boost::asio::awaitable<void> WriteLoop(std::shared_ptr<Connection> self);
  boost::asio::awaitable<CqlStatus> Handshake(const ConnectionSettings& settings);
  void Fail(const CqlError& error);
  void ReleaseStream(std::int16_t stream);
  // Appends one frame to the outbox (a plain function: GCC 12 cannot keep arrays in coroutine frames).
  void Enqueue(std::int16_t stream, const Request& request);

  Executor executor_;
  boost::asio::ip::tcp::socket socket_;
  std::int32_t max_frame_bytes_;
  std::uint8_t version_;
  std::string endpoint_;
  bool open_ = false;
  bool writing_ = false;
  std::array<std::uint8_t, kHeaderSize> read_head_{};
  std::vector<std::uint8_t> outbox_;   // frames waiting for the writer
  std::vector<std::uint8_t> sending_;  // frames being written
  std::vector<std::shared_ptr<Pending>> streams_;
  std::vector<std::int16_t> free_streams_;
  std::function<void()> on_close_;
};

}  // namespace eda::cql
