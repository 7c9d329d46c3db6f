// Connection behaviour against an in-process fake CQL server (no Cassandra needed): protocol
// version negotiation, PasswordAuthenticator, stream-id multiplexing with out-of-order responses,
// request timeouts with late responses, and a server that sends garbage.
#include "eda/cql/connection.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "eda/cql/testing/run.hpp"
#include "eda/cql/wire_reader.hpp"
#include "eda/cql/wire_writer.hpp"

namespace eda::cql {
namespace {

namespace asio = boost::asio;
using asio::awaitable;
using asio::ip::tcp;
using boost::system::error_code;

struct InFrame {
  FrameHeader header;
  std::vector<std::uint8_t> body;
};

std::vector<std::uint8_t> Reply(std::uint8_t version, std::int16_t stream, Opcode op, const WireWriter& body) {
  auto f = EncodeFrame(version, stream, op, body.bytes());
  f[0] = static_cast<std::uint8_t>(version | 0x80);
  return f;
}

WireWriter TextRows(std::string_view text) {
  WireWriter w;
  w.WriteInt(2);
  w.WriteInt(1);
  w.WriteInt(1);
  w.WriteString("ks");
  w.WriteString("t");
  w.WriteString("v");
  w.WriteShort(0x0D);
  w.WriteInt(1);
  w.WriteBytes({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  return w;
}

WireWriter ServerErrorBody(Errc code, std::string_view msg) {
  WireWriter w;
  w.WriteInt(static_cast<std::int32_t>(code));
  w.WriteString(msg);
  return w;
}

// A scripted server: for each accepted socket, reads frames and hands them to `handler`, which
// returns the bytes to write back (possibly several frames, possibly none).
class FakeServer {
 public:
  using Handler = std::function<std::vector<std::vector<std::uint8_t>>(const InFrame&, tcp::socket&)>;

  FakeServer(asio::any_io_executor ex, Handler handler)
      : acceptor_(ex, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), handler_(std::move(handler)) {}

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  int accepted() const { return accepted_; }

  awaitable<void> Run() {
    for (;;) {
      error_code ec;
      tcp::socket s = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      ++accepted_;
      asio::co_spawn(acceptor_.get_executor(), Serve(std::move(s)), asio::detached);
    }
  }
  void Stop() {
    error_code ec;
    acceptor_.close(ec);
  }

 private:
  awaitable<void> Serve(tcp::socket s) {
    for (;;) {
      error_code ec;
      co_await asio::async_read(s, asio::buffer(head_), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      auto h = DecodeHeader(head_);
      if (!h) co_return;
      InFrame f{*h, std::vector<std::uint8_t>(static_cast<std::size_t>(h->length))};
      if (h->length > 0) co_await asio::async_read(s, asio::buffer(f.body), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      for (auto& out : handler_(f, s)) {
        co_await asio::async_write(s, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
      }
    }
  }

  tcp::acceptor acceptor_;
  Handler handler_;
  int accepted_ = 0;
  std::array<std::uint8_t, kHeaderSize> head_{};
};

TEST(Connection, NegotiatesV3AndAuthenticates) {
  std::vector<int> startup_versions;
  std::string token_seen;
  testing::RunCoroutine([&]() -> awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    FakeServer server(ex, [&](const InFrame& f, tcp::socket&) -> std::vector<std::vector<std::uint8_t>> {
      const auto v = f.header.version;
      switch (f.header.opcode) {
        case Opcode::kStartup:
          startup_versions.push_back(v);
          if (v == 4) return {Reply(3, f.header.stream, Opcode::kError, ServerErrorBody(Errc::kProtocolError, "Invalid or unsupported protocol version (4)"))};
          {
            WireWriter w;
            w.WriteString("org.apache.cassandra.auth.PasswordAuthenticator");
            return {Reply(v, f.header.stream, Opcode::kAuthenticate, w)};
          }
        case Opcode::kAuthResponse: {
          WireReader r(f.body);
          auto t = r.ReadBytes();
          token_seen.assign(reinterpret_cast<const char*>(t->data()), t->size());
          if (token_seen != std::string("\0app\0s3cret", 11)) {
            return {Reply(v, f.header.stream, Opcode::kError, ServerErrorBody(Errc::kBadCredentials, "bad password"))};
          }
          WireWriter w;
          w.WriteNullBytes();
          return {Reply(v, f.header.stream, Opcode::kAuthSuccess, w)};
        }
        case Opcode::kQuery: {
          WireReader r(f.body);
          return {Reply(v, f.header.stream, Opcode::kResult, TextRows(r.ReadLongString()))};
        }
        default:
          return {};
      }
    });
    asio::co_spawn(ex, server.Run(), asio::detached);

    ConnectionSettings cs;
    cs.port = server.port();
    cs.connect_timeout = std::chrono::milliseconds(2000);
    cs.credentials = Credentials{"app", eda::config::Secret("s3cret")};
    auto conn = co_await Connection::Open(ex, cs);
    EXPECT_TRUE(conn.ok()) << (conn.ok() ? CqlError{} : conn.error());
    if (conn.ok()) {
      EXPECT_EQ((*conn)->protocol_version(), 3);
      QueryParameters p;
      auto req = BuildQuery("hello", p, 3);
      auto r = co_await (*conn)->Send(std::move(req).value(), std::chrono::milliseconds(1000));
      EXPECT_TRUE(r.ok());
      if (r.ok()) {
        EXPECT_EQ(r->result.front().Get<std::string>(0), "hello");
      }
      (*conn)->Close();
    }
    // Wrong password: typed error, no retry with another version.
    cs.credentials = Credentials{"app", eda::config::Secret("wrong")};
    auto bad = co_await Connection::Open(ex, cs);
    EXPECT_FALSE(bad.ok());
    if (!bad.ok()) {
      EXPECT_EQ(bad.error().code, Errc::kBadCredentials);
    }
    // No credentials configured but the server asks for them.
    cs.credentials.reset();
    auto none = co_await Connection::Open(ex, cs);
    EXPECT_FALSE(none.ok());
    if (!none.ok()) {
      EXPECT_EQ(none.error().code, Errc::kBadCredentials);
    }
    server.Stop();
  });
  EXPECT_EQ(startup_versions.at(0), 4);
  EXPECT_EQ(startup_versions.at(1), 3);
}

TEST(Connection, MultiplexesOutOfOrderAndHandlesTimeouts) {
  testing::RunCoroutine([&]() -> awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    std::vector<InFrame> held;  // queries answered in reverse order once 50 have arrived
    std::optional<InFrame> slow;
    FakeServer server(ex, [&](const InFrame& f, tcp::socket&) -> std::vector<std::vector<std::uint8_t>> {
      if (f.header.opcode == Opcode::kStartup) return {Reply(4, f.header.stream, Opcode::kReady, WireWriter{})};
      WireReader r(f.body);
      const std::string q(r.ReadLongString());
      std::vector<std::vector<std::uint8_t>> out;
      if (q == "slow") {
        slow = f;  // answered later, after the client gave up
        return out;
      }
      if (q == "after-slow" && slow) {
        out.push_back(Reply(4, slow->header.stream, Opcode::kResult, TextRows("slow")));
        slow.reset();
      }
      if (q.rfind("q", 0) == 0) {
        held.push_back(f);
        if (held.size() == 50) {
          for (auto it = held.rbegin(); it != held.rend(); ++it) {
            WireReader rr(it->body);
            out.push_back(Reply(4, it->header.stream, Opcode::kResult, TextRows(rr.ReadLongString())));
          }
          held.clear();
        }
        return out;
      }
      out.push_back(Reply(4, f.header.stream, Opcode::kResult, TextRows(q)));
      return out;
    });
    asio::co_spawn(ex, server.Run(), asio::detached);
    ConnectionSettings cs;
    cs.port = server.port();
    auto opened = co_await Connection::Open(ex, cs);
    EXPECT_TRUE(opened.ok());
    if (!opened.ok()) co_return;
    auto conn = *opened;

    int matched = 0;
    int finished = 0;
    asio::steady_timer all(ex, std::chrono::steady_clock::time_point::max());
    for (int i = 0; i < 50; ++i) {
      asio::co_spawn(
          ex,
          [&, i]() -> awaitable<void> {
            QueryParameters p;
            const std::string q = "q" + std::to_string(i);
            auto r = co_await conn->Send(BuildQuery(q, p).value(), std::chrono::milliseconds(2000));
            if (r.ok() && r->result.front().Get<std::string>(0) == q) ++matched;
            if (++finished == 50) all.cancel();
          },
          asio::detached);
    }
    error_code ec;
    co_await all.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    EXPECT_EQ(matched, 50);
    EXPECT_EQ(conn->in_flight(), 0u);

    QueryParameters p;
    auto timed_out = co_await conn->Send(BuildQuery("slow", p).value(), std::chrono::milliseconds(30));
    EXPECT_FALSE(timed_out.ok());
    if (!timed_out.ok()) {
      EXPECT_EQ(timed_out.error().code, Errc::kRequestTimeout);
    }
    EXPECT_EQ(conn->in_flight(), 1u);  // the id stays reserved until the late answer
    // The late answer to "slow" arrives first and must not be taken for this request's answer.
    auto next = co_await conn->Send(BuildQuery("after-slow", p).value(), std::chrono::milliseconds(1000));
    EXPECT_TRUE(next.ok());
    if (next.ok()) {
      EXPECT_EQ(next->result.front().Get<std::string>(0), "after-slow");
    }
    EXPECT_EQ(conn->in_flight(), 0u);
    EXPECT_TRUE(conn->is_open());
    conn->Close();
    server.Stop();
  });
}

TEST(Connection, GarbageFromServerFailsPendingRequests) {
  testing::RunCoroutine([&]() -> awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    FakeServer server(ex, [&](const InFrame& f, tcp::socket&) -> std::vector<std::vector<std::uint8_t>> {
      if (f.header.opcode == Opcode::kStartup) return {Reply(4, f.header.stream, Opcode::kReady, WireWriter{})};
      return {std::vector<std::uint8_t>{0x84, 0, 0, 0, 0x42, 0, 0, 0, 0}};  // unknown opcode 0x42
    });
    asio::co_spawn(ex, server.Run(), asio::detached);
    ConnectionSettings cs;
    cs.port = server.port();
    auto opened = co_await Connection::Open(ex, cs);
    EXPECT_TRUE(opened.ok());
    if (!opened.ok()) co_return;
    bool closed_callback = false;
    (*opened)->SetOnClose([&] { closed_callback = true; });
    QueryParameters p;
    auto r = co_await (*opened)->Send(BuildQuery("x", p).value(), std::chrono::milliseconds(1000));
    EXPECT_FALSE(r.ok());
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, Errc::kMalformedFrame);
    }
    EXPECT_FALSE((*opened)->is_open());
    EXPECT_TRUE(closed_callback);
    auto after = co_await (*opened)->Send(BuildQuery("y", p).value(), std::chrono::milliseconds(100));
    EXPECT_FALSE(after.ok());
    if (!after.ok()) {
      EXPECT_EQ(after.error().code, Errc::kConnectionError);
    }
    server.Stop();
  });
}

TEST(Connection, ConnectRefusedIsConnectionError) {
  testing::RunCoroutine([&]() -> awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    ConnectionSettings cs;
    cs.port = 1;
    auto r = co_await Connection::Open(ex, cs);
    EXPECT_FALSE(r.ok());
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, Errc::kConnectionError);
      EXPECT_TRUE(r.error().retryable);
    }
  });
}

}  // namespace
}  // namespace eda::cql

#include "eda/cql/session.hpp"

namespace eda::cql {
namespace {

// Session against the fake server: a connection the server drops is reopened with backoff, and
// the new connection prepares the cached statement before it takes traffic.
TEST(SessionFake, ReconnectsAndReprepares) {
  testing::RunCoroutine([&]() -> awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    std::vector<std::string> log;  // per-connection opcode log: "c<n>:<op>"
    std::map<const tcp::socket*, int> ids;
    const std::string kId = "ID01";
    FakeServer* server_ptr = nullptr;
    FakeServer server(ex, [&](const InFrame& f, tcp::socket& sock) -> std::vector<std::vector<std::uint8_t>> {
      // Sockets of closed connections may be reused at the same address: key them at STARTUP.
      if (f.header.opcode == Opcode::kStartup) ids[&sock] = server_ptr->accepted() - 1;
      const std::string who = "c" + std::to_string(ids[&sock]) + ":";
      const auto st = f.header.stream;
      switch (f.header.opcode) {
        case Opcode::kStartup:
          log.push_back(who + "startup");
          return {Reply(4, st, Opcode::kReady, WireWriter{})};
        case Opcode::kPrepare: {
          log.push_back(who + "prepare");
          WireWriter w;
          w.WriteInt(4);
          w.WriteShortBytes({reinterpret_cast<const std::uint8_t*>(kId.data()), kId.size()});
          w.WriteInt(1);
          w.WriteInt(1);
          w.WriteInt(0);
          w.WriteString("ks");
          w.WriteString("t");
          w.WriteString("k");
          w.WriteShort(0x09);
          w.WriteInt(4);
          w.WriteInt(0);
          return {Reply(4, st, Opcode::kResult, w)};
        }
        case Opcode::kExecute: {
          log.push_back(who + "execute");
          return {Reply(4, st, Opcode::kResult, TextRows("row"))};
        }
        case Opcode::kQuery: {
          log.push_back(who + "kill");
          error_code ec;
          sock.close(ec);  // the server drops this connection
          return {};
        }
        default:
          return {};
      }
    });
    server_ptr = &server;
    asio::co_spawn(ex, server.Run(), asio::detached);

    SessionSettings settings;
    settings.contact_points = {"127.0.0.1:" + std::to_string(server.port())};
    settings.connections_per_node = 1;
    settings.reconnect_base_delay = std::chrono::milliseconds(20);
    auto session = co_await Session::Connect(ex, settings);
    EXPECT_TRUE(session.ok());
    if (!session.ok()) co_return;
    auto s = *session;
    auto prepared = co_await s->Prepare("SELECT v FROM t WHERE k = ?");
    EXPECT_TRUE(prepared.ok());
    if (!prepared.ok()) co_return;
    EXPECT_TRUE((co_await s->Execute(*prepared, Values(1))).ok());

    auto killed = co_await s->Query("kill me");
    EXPECT_FALSE(killed.ok());
    if (!killed.ok()) {
      EXPECT_EQ(killed.error().code, Errc::kConnectionError);
    }
    // Wait for the reconnect (base delay 20 ms).
    for (int i = 0; i < 100 && co_await s->OpenConnectionCount() == 0; ++i) {
      asio::steady_timer t(ex, std::chrono::milliseconds(10));
      co_await t.async_wait(asio::use_awaitable);
    }
    EXPECT_EQ(co_await s->OpenConnectionCount(), 1u);
    auto again = co_await s->Execute(*prepared, Values(2));
    EXPECT_TRUE(again.ok());
    EXPECT_EQ(server_ptr->accepted(), 2);
    const std::vector<std::string> expected{"c0:startup", "c0:prepare", "c0:execute", "c0:kill",
                                            "c1:startup", "c1:prepare", "c1:execute"};
    EXPECT_EQ(log, expected);
    co_await s->Close();
    server.Stop();
  });
}

}  // namespace
}  // namespace eda::cql
