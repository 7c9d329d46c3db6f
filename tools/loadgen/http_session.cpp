#include "loadgen/http_session.hpp"

#include <optional>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "eda/httpclient/client.hpp"
#include "eda/httpclient/errc.hpp"

namespace eda::loadgen {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

bool ParseEndpoint(std::string_view name, std::string_view url, Endpoint& out) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) return false;
  std::string_view rest = url.substr(kScheme.size());
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.empty() || rest.find('/') != std::string_view::npos || rest.find('@') != std::string_view::npos) return false;
  const auto colon = rest.rfind(':');
  out.name = std::string(name);
  if (colon == std::string_view::npos) {
    out.host = std::string(rest);
    out.port = "80";
  } else {
    out.host = std::string(rest.substr(0, colon));
    out.port = std::string(rest.substr(colon + 1));
    if (out.port.empty() || out.port.find_first_not_of("0123456789") != std::string::npos) return false;
  }
  if (out.host.empty()) return false;
  out.base = "http://" + out.host + ":" + out.port;
  return true;
}

namespace {

// Keep-alive connections of one virtual user, one per endpoint. A request on a reused connection
// that fails before any response byte is retried once on a fresh connection (the server may have
// closed an idle one); nothing else is retried, so errors show in the figures.
class BeastSession final : public HttpSession {
 public:
  BeastSession(asio::any_io_executor executor, std::chrono::milliseconds timeout)
      : executor_(std::move(executor)), timeout_(timeout) {}

  asio::awaitable<Reply> Call(Verb verb, const Endpoint& endpoint, std::string target, std::string body,
                              std::string bearer) override {
    bhttp::request<bhttp::string_body> req{verb == Verb::kGet ? bhttp::verb::get : bhttp::verb::post, target, 11};
    req.set(bhttp::field::host, endpoint.host);
    req.set(bhttp::field::user_agent, "eda-loadgen/1");
    req.set(bhttp::field::accept, "application/json");
    if (!bearer.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer);
    if (verb == Verb::kPost) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = std::move(body);
      req.prepare_payload();
    }
    req.keep_alive(true);
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto& slot = conns_[endpoint.base];
      const bool reused = slot != nullptr;
      if (!slot) {
        slot = std::make_unique<beast::tcp_stream>(executor_);
        auto resolved = Resolve(endpoint);
        slot->expires_after(timeout_);
        auto [ec] = co_await slot->async_connect(resolved, asio::as_tuple(asio::use_awaitable));
        if (ec) {
          conns_.erase(endpoint.base);
          Reply r;
          r.error = ec == beast::error::timeout ? "timeout" : "connect";
          co_return r;
        }
      }
      slot->expires_after(timeout_);
      auto [wec, written] = co_await bhttp::async_write(*slot, req, asio::as_tuple(asio::use_awaitable));
      (void)written;
      beast::flat_buffer buffer;
      bhttp::response<bhttp::string_body> res;
      beast::error_code rec = wec;
      if (!wec) {
        auto [ec, n] = co_await bhttp::async_read(*slot, buffer, res, asio::as_tuple(asio::use_awaitable));
        (void)n;
        rec = ec;
      }
      if (rec) {
        conns_.erase(endpoint.base);
        if (reused && rec != beast::error::timeout) continue;  // stale keep-alive connection: once more
        Reply r;
        r.error = rec == beast::error::timeout ? "timeout" : "io";
        co_return r;
      }
      Reply r;
      r.status = static_cast<int>(res.result_int());
      if (auto it = res.find(bhttp::field::location); it != res.end()) r.location = std::string(it->value());
      if (!res.keep_alive()) conns_.erase(endpoint.base);
      r.body = std::move(res.body());
      co_return r;
    }
    Reply r;
    r.error = "io";
    co_return r;
  }

 private:
  asio::ip::tcp::endpoint Resolve(const Endpoint& endpoint) {
    auto it = resolved_.find(endpoint.base);
    if (it != resolved_.end()) return it->second;
    asio::ip::tcp::resolver resolver(executor_);
    boost::system::error_code ec;
    auto results = resolver.resolve(endpoint.host, endpoint.port, ec);  // numeric on loopback: no DNS wait
    asio::ip::tcp::endpoint ep;
    if (!ec && !results.empty()) ep = results.begin()->endpoint();
    resolved_.emplace(endpoint.base, ep);
    return ep;
  }

  asio::any_io_executor executor_;
  std::chrono::milliseconds timeout_;
  std::map<std::string, std::unique_ptr<beast::tcp_stream>> conns_;
  std::map<std::string, asio::ip::tcp::endpoint> resolved_;
};

class ClientSession final : public HttpSession {
 public:
  ClientSession(std::shared_ptr<httpclient::Client> client, std::chrono::milliseconds timeout)
      : client_(std::move(client)), timeout_(timeout) {}

  asio::awaitable<Reply> Call(Verb verb, const Endpoint& endpoint, std::string target, std::string body,
                              std::string bearer) override {
    httpclient::Request req;
    req.method = verb == Verb::kGet ? httpclient::Method::kGet : httpclient::Method::kPost;
    req.url = endpoint.base + target;
    req.headers.emplace_back("Accept", "application/json");
    req.headers.emplace_back("User-Agent", "eda-loadgen/1");
    if (!bearer.empty()) req.headers.emplace_back("Authorization", "Bearer " + bearer);
    if (verb == Verb::kPost) {
      req.headers.emplace_back("Content-Type", "application/json");
      req.body = std::move(body);
    }
    req.timeout = timeout_;
    req.idempotent = verb == Verb::kGet;
    auto res = co_await client_->Send(std::move(req));
    Reply r;
    if (!res) {
      const auto& code = res.error().code;
      r.error = code == httpclient::errc::kTimeout ? "timeout"
                : code == httpclient::errc::kConnect ? "connect"
                : code == httpclient::errc::kIo      ? "io"
                                                     : "protocol";
      co_return r;
    }
    r.status = res->status;
    if (auto loc = res->Header("Location")) r.location = std::string(*loc);
    r.body = std::move(res->body);
    co_return r;
  }

 private:
  std::shared_ptr<httpclient::Client> client_;
  std::chrono::milliseconds timeout_;
};

}  // namespace

SessionFactory::SessionFactory(asio::any_io_executor executor, ClientKind kind, std::chrono::milliseconds timeout)
    : executor_(std::move(executor)), kind_(kind), timeout_(timeout) {
  if (kind_ == ClientKind::kHttpclient) {
    httpclient::Settings settings;
    settings.max_idle_per_host = 4096;  // one keep-alive connection per in-flight virtual user
    settings.max_attempts = 1;          // the figures must show failures, not hide them behind retries
    settings.default_timeout = timeout_;
    settings.user_agent = "eda-loadgen/1";
    auto client = httpclient::Client::Create(executor_, std::move(settings));
    if (client) client_ = std::make_shared<httpclient::Client>(std::move(*client));
  }
}

SessionFactory::~SessionFactory() = default;

std::unique_ptr<HttpSession> SessionFactory::Make() const {
  if (kind_ == ClientKind::kHttpclient && client_) return std::make_unique<ClientSession>(client_, timeout_);
  return std::make_unique<BeastSession>(executor_, timeout_);
}

}  // namespace eda::loadgen
