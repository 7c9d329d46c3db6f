#include "eda/httpclient/client.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>
#include <algorithm>
#include <future>
#include <random>

#include "connection.hpp"
#include "eda/httpclient/errc.hpp"

namespace eda::httpclient {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using detail::Connection;
using detail::TlsStream;

constexpr auto kUseAwaitable = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxResponseHeader = 64 * 1024;
constexpr std::size_t kObservedBodyBytes = 1024;

// Where a request goes, derived once from its URL.
struct Target {
  bool tls = false;
  std::string host;         // for resolve, SNI and certificate checks (IPv6 without brackets)
  bool host_is_ip = false;
  std::string port;
  std::string host_header;  // Host field: host[:port] (brackets for IPv6, port only if not default)
  std::string target;       // origin-form: path?query
  std::string pool_key;     // scheme://host:port
  std::string log_url;      // scheme://host:port/path (no query)
};

Error Permanent(std::string_view code, std::string message) { return Error::Permanent(std::string(code), std::move(message)); }
Error Transient(std::string_view code, std::string message) { return Error::Transient(std::string(code), std::move(message)); }

Result<Target> ParseTarget(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return Permanent(errc::kInvalidUrl, "not an absolute URL");
  const boost::urls::url_view& u = *parsed;
  Target t;
  if (u.scheme_id() == boost::urls::scheme::https) t.tls = true;
  else if (u.scheme_id() != boost::urls::scheme::http) return Permanent(errc::kInvalidUrl, "scheme must be http or https");
  if (u.has_userinfo()) return Permanent(errc::kInvalidUrl, "credentials in the URL are not allowed");
  if (u.host_type() == boost::urls::host_type::none || u.host_type() == boost::urls::host_type::ipvfuture ||
      u.encoded_host().empty()) {
    return Permanent(errc::kInvalidUrl, "URL has no usable host");
  }
  t.host = u.host_address();
  t.host_is_ip = u.host_type() == boost::urls::host_type::ipv4 || u.host_type() == boost::urls::host_type::ipv6;
  const std::string_view default_port = t.tls ? "443" : "80";
  t.port = u.has_port() && !u.port().empty() ? std::string(u.port()) : std::string(default_port);
  if (u.has_port() && u.port_number() == 0) return Permanent(errc::kInvalidUrl, "bad port");
  const std::string bracketed = u.host_type() == boost::urls::host_type::ipv6 ? "[" + t.host + "]" : t.host;
  t.host_header = t.port == default_port ? bracketed : bracketed + ":" + t.port;
  t.target = u.encoded_path().empty() ? "/" : std::string(u.encoded_path());
  t.log_url = std::string(t.tls ? "https://" : "http://") + bracketed + ":" + t.port + t.target;
  if (u.has_query()) t.target += "?" + std::string(u.encoded_query());
  t.pool_key = std::string(t.tls ? "https://" : "http://") + bracketed + ":" + t.port;
  return t;
}

http::verb ToVerb(Method m) {
  switch (m) {
    case Method::kGet: return http::verb::get;
    case Method::kHead: return http::verb::head;
    case Method::kPost: return http::verb::post;
    case Method::kPut: return http::verb::put;
    case Method::kPatch: return http::verb::patch;
    case Method::kDelete: return http::verb::delete_;
  }
  return http::verb::get;
}

bool HasControlChars(std::string_view s) { return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos; }

// Fields the client owns: letting a caller set them would desynchronise framing or pooling.
bool IsReservedField(std::string_view name) {
  for (std::string_view r : {"host", "content-length", "transfer-encoding", "connection"}) {
    if (beast::iequals(name, r)) return true;
  }
  return false;
}

enum class Stage { kConnect, kHandshake, kWrite, kRead };

// Maps a failed operation to our codes. A failure at or after the deadline is a timeout whatever
// the operation reported (the deadline closes the socket, which can surface as other errors).
Error Classify(const boost::system::error_code& ec, Stage stage, Clock::time_point deadline) {
  if (ec == asio::error::operation_aborted && Clock::now() < deadline) {
    // Our deadline surfaces as beast::error::timeout; an abort before it is the caller cancelling.
    return Permanent(errc::kCancelled, "request cancelled");
  }
  if (ec == beast::error::timeout || Clock::now() >= deadline) {
    return Transient(errc::kTimeout, "request deadline exceeded");
  }
  switch (stage) {
    case Stage::kConnect: return Transient(errc::kConnect, "connect failed: " + ec.message());
    case Stage::kHandshake: return Permanent(errc::kTls, "TLS handshake failed: " + ec.message());
    case Stage::kWrite: return Transient(errc::kIo, "connection lost while sending: " + ec.message());
    case Stage::kRead: break;
  }
  if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == asio::error::connection_aborted ||
      ec == asio::error::broken_pipe || ec == ssl::error::stream_truncated) {
    return Transient(errc::kIo, "connection closed before a complete response: " + ec.message());
  }
  if (ec.category() == http::make_error_code(http::error::end_of_stream).category()) {
    return Permanent(errc::kProtocol, "invalid HTTP response: " + ec.message());
  }
  if (ec.category() == asio::error::get_ssl_category()) return Permanent(errc::kTls, "TLS error: " + ec.message());
  return Transient(errc::kIo, "read failed: " + ec.message());
}

std::chrono::milliseconds Backoff(const Settings& s, int attempt) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  auto base = s.backoff_initial;
  for (int i = 1; i < attempt && base < s.backoff_max; ++i) base *= 2;
  base = std::min(base, s.backoff_max);
  // Jitter in [0.5, 1] of the base spreads out clients that failed together.
  std::uniform_real_distribution<double> factor(0.5, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(base.count()) * factor(rng)));
}

struct Attempt {
  Result<Response> result;
  bool request_sent = false;
  bool reused = false;
};

}  // namespace

struct Client::Impl {
  Impl(asio::any_io_executor ex, Settings s)
      : executor(std::move(ex)),
        settings(std::move(s)),
        tls_context(ssl::context::tls_client),
        pool(settings.max_idle_per_host, settings.idle_timeout) {}

  asio::awaitable<Result<Response>> Send(Request request);
  asio::awaitable<Attempt> TryOnce(const Target& t, const http::request<http::string_body>& msg, bool head,
                                   Clock::time_point deadline);
  asio::awaitable<Result<std::unique_ptr<Connection>>> Connect(const Target& t, Clock::time_point deadline);
  void Report(const Request& req, const Target& t, int attempt, const Attempt& a, Clock::time_point started) const;

  asio::any_io_executor executor;
  Settings settings;
  ssl::context tls_context;
  detail::ConnectionPool pool;
};

Result<Client> Client::Create(asio::any_io_executor executor, Settings settings) {
  if (settings.max_attempts < 1) settings.max_attempts = 1;
  auto impl = std::make_shared<Impl>(std::move(executor), std::move(settings));
  SSL_CTX* ctx = impl->tls_context.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  impl->tls_context.set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (impl->settings.use_system_ca) {
    // A host without a CA bundle only loses the public roots; a configured ca_file still works.
    impl->tls_context.set_default_verify_paths(ec);
  }
  if (!impl->settings.ca_file.empty()) {
    impl->tls_context.load_verify_file(impl->settings.ca_file, ec);
    if (ec) return Permanent(errc::kConfig, "cannot load CA file " + impl->settings.ca_file + ": " + ec.message());
  }
  return Client(std::move(impl));
}

Client::Client(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

asio::awaitable<Result<Response>> Client::Send(Request request) const {
  std::shared_ptr<Impl> impl = impl_;  // keeps the pool and TLS context alive for this call
  co_return co_await impl->Send(std::move(request));
}

Result<Response> Client::SendBlocking(Request request) const {
  // The promise lives in the coroutine frame: if the io_context is destroyed before the request
  // ran, the frame dies with it and get() throws broken_promise instead of waiting forever.
  auto done = std::make_unique<std::promise<Result<Response>>>();
  auto future = done->get_future();
  asio::co_spawn(
      impl_->executor,
      [impl = impl_, done = std::move(done), request = std::move(request)]() mutable -> asio::awaitable<void> {
        try {
          done->set_value(co_await impl->Send(std::move(request)));
        } catch (...) {
          done->set_exception(std::current_exception());
        }
      },
      asio::detached);
  return future.get();
}

void Client::CloseIdle() const { impl_->pool.Clear(); }

asio::awaitable<Result<Response>> Client::Impl::Send(Request request) {
  auto target = ParseTarget(request.url);
  if (!target.ok()) co_return std::move(target).error();
  const Clock::time_point deadline = Clock::now() + request.timeout.value_or(settings.default_timeout);

  http::request<http::string_body> msg{ToVerb(request.method), target->target, 11};
  msg.set(http::field::host, target->host_header);
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || HasControlChars(name) || HasControlChars(value)) {
      co_return Permanent(errc::kInvalidRequest, "header field contains CR, LF or NUL");
    }
    if (!IsReservedField(name)) msg.insert(name, value);
  }
  if (!FindHeader(request.headers, "User-Agent")) msg.set(http::field::user_agent, settings.user_agent);
  msg.body() = request.body;
  msg.keep_alive(true);
  msg.prepare_payload();

  for (int attempt = 1;; ++attempt) {
    const auto started = Clock::now();
    Attempt a = co_await TryOnce(*target, msg, request.method == Method::kHead, deadline);
    Report(request, *target, attempt, a, started);
    if (a.result.ok()) co_return std::move(a.result);
    const Error& e = a.result.error();
    // A request that reached the server may have had its effect; only an idempotent one may be repeated.
    const bool may_retry = e.retryable && (request.idempotent || !a.request_sent) && attempt < settings.max_attempts;
    if (!may_retry) co_return std::move(a.result);
    const auto delay = Backoff(settings, attempt);
    if (Clock::now() + delay >= deadline) co_return std::move(a.result);
    asio::steady_timer timer(executor, delay);
    auto [ec] = co_await timer.async_wait(kUseAwaitable);
    // A caller that cancelled us (e.g. a shutdown) must not see its request sent again.
    if (ec || (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none) {
      co_return Permanent(errc::kCancelled, "request cancelled");
    }
  }
}

asio::awaitable<Attempt> Client::Impl::TryOnce(const Target& t, const http::request<http::string_body>& msg,
                                                bool head, Clock::time_point deadline) {
  std::unique_ptr<Connection> conn = pool.Take(t.pool_key);
  const bool reused = conn != nullptr;
  if (!conn) {
    auto connected = co_await Connect(t, deadline);
    if (!connected.ok()) co_return Attempt{std::move(connected).error(), false, false};
    conn = std::move(*connected);
  }

  conn->Lowest().expires_at(deadline);
  auto [wec, written] = co_await conn->With([&](auto& s) { return http::async_write(s, msg, kUseAwaitable); });
  (void)written;
  if (wec) {
    conn->Close();
    co_return Attempt{Classify(wec, Stage::kWrite, deadline), true, reused};
  }

  http::response_parser<http::string_body> parser;
  parser.header_limit(kMaxResponseHeader);
  parser.body_limit(settings.max_response_body);
  if (head) parser.skip(true);
  auto [rec, read] = co_await conn->With([&](auto& s) { return http::async_read(s, conn->buffer(), parser, kUseAwaitable); });
  (void)read;
  if (rec) {
    conn->Close();
    co_return Attempt{Classify(rec, Stage::kRead, deadline), true, reused};
  }

  http::response<http::string_body> res = parser.release();
  Response out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  out.body = std::move(res.body());
  if (res.keep_alive()) {
    conn->Lowest().expires_never();
    pool.Put(t.pool_key, std::move(conn));
  } else {
    conn->Close();
  }
  co_return Attempt{std::move(out), true, reused};
}

asio::awaitable<Result<std::unique_ptr<Connection>>> Client::Impl::Connect(const Target& t, Clock::time_point deadline) {
  using namespace asio::experimental::awaitable_operators;
  tcp::resolver resolver(executor);
  asio::steady_timer timer(executor, deadline);
  // Resolution has no timeout of its own: race it against the deadline.
  auto resolved = co_await (resolver.async_resolve(t.host, t.port, kUseAwaitable) || timer.async_wait(kUseAwaitable));
  if (resolved.index() == 1) co_return Transient(errc::kTimeout, "request deadline exceeded while resolving");
  auto [rec, endpoints] = std::get<0>(std::move(resolved));
  if (rec) co_return Transient(errc::kConnect, "cannot resolve " + t.host + ": " + rec.message());

  auto stream = std::make_unique<beast::tcp_stream>(executor);
  stream->expires_at(deadline);
  auto [cec, endpoint] = co_await stream->async_connect(endpoints, kUseAwaitable);
  (void)endpoint;
  if (cec) co_return Classify(cec, Stage::kConnect, deadline);
  boost::system::error_code ignored;
  stream->socket().set_option(tcp::no_delay(true), ignored);
  if (!t.tls) co_return std::make_unique<Connection>(std::move(stream));

  auto tls = std::make_unique<TlsStream>(std::move(*stream), tls_context);
  SSL* ssl_handle = tls->native_handle();
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl_handle);
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (t.host_is_ip) {
    // RFC 6066 forbids SNI with an IP address; the certificate must list the IP instead.
    if (X509_VERIFY_PARAM_set1_ip_asc(param, t.host.c_str()) != 1) co_return Permanent(errc::kTls, "bad IP for verification");
  } else {
    if (SSL_set_tlsext_host_name(ssl_handle, t.host.c_str()) != 1 || SSL_set1_host(ssl_handle, t.host.c_str()) != 1) {
      co_return Permanent(errc::kTls, "cannot set server name for TLS");
    }
  }
  beast::get_lowest_layer(*tls).expires_at(deadline);
  auto [hec] = co_await tls->async_handshake(ssl::stream_base::client, kUseAwaitable);
  if (hec) {
    const long verify = SSL_get_verify_result(ssl_handle);
    if (verify != X509_V_OK && Clock::now() < deadline) {
      co_return Permanent(errc::kTls, std::string("certificate verification failed: ") +
                                          X509_verify_cert_error_string(verify));
    }
    co_return Classify(hec, Stage::kHandshake, deadline);
  }
  co_return std::make_unique<Connection>(std::move(tls));
}

void Client::Impl::Report(const Request& req, const Target& t, int attempt, const Attempt& a,
                          Clock::time_point started) const {
  if (!settings.observer) return;
  AttemptRecord r;
  r.method = MethodName(req.method);
  r.url = t.log_url;
  r.attempt = attempt;
  r.reused_connection = a.reused;
  r.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  if (a.result.ok()) r.status = a.result->status;
  else r.error_code = a.result.error().code;
  r.request_headers = RedactHeaders(req.headers);
  if (req.sensitive_body) r.request_body = "<sensitive " + std::to_string(req.body.size()) + " bytes>";
  else r.request_body = req.body.substr(0, kObservedBodyBytes);
  settings.observer(r);
}

}  // namespace eda::httpclient
