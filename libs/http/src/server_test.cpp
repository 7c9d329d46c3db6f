// Starts the real server on an ephemeral loopback port and talks raw HTTP/1.1 to it.
#include "eda/http/server.hpp"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/parse.hpp>

#include "eda/http/json_body.hpp"

namespace eda::http {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using Clock = std::chrono::steady_clock;

awaitable<void> SleepFor(std::chrono::milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
}

Router MakeRouter() {
  Router r;
  r.Get("/ok", [](Request&) -> awaitable<Response> { co_return Response::Json(boost::json::object{{"ok", true}}); });
  r.Get("/whoami", [](Request& req) -> awaitable<Response> {
    co_return Response::Json(boost::json::object{{"remote", req.remote_address()}});
  });
  r.Get("/delay/{ms}", [](Request& req) -> awaitable<Response> {
    co_await SleepFor(std::chrono::milliseconds(*req.path_param_int("ms")));
    co_return Response::Text(200, req.query("n").value_or(""));
  });
  r.Post("/items", [](Request& req) -> awaitable<Response> {
    auto body = JsonBody::Parse(req.body());
    if (!body.ok()) co_return body.error();
    auto name = body->String("name", StringRule::NonEmpty());
    auto price = body->Int("price", IntRule::AtLeast(0));
    if (!body->ok()) co_return body->ToProblem();
    co_return Response::Json(201, boost::json::object{{"name", name}, {"price", price}});
  });
  r.Get("/boom", [](Request&) -> awaitable<Response> {
    throw std::runtime_error("kaboom");
    co_return Response{};
  });
  return r;
}

class ServerTest : public ::testing::Test {
 protected:
  void StartServer() {
    server_ = std::make_unique<Server>(settings_, MakeRouter(), registry_);
    server_->SetOpenApiDocument(R"({"openapi":"3.1.0","paths":{}})");
    server_->AddReadinessCheck("db", [this]() -> awaitable<Status> {
      if (db_up_) co_return Status{};
      co_return Error::Transient("db.down", "connection refused");
    });
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_NE(server_->port(), 0);
  }
  void SetUp() override {
    settings_.address = "127.0.0.1";
    settings_.port = 0;
    settings_.io_threads = 2;
    settings_.body_limit = 1024;
    settings_.header_limit = 2048;
    settings_.header_timeout = std::chrono::milliseconds(400);
    settings_.body_timeout = std::chrono::milliseconds(400);
    settings_.shutdown_timeout = std::chrono::seconds(5);
    settings_.access_log = false;
    settings_.metrics_token = config::Secret("scrape-token-0123456789");
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  ServerSettings settings_;
  metrics::Registry registry_;
  std::unique_ptr<Server> server_;
  std::atomic<bool> db_up_{true};
};

// A blocking test client; every read gives up after 5 s so a broken server fails instead of hanging.
class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(ioc_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval tv{5, 0};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  boost::system::error_code Write(std::string_view raw) {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(raw.data(), raw.size()), ec);
    return ec;
  }
  std::optional<bhttp::response<bhttp::string_body>> Read() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(1 << 20);
    boost::system::error_code ec;
    bhttp::read(socket_, buffer_, parser, ec);
    if (ec) return std::nullopt;
    return parser.release();
  }
  std::optional<bhttp::response<bhttp::string_body>> Send(std::string_view raw) {
    if (Write(raw)) return std::nullopt;
    return Read();
  }
  // True when the server closed the connection (EOF/reset) rather than our 5 s receive timeout.
  bool PeerClosed() {
    char c;
    boost::system::error_code ec;
    socket_.read_some(asio::buffer(&c, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context ioc_;
  asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

std::string Get(std::string_view target, std::string_view extra = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: t\r\n" + std::string(extra) + "\r\n";
}
std::string Post(std::string_view target, std::string_view body) {
  return "POST " + std::string(target) + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}
boost::json::object Json(const bhttp::response<bhttp::string_body>& r) { return boost::json::parse(r.body()).as_object(); }

TEST_F(ServerTest, ServesJsonWithRequestIdAndKeepAlive) {
  StartServer();
  Client c(server_->port());
  for (int i = 0; i < 3; ++i) {  // same connection
    auto r = c.Send(Get("/ok", "X-Request-Id: abc\r\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200);
    EXPECT_EQ(r->body(), R"({"ok":true})");
    EXPECT_EQ((*r)["X-Request-Id"], "abc");
    EXPECT_TRUE(r->keep_alive());
  }
}

TEST_F(ServerTest, RequestCarriesThePeerAddress) {
  StartServer();
  Client c(server_->port());
  auto r = c.Send(Get("/whoami"));
  ASSERT_TRUE(r);
  EXPECT_EQ(Json(*r).at("remote").as_string(), "127.0.0.1");
}

TEST_F(ServerTest, MalformedJsonIs400Problem) {
  StartServer();
  Client c(server_->port());
  auto r = c.Send(Post("/items", R"({"name": "pen", )"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
  EXPECT_EQ((*r)[bhttp::field::content_type], "application/problem+json");
  auto b = Json(*r);
  EXPECT_EQ(b.at("code").as_string(), "malformed_json");
  EXPECT_EQ(b.at("instance").as_string(), "/items");
  EXPECT_EQ(c.Send(Get("/ok"))->result_int(), 200);  // connection still usable
}

TEST_F(ServerTest, WrongTypesAre400NamingTheFields) {
  StartServer();
  Client c(server_->port());
  auto r = c.Send(Post("/items", R"({"name": 5, "price": "12"})"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
  auto b = Json(*r);
  EXPECT_EQ(b.at("code").as_string(), "validation_failed");
  auto& errors = b.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field").as_string(), "name");
  EXPECT_EQ(errors[0].at("message").as_string(), "must be a string");
  EXPECT_EQ(errors[1].at("field").as_string(), "price");
  auto ok = c.Send(Post("/items", R"({"name": "pen", "price": 12})"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 201);
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  StartServer();
  Client c(server_->port());
  std::string body = R"({"name":"pen","price":3})";
  ASSERT_FALSE(c.Write("POST /items HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n"));
  auto interim = c.Read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100);
  ASSERT_FALSE(c.Write(body));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 201);
}

TEST_F(ServerTest, OversizedBodyIs413AndServerKeepsServing) {
  StartServer();
  {
    Client c(server_->port());
    std::string big(5000, 'x');
    auto r = c.Send(Post("/items", big));
    if (r) {
      EXPECT_EQ(r->result_int(), 413);
      EXPECT_EQ(Json(*r).at("code").as_string(), "body_too_large");
      EXPECT_FALSE(r->keep_alive());
    }
    EXPECT_TRUE(c.PeerClosed());
  }
  {
    // Chunked: no Content-Length to check up front; the parser's limit trips mid-body.
    Client c(server_->port());
    std::string chunk(800, 'y');
    std::string raw = "POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) raw += "320\r\n" + chunk + "\r\n";
    raw += "0\r\n\r\n";
    auto r = c.Send(raw);
    if (r) {
    EXPECT_EQ(r->result_int(), 413);
  }
    EXPECT_TRUE(c.PeerClosed());
  }
  Client again(server_->port());
  EXPECT_EQ(again.Send(Get("/ok"))->result_int(), 200);
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  StartServer();
  Client c(server_->port());
  auto r = c.Send(Get("/ok", "X-Big: " + std::string(4000, 'h') + "\r\n"));
  if (r) {
    EXPECT_EQ(r->result_int(), 431);
  }
  EXPECT_TRUE(c.PeerClosed());
}

TEST_F(ServerTest, GarbageRequestLineIs400) {
  StartServer();
  Client c(server_->port());
  auto r = c.Send("THIS IS NOT HTTP\r\n\r\n");
  if (r) {
    EXPECT_EQ(r->result_int(), 400);
  }
  EXPECT_TRUE(c.PeerClosed());
}

TEST_F(ServerTest, SlowClientIsCutOffWhileOthersAreServed) {
  StartServer();
  Client slow(server_->port());
  ASSERT_FALSE(slow.Write("GET /ok HTTP/1.1\r\n"));
  const auto start = Clock::now();
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    // One header byte every 100 ms: would take 3 s, far beyond the 400 ms header deadline.
    std::string header = "X-Slow: " + std::string(20, 's') + "\r\n\r\n";
    for (char ch : header) {
      if (done || slow.Write(std::string_view(&ch, 1))) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  Client fast(server_->port());
  for (int i = 0; i < 3; ++i) {
    auto r = fast.Send(Get("/ok"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200);
  }
  EXPECT_TRUE(slow.PeerClosed());
  const auto elapsed = Clock::now() - start;
  done = true;
  trickle.join();
  EXPECT_LT(elapsed, std::chrono::milliseconds(2000));
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));
  Client after(server_->port());
  EXPECT_EQ(after.Send(Get("/ok"))->result_int(), 200);
}

TEST_F(ServerTest, PipelinedRequestsAnsweredInOrder) {
  StartServer();
  Client c(server_->port());
  // The first request is the slowest: answers must still come back 1, 2, 3.
  ASSERT_FALSE(c.Write(Get("/delay/200?n=1") + Get("/delay/0?n=2") + Get("/delay/50?n=3")));
  for (auto want : {"1", "2", "3"}) {
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200);
    EXPECT_EQ(r->body(), want);
  }
}

TEST_F(ServerTest, HandlerExceptionIs500WithIdAndServerKeepsServing) {
  StartServer();
  Client c(server_->port());
  auto r = c.Send(Get("/boom"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 500);
  auto b = Json(*r);
  EXPECT_EQ(b.at("code").as_string(), "internal_error");
  EXPECT_FALSE(b.at("errorId").as_string().empty());
  EXPECT_EQ(r->body().find("kaboom"), std::string::npos);
  EXPECT_EQ(c.Send(Get("/ok"))->result_int(), 200);
  Client other(server_->port());
  EXPECT_EQ(other.Send(Get("/ok"))->result_int(), 200);
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowed) {
  StartServer();
  Client c(server_->port());
  auto nf = c.Send(Get("/nothing/here"));
  ASSERT_TRUE(nf);
  EXPECT_EQ(nf->result_int(), 404);
  EXPECT_EQ(Json(*nf).at("code").as_string(), "not_found");
  auto na = c.Send("DELETE /ok HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(na);
  EXPECT_EQ(na->result_int(), 405);
  EXPECT_EQ((*na)[bhttp::field::allow], "GET, HEAD");
}

TEST_F(ServerTest, BuiltInRoutes) {
  StartServer();
  Client c(server_->port());
  auto live = c.Send(Get("/health/live"));
  ASSERT_TRUE(live);
  EXPECT_EQ(live->result_int(), 200);
  auto ready = c.Send(Get("/health/ready"));
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->result_int(), 200);
  db_up_ = false;
  auto not_ready = c.Send(Get("/health/ready"));
  ASSERT_TRUE(not_ready);
  EXPECT_EQ(not_ready->result_int(), 503);
  EXPECT_NE(Json(*not_ready).at("detail").as_string().find("db: connection refused"), std::string::npos);
  auto doc = c.Send(Get("/openapi.json"));
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->body(), R"({"openapi":"3.1.0","paths":{}})");
  c.Send(Get("/ok"));
  auto metrics = c.Send(Get("/metrics", "Authorization: Bearer scrape-token-0123456789\r\n"));
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->result_int(), 200);
  EXPECT_NE(metrics->body().find(R"(eda_http_requests_total{method="GET",route="/ok",service="eda",status="200"} 1)"),
            std::string::npos)
      << metrics->body();
}

TEST_F(ServerTest, MetricsNeedTheScrapeToken) {
  StartServer();
  Client c(server_->port());
  for (const char* header : {"", "Authorization: Bearer scrape-token-0123456788\r\n",
                             "Authorization: Bearer scrape-token-0123456789x\r\n", "Authorization: scrape-token-0123456789\r\n"}) {
    auto refused = c.Send(Get("/metrics", header));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->result_int(), 401) << header;
    EXPECT_EQ((*refused)[bhttp::field::www_authenticate], "Bearer");
    EXPECT_EQ(refused->body().find("eda_http_requests_total"), std::string::npos);
  }
  server_->Stop();
  settings_.metrics_token = config::Secret();
  StartServer();
  Client unset(server_->port());
  auto closed = unset.Send(Get("/metrics", "Authorization: Bearer \r\n"));
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->result_int(), 403);
}

TEST(ServerSettingsTest, MetricsTokenComesFromItsFileWithoutTheNewline) {
  const std::string path = ::testing::TempDir() + "/metrics.token";
  std::FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("s3cret-scrape-token\n", f);
  std::fclose(f);
  config::Reader r([&](std::string_view key) -> std::optional<std::string> {
    if (key == "EDA_METRICS_TOKEN_FILE") return path;
    return std::nullopt;
  });
  const ServerSettings s = ServerSettings::Load(r, "svc", 8080);
  ASSERT_TRUE(r.Finish().ok());
  EXPECT_EQ(s.metrics_token.Reveal(), "s3cret-scrape-token");
  std::remove(path.c_str());
}

TEST_F(ServerTest, GracefulStopDrainsInFlightRequest) {
  StartServer();
  const auto port = server_->port();
  Client idle(port);
  ASSERT_EQ(idle.Send(Get("/ok"))->result_int(), 200);  // keep-alive, now idle
  Client busy(port);
  ASSERT_FALSE(busy.Write(Get("/delay/800?n=drained")));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the request is in the handler
  const auto stop_start = Clock::now();
  std::thread stopper([&] { server_->Stop(); });
  auto r = busy.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(r->body(), "drained");
  EXPECT_FALSE(r->keep_alive());  // Connection: close while stopping
  EXPECT_TRUE(idle.PeerClosed());
  stopper.join();
  const auto stop_took = Clock::now() - stop_start;
  EXPECT_GE(stop_took, std::chrono::milliseconds(400));
  EXPECT_LT(stop_took, std::chrono::seconds(4));
  // No longer accepting.
  EXPECT_THROW(Client late(port), boost::system::system_error);
}

TEST_F(ServerTest, StopCutsRequestsThatOutliveTheDeadline) {
  settings_.shutdown_timeout = std::chrono::milliseconds(300);
  StartServer();
  Client busy(server_->port());
  ASSERT_FALSE(busy.Write(Get("/delay/5000")));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto start = Clock::now();
  server_->Stop();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  EXPECT_FALSE(busy.Read().has_value());
}

TEST_F(ServerTest, RunStopsGracefullyOnSigterm) {
  // Keeps asio's SIGTERM handler installed for the whole test, so a signal raised a little early is
  // swallowed (and the test fails by timeout) instead of killing the test process.
  asio::io_context guard_ioc;
  asio::signal_set guard(guard_ioc, SIGTERM);
  Server server(settings_, MakeRouter(), registry_);
  std::atomic<int> rc{-1};
  std::thread runner([&] { rc = server.Run(); });
  for (int i = 0; i < 100 && server.port() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_NE(server.port(), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // Run() is now waiting for signals
  Client c(server.port());
  ASSERT_FALSE(c.Write(Get("/delay/300?n=last")));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ::raise(SIGTERM);
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body(), "last");
  for (int i = 0; i < 300 && rc == -1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(rc, 0);
  if (rc == -1) ::raise(SIGTERM);  // a signal raised too early was swallowed: retry so the runner ends
  runner.join();
}

TEST_F(ServerTest, BindFailureIsAnError) {
  StartServer();
  ServerSettings s = settings_;
  s.port = server_->port();
  Server second(s, Router{}, registry_);
  auto st = second.Start();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "http.bind");
}

}  // namespace
}  // namespace eda::http
