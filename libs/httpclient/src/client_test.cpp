#include "eda/httpclient/client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <mutex>
#include <thread>

#include "eda/httpclient/errc.hpp"
#include "test_server.hpp"

namespace eda::httpclient {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using testing::TestServer;

// Runs one Send to completion on `ioc` (the test thread) and returns its result.
Result<Response> Exec(asio::io_context& ioc, const Client& client, Request request) {
  std::optional<Result<Response>> out;
  asio::co_spawn(
      ioc, [&]() -> asio::awaitable<void> { out.emplace(co_await client.Send(std::move(request))); }, asio::detached);
  ioc.restart();
  ioc.run();
  if (!out) throw std::logic_error("Send did not complete");
  return std::move(*out);
}

std::string Url(const TestServer& s, const std::string& path, const char* scheme = "http", const char* host = "127.0.0.1") {
  return std::string(scheme) + "://" + host + ":" + std::to_string(s.port()) + path;
}

// A request built field by field (designated initialisers trip -Wmissing-field-initializers).
Request Req(std::string url, Method method = Method::kGet, std::string body = "") {
  Request r;
  r.method = method;
  r.url = std::move(url);
  r.body = std::move(body);
  return r;
}
Request Idempotent(Request r) {
  r.idempotent = true;
  return r;
}
Request WithTimeout(Request r, milliseconds timeout) {
  r.timeout = timeout;
  return r;
}

TestServer::Options Opts() { return {}; }

// Collects observer records (thread-safe as the contract requires).
struct Recorder {
  std::mutex mu;
  std::vector<AttemptRecord> records;
  std::function<void(const AttemptRecord&)> Observer() {
    return [this](const AttemptRecord& r) {
      std::lock_guard lock(mu);
      records.push_back(r);
    };
  }
};

Settings FastRetries() {
  Settings s;
  s.backoff_initial = milliseconds{5};
  s.backoff_max = milliseconds{20};
  return s;
}

class ClientTest : public ::testing::Test {
 protected:
  asio::io_context ioc_;
};

TEST_F(ClientTest, GetJson) {
  TestServer server(Opts());
  auto client = Client::Create(ioc_.get_executor()).value();
  auto res = Exec(ioc_, client, Req(Url(server, "/hello?x=1&y=%20")));
  ASSERT_TRUE(res.ok()) << res.error();
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->Header("content-type").value_or(""), "application/json");
  auto json = res->Json().value();
  EXPECT_EQ(json.at("method").as_string(), "GET");
  EXPECT_EQ(json.at("target").as_string(), "/hello?x=1&y=%20");
}

TEST_F(ClientTest, PostJson) {
  TestServer server(Opts());
  auto client = Client::Create(ioc_.get_executor()).value();
  auto res = Exec(ioc_, client, Request::Json(Method::kPost, Url(server, "/orders"), boost::json::object{{"amount", 15000}}));
  ASSERT_TRUE(res.ok()) << res.error();
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].content_type, "application/json");
  EXPECT_EQ(boost::json::parse(seen[0].body).at("amount").as_int64(), 15000);
}

TEST_F(ClientTest, KeepAliveReusesOneConnection) {
  TestServer server(Opts());
  Recorder rec;
  Settings s;
  s.observer = rec.Observer();
  auto client = Client::Create(ioc_.get_executor(), s).value();
  for (int i = 0; i < 5; ++i) {
    auto res = Exec(ioc_, client, Req(Url(server, "/n/" + std::to_string(i))));
    ASSERT_TRUE(res.ok()) << res.error();
    EXPECT_EQ(res->Json().value().at("connection").as_int64(), 1);
  }
  EXPECT_EQ(server.connections(), 1);
  ASSERT_EQ(rec.records.size(), 5u);
  EXPECT_FALSE(rec.records[0].reused_connection);
  EXPECT_TRUE(rec.records[4].reused_connection);
}

TEST_F(ClientTest, DeadlineOnSlowServer) {
  auto opts = Opts();
  opts.delay = milliseconds{3000};
  TestServer server(opts);
  auto client = Client::Create(ioc_.get_executor(), FastRetries()).value();
  const auto start = std::chrono::steady_clock::now();
  // Idempotent: retries are allowed, but the deadline covers them all.
  auto res = Exec(ioc_, client, Idempotent(WithTimeout(Req(Url(server, "/slow")), milliseconds{300})));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, errc::kTimeout);
  EXPECT_TRUE(res.error().retryable);
  EXPECT_GE(elapsed, milliseconds{280});
  EXPECT_LT(elapsed, milliseconds{1500});
}

TEST_F(ClientTest, DeadlineCoversConnectionSetup) {
  // A listener that never accepts: the kernel completes the TCP handshake, but nobody answers the
  // TLS ClientHello, so the connection setup itself must be cut by the deadline.
  asio::ip::tcp::acceptor silent(ioc_, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = std::to_string(silent.local_endpoint().port());
  auto client = Client::Create(ioc_.get_executor(), FastRetries()).value();
  const auto start = std::chrono::steady_clock::now();
  auto res = Exec(ioc_, client, WithTimeout(Req("https://127.0.0.1:" + port + "/"), milliseconds{300}));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, errc::kTimeout) << res.error();
  EXPECT_GE(elapsed, milliseconds{280});
  EXPECT_LT(elapsed, milliseconds{1500});
}

TEST_F(ClientTest, IdempotentRequestRetriedAfterDroppedConnection) {
  auto opts = Opts();
  opts.drop_first_connections = 1;
  TestServer server(opts);
  Recorder rec;
  Settings s = FastRetries();
  s.observer = rec.Observer();
  auto client = Client::Create(ioc_.get_executor(), s).value();
  auto res = Exec(ioc_, client, Idempotent(Req(Url(server, "/x"), Method::kPut, "v")));
  ASSERT_TRUE(res.ok()) << res.error();
  EXPECT_EQ(res->Json().value().at("connection").as_int64(), 2);
  EXPECT_EQ(server.connections(), 2);
  EXPECT_EQ(server.requests().size(), 2u);
  ASSERT_EQ(rec.records.size(), 2u);
  EXPECT_EQ(rec.records[0].error_code, errc::kIo);
  EXPECT_EQ(rec.records[1].status, 200);
}

TEST_F(ClientTest, NonIdempotentRequestNotRetriedOnceSent) {
  auto opts = Opts();
  opts.drop_first_connections = 1;
  TestServer server(opts);
  auto client = Client::Create(ioc_.get_executor(), FastRetries()).value();
  auto res = Exec(ioc_, client, Req(Url(server, "/pay"), Method::kPost, "once"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, errc::kIo);
  EXPECT_TRUE(res.error().retryable);  // the caller may decide (e.g. look the payment up first)
  std::this_thread::sleep_for(milliseconds{50});
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(ClientTest, ConnectFailureRetriedEvenWhenNotIdempotent) {
  // A port nobody listens on: bind an ephemeral port, then release it.
  unsigned short port = 0;
  {
    asio::ip::tcp::acceptor a(ioc_, {asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }
  Recorder rec;
  Settings s = FastRetries();
  s.observer = rec.Observer();
  auto client = Client::Create(ioc_.get_executor(), s).value();
  auto res = Exec(ioc_, client, Req("http://127.0.0.1:" + std::to_string(port) + "/", Method::kPost));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, errc::kConnect);
  EXPECT_EQ(rec.records.size(), 3u);  // nothing was sent, so even a POST may be tried again
}

TEST_F(ClientTest, StalePooledConnectionIsNotUsed) {
  auto opts = Opts();
  opts.close_after_response = true;
  TestServer server(opts);
  auto client = Client::Create(ioc_.get_executor()).value();
  ASSERT_TRUE(Exec(ioc_, client, Req(Url(server, "/a"), Method::kPost, "1")).ok());
  std::this_thread::sleep_for(milliseconds{50});  // let the server's FIN arrive
  // Not idempotent, so a failure on a dead pooled connection would not be retried: success proves
  // the pool noticed the close and dialled anew.
  auto res = Exec(ioc_, client, Req(Url(server, "/b"), Method::kPost, "2"));
  ASSERT_TRUE(res.ok()) << res.error();
  EXPECT_EQ(server.connections(), 2);
}

TEST_F(ClientTest, ResponseBodyLimit) {
  TestServer server(Opts());
  Settings s;
  s.max_response_body = 1000;
  auto client = Client::Create(ioc_.get_executor(), s).value();
  auto res = Exec(ioc_, client, Req(Url(server, "/big")));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, errc::kProtocol);
  EXPECT_FALSE(res.error().retryable);
}

TEST_F(ClientTest, ObserverSeesNoSecrets) {
  TestServer server(Opts());
  Recorder rec;
  Settings s;
  s.observer = rec.Observer();
  auto client = Client::Create(ioc_.get_executor(), s).value();
  Request req = Request::Json(Method::kPost, Url(server, "/v1/payments/confirm?secret=1"), boost::json::object{{"card", "4111"}});
  req.headers.emplace_back("Authorization", BasicAuthorization("test_sk_secret", ""));
  req.sensitive_body = true;
  ASSERT_TRUE(Exec(ioc_, client, req).ok());
  EXPECT_EQ(server.requests().at(0).authorization, BasicAuthorization("test_sk_secret", ""));  // really sent
  ASSERT_EQ(rec.records.size(), 1u);
  const AttemptRecord& r = rec.records[0];
  EXPECT_EQ(FindHeader(r.request_headers, "authorization").value_or(""), "<redacted>");
  EXPECT_EQ(r.request_body, "<sensitive 15 bytes>");
  EXPECT_EQ(r.url.find("secret"), std::string::npos);
  EXPECT_EQ(r.url, Url(server, "/v1/payments/confirm"));
  EXPECT_EQ(r.status, 200);
}

TEST_F(ClientTest, RejectsHeaderInjectionAndBadUrls) {
  auto client = Client::Create(ioc_.get_executor()).value();
  Request req = Req("http://127.0.0.1:1/");
  req.headers.emplace_back("Idempotency-Key", "abc\r\nX-Evil: 1");
  EXPECT_EQ(Exec(ioc_, client, req).error().code, errc::kInvalidRequest);
  for (const char* url : {"ftp://example.com/", "http://user:pw@example.com/", "not a url", "http:///path", "/relative"}) {
    auto res = Exec(ioc_, client, Req(url));
    ASSERT_FALSE(res.ok()) << url;
    EXPECT_EQ(res.error().code, errc::kInvalidUrl) << url;
    EXPECT_FALSE(res.error().retryable);
  }
}

TEST_F(ClientTest, SendBlockingFromAnotherThread) {
  TestServer server(Opts());
  auto client = Client::Create(ioc_.get_executor()).value();
  auto guard = asio::make_work_guard(ioc_);
  std::thread io([&] { ioc_.run(); });
  auto first = client.SendBlocking(Req(Url(server, "/one")));
  auto second = client.SendBlocking(Req(Url(server, "/two"), Method::kDelete));
  guard.reset();
  client.CloseIdle();
  io.join();
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_EQ(second->Json().value().at("method").as_string(), "DELETE");
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(ClientTest, CancelledRequestIsNotRetried) {
  auto opts = Opts();
  opts.delay = milliseconds{600};
  TestServer server(opts);
  auto client = Client::Create(ioc_.get_executor(), FastRetries()).value();
  bool timer_won = false;
  asio::co_spawn(
      ioc_,
      [&]() -> asio::awaitable<void> {
        using namespace asio::experimental::awaitable_operators;
        asio::steady_timer timer(ioc_, milliseconds{100});
        auto winner = co_await (client.Send(Idempotent(Req(Url(server, "/slow")))) || timer.async_wait(asio::use_awaitable));
        timer_won = winner.index() == 1;
      },
      asio::detached);
  ioc_.run();
  EXPECT_TRUE(timer_won);
  std::this_thread::sleep_for(milliseconds{200});
  EXPECT_EQ(server.requests().size(), 1u);  // the idempotent request was not sent again
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(ClientTest, MissingCaFileIsAConfigError) {
  Settings s;
  s.ca_file = "/nonexistent/ca.pem";
  auto client = Client::Create(ioc_.get_executor(), s);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, errc::kConfig);
}

class TlsTest : public ClientTest {
 protected:
  void SetUp() override {
    cert_ = testing::MakeSelfSignedCertificate("DNS:localhost,IP:127.0.0.1");
    ca_file_ = testing::WriteTempFile(cert_.cert_pem);
  }
  void TearDown() override { std::filesystem::remove(ca_file_); }
  testing::TestCertificate cert_;
  std::string ca_file_;
};

TEST_F(TlsTest, UntrustedCertificateFailsByDefault) {
  auto opts = Opts();
  opts.tls = TestServer::TlsContext(cert_);
  TestServer server(opts);
  auto client = Client::Create(ioc_.get_executor(), FastRetries()).value();
  auto res = Exec(ioc_, client, Idempotent(Req(Url(server, "/", "https"))));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, errc::kTls) << res.error();
  EXPECT_FALSE(res.error().retryable);
  EXPECT_NE(res.error().message.find("certificate"), std::string::npos) << res.error();
  EXPECT_EQ(server.connections(), 1);  // not retried
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(TlsTest, TrustedCaSucceedsAndReuses) {
  auto opts = Opts();
  opts.tls = TestServer::TlsContext(cert_);
  TestServer server(opts);
  Settings s;
  s.ca_file = ca_file_;
  auto client = Client::Create(ioc_.get_executor(), s).value();
  for (const char* host : {"127.0.0.1", "localhost"}) {
    auto res = Exec(ioc_, client, Request::Json(Method::kPost, Url(server, "/v1/payments/confirm", "https", host),
                                               boost::json::object{{"paymentKey", "pk"}}));
    ASSERT_TRUE(res.ok()) << host << ": " << res.error();
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->Json().value().at("method").as_string(), "POST");
  }
  ASSERT_TRUE(Exec(ioc_, client, Req(Url(server, "/again", "https"))).ok());
  // 127.0.0.1 and localhost are different pool keys; the third request reused the first connection.
  EXPECT_EQ(server.connections(), 2);
}

TEST_F(TlsTest, HostNameMustMatchCertificate) {
  auto cert = testing::MakeSelfSignedCertificate("DNS:localhost");
  std::string ca = testing::WriteTempFile(cert.cert_pem);
  auto opts = Opts();
  opts.tls = TestServer::TlsContext(cert);
  TestServer server(opts);
  Settings s;
  s.ca_file = ca;
  auto client = Client::Create(ioc_.get_executor(), s).value();
  EXPECT_TRUE(Exec(ioc_, client, Req(Url(server, "/", "https", "localhost"))).ok());
  auto res = Exec(ioc_, client, Req(Url(server, "/", "https", "127.0.0.1")));  // IP not in the certificate
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, errc::kTls);
  EXPECT_NE(res.error().message.find("mismatch"), std::string::npos) << res.error();
  std::filesystem::remove(ca);
}

TEST_F(TlsTest, PlainClientToTlsServerFailsCleanly) {
  auto opts = Opts();
  opts.tls = TestServer::TlsContext(cert_);
  TestServer server(opts);
  auto client = Client::Create(ioc_.get_executor()).value();
  auto res = Exec(ioc_, client, WithTimeout(Req(Url(server, "/")), milliseconds{2000}));
  ASSERT_FALSE(res.ok());  // the server answers a TLS alert or closes: never a fake success
}

}  // namespace
}  // namespace eda::httpclient
