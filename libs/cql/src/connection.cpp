#include "eda/cql/connection.hpp"

// GCC 12 reports a false -Wmismatched-new-delete for Asio coroutine frames (the frame's class-specific
// operator new/delete pair is matched); silence it for this file only.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "eda/cql/frame.hpp"

namespace eda::cql {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using boost::system::error_code;

struct Connection::Pending {
  explicit Pending(const Executor& ex) : timer(ex) {}
  asio::steady_timer timer;                   // waited on by Send; cancelled to wake it
  std::optional<CqlResult<Response>> result;  // set by the reader or by Fail
  bool abandoned = false;                     // Send gave up (timeout); drop the late response
};

namespace {

CqlError ConnectionError(const std::string& endpoint, const std::string& what) {
  return CqlError::Make(Errc::kConnectionError, endpoint + ": " + what);
}

// Double-quotes an identifier for USE, doubling embedded quotes.
std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

Request StartupRequest() { return BuildStartup({{"CQL_VERSION", "3.0.0"}}); }

}  // namespace

Connection::Connection(Executor executor, std::int32_t max_frame_bytes, std::uint8_t version, std::string endpoint)
    : executor_(std::move(executor)),
      socket_(executor_),
      max_frame_bytes_(max_frame_bytes),
      version_(version),
      endpoint_(std::move(endpoint)),
      streams_(kMaxStreams) {
  free_streams_.reserve(kMaxStreams);
  // Lowest ids on top of the stack: the server's per-connection tables stay small when idle.
  for (std::size_t i = kMaxStreams; i-- > 0;) free_streams_.push_back(static_cast<std::int16_t>(i));
}

awaitable<CqlResult<std::shared_ptr<Connection>>> Connection::Open(Executor executor, ConnectionSettings settings) {
  std::uint8_t version = settings.protocol_version;
  const std::string endpoint = settings.host + ":" + std::to_string(settings.port);
  for (int attempt = 0;; ++attempt) {
    auto conn = std::make_shared<Connection>(executor, settings.max_frame_bytes, version, endpoint);
    // One watchdog for connect + handshake: on expiry it closes the socket, which fails whatever
    // is pending. Shared state because the handler may run after this frame moved on.
    auto timed_out = std::make_shared<bool>(false);
    asio::steady_timer watchdog(executor);
    watchdog.expires_after(settings.connect_timeout);
    watchdog.async_wait([weak = std::weak_ptr<Connection>(conn), timed_out](error_code ec) {
      if (ec) return;
      *timed_out = true;
      if (auto c = weak.lock()) {
        error_code ignored;
        c->socket_.close(ignored);
      }
    });

    error_code ec;
    asio::ip::tcp::resolver resolver(executor);
    auto endpoints = co_await resolver.async_resolve(settings.host, std::to_string(settings.port),
                                                     asio::redirect_error(use_awaitable, ec));
    if (ec) co_return ConnectionError(endpoint, "resolve: " + ec.message());
    co_await asio::async_connect(conn->socket_, endpoints, asio::redirect_error(use_awaitable, ec));
    if (ec || *timed_out) {
      co_return ConnectionError(endpoint, *timed_out ? std::string("connect timed out") : "connect: " + ec.message());
    }
    conn->socket_.set_option(asio::ip::tcp::no_delay(true), ec);
    conn->open_ = true;
    asio::co_spawn(executor, conn->ReadLoop(conn), asio::detached);

    auto hs = co_await conn->Handshake(settings);
    watchdog.cancel();
    if (hs) co_return conn;
    conn->Close();
    if (*timed_out) co_return CqlError::Make(Errc::kRequestTimeout, endpoint + ": handshake timed out");
    CqlError err = std::move(hs).error();
    // A server that does not speak v4 answers STARTUP with a protocol error: retry once with v3.
    if (err.code == Errc::kProtocolError && attempt == 0 && version > 3) {
      version = 3;
      continue;
    }
    co_return err;
  }
}

awaitable<CqlStatus> Connection::Handshake(const ConnectionSettings& settings) {
  const auto timeout = settings.connect_timeout;
  auto r = co_await Send(StartupRequest(), timeout);
  if (!r) co_return std::move(r).error();
  if (r->opcode == Opcode::kAuthenticate) {
    if (!settings.credentials) {
      co_return CqlError::Make(Errc::kBadCredentials,
                               endpoint_ + ": server requires authentication (" + r->authenticator + "), none configured");
    }
    const auto token = PlainSaslToken(settings.credentials->username, settings.credentials->password.Reveal());
    bool done = false;
    for (int round = 0; round < 8 && !done; ++round) {
      auto a = co_await Send(BuildAuthResponse(token), timeout);
      if (!a) co_return std::move(a).error();
      if (a->opcode == Opcode::kAuthSuccess) done = true;
      else if (a->opcode != Opcode::kAuthChallenge) break;
    }
    if (!done) co_return CqlError::Make(Errc::kUnexpectedResponse, endpoint_ + ": authentication did not finish");
  } else if (r->opcode != Opcode::kReady) {
    co_return CqlError::Make(Errc::kUnexpectedResponse, endpoint_ + ": unexpected reply to STARTUP");
  }
  if (!settings.keyspace.empty()) {
    QueryParameters p;
    p.consistency = Consistency::kOne;
    auto req = BuildQuery("USE " + QuoteIdentifier(settings.keyspace), p, version_);
    if (!req) co_return std::move(req).error();
    auto u = co_await Send(std::move(req).value(), timeout);
    if (!u) co_return std::move(u).error();
    if (u->result.kind() != ResultKind::kSetKeyspace) {
      co_return CqlError::Make(Errc::kUnexpectedResponse, endpoint_ + ": USE did not set the keyspace");
    }
  }
  co_return CqlStatus{};
}

awaitable<CqlResult<Response>> Connection::Send(Request request, std::chrono::milliseconds timeout) {
  if (!open_) co_return ConnectionError(endpoint_, "connection is closed");
  if (free_streams_.empty()) co_return CqlError::Make(Errc::kTooManyRequests, endpoint_ + ": all stream ids in use");
  if (request.body.size() > static_cast<std::size_t>(max_frame_bytes_)) {
    co_return CqlError::Make(Errc::kBadValue, "request body larger than the frame limit");
  }
  auto self = shared_from_this();
  const std::int16_t stream = free_streams_.back();
  free_streams_.pop_back();
  auto pending = std::make_shared<Pending>(executor_);
  streams_[static_cast<std::size_t>(stream)] = pending;

  Enqueue(stream, request);
  if (!writing_) {
    writing_ = true;
    asio::co_spawn(executor_, WriteLoop(self), asio::detached);
  }

  pending->timer.expires_after(timeout);
  error_code ec;
  co_await pending->timer.async_wait(asio::redirect_error(use_awaitable, ec));
  if (pending->result) co_return std::move(*pending->result);
  // Timed out: keep the stream reserved until the late response (or the connection's end).
  pending->abandoned = true;
  co_return CqlError::Make(Errc::kRequestTimeout,
                           endpoint_ + ": no response within " + std::to_string(timeout.count()) + " ms");
}

awaitable<void> Connection::WriteLoop([[maybe_unused]] std::shared_ptr<Connection> self) {
  while (open_ && !outbox_.empty()) {
    sending_.clear();
    std::swap(sending_, outbox_);
    error_code ec;
    co_await asio::async_write(socket_, asio::buffer(sending_), asio::redirect_error(use_awaitable, ec));
    if (ec) {
      Fail(ConnectionError(endpoint_, "write: " + ec.message()));
      break;
    }
  }
  outbox_.clear();
  writing_ = false;
}

awaitable<void> Connection::ReadLoop([[maybe_unused]] std::shared_ptr<Connection> self) {
  auto& head = read_head_;
  while (open_) {
    error_code ec;
    co_await asio::async_read(socket_, asio::buffer(head), asio::redirect_error(use_awaitable, ec));
    if (ec) {
      Fail(ConnectionError(endpoint_, ec == asio::error::eof ? std::string("closed by server") : "read: " + ec.message()));
      co_return;
    }
    auto h = DecodeHeader(head, max_frame_bytes_);
    if (!h) {
      // The stream is out of sync: nothing after this can be trusted.
      Fail(h.error());
      co_return;
    }
    Frame frame;
    frame.header = *h;
    frame.body.resize(static_cast<std::size_t>(h->length));
    if (h->length > 0) {
      co_await asio::async_read(socket_, asio::buffer(frame.body), asio::redirect_error(use_awaitable, ec));
      if (ec) {
        Fail(ConnectionError(endpoint_, "read: " + ec.message()));
        co_return;
      }
    }
    if (h->stream < 0) continue;  // server EVENT: not subscribed by this client
    const auto slot = static_cast<std::size_t>(h->stream);
    if (slot >= streams_.size() || !streams_[slot]) continue;  // no such request: ignore
    auto pending = std::move(streams_[slot]);
    ReleaseStream(h->stream);
    if (pending->abandoned) continue;
    pending->result = ParseResponse(std::move(frame));
    pending->timer.cancel();
  }
}

void Connection::Enqueue(std::int16_t stream, const Request& request) {
  FrameHeader h;
  h.version = version_;
  h.stream = stream;
  h.opcode = request.opcode;
  h.length = static_cast<std::int32_t>(request.body.size());
  const auto head = EncodeHeader(h);
  outbox_.insert(outbox_.end(), head.begin(), head.end());
  outbox_.insert(outbox_.end(), request.body.begin(), request.body.end());
}

void Connection::ReleaseStream(std::int16_t stream) {
  streams_[static_cast<std::size_t>(stream)].reset();
  free_streams_.push_back(stream);
}

void Connection::Fail(const CqlError& error) {
  const bool was_open = open_;
  open_ = false;
  error_code ignored;
  socket_.close(ignored);
  for (auto& p : streams_) {
    if (!p) continue;
    if (!p->abandoned && !p->result) {
      p->result = error;
      p->timer.cancel();
    }
    p.reset();
  }
  if (was_open && on_close_) {
    auto cb = std::move(on_close_);
    on_close_ = nullptr;
    cb();
  }
}

void Connection::Close() { Fail(ConnectionError(endpoint_, "closed by client")); }

}  // namespace eda::cql
