#include "eda/e2e/blocking_http.hpp"

#include <optional>
#include <stdexcept>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "eda/httpclient/client.hpp"

namespace eda::e2e {
namespace {

std::optional<httpclient::Method> ParseMethod(std::string_view name) {
  if (name == "GET") return httpclient::Method::kGet;
  if (name == "HEAD") return httpclient::Method::kHead;
  if (name == "POST") return httpclient::Method::kPost;
  if (name == "PUT") return httpclient::Method::kPut;
  if (name == "PATCH") return httpclient::Method::kPatch;
  if (name == "DELETE") return httpclient::Method::kDelete;
  return std::nullopt;
}

}  // namespace

struct BlockingHttp::Impl {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::optional<httpclient::Client> client;
  std::chrono::milliseconds timeout;
  std::thread runner;

  explicit Impl(std::chrono::milliseconds t) : timeout(t) {
    httpclient::Settings settings;
    settings.default_timeout = t;
    settings.user_agent = "eda-e2e/1";
    settings.max_idle_per_host = 16;
    auto created = httpclient::Client::Create(io.get_executor(), std::move(settings));
    if (!created) throw std::runtime_error("e2e http client: " + created.error().message);
    client.emplace(std::move(*created));
    runner = std::thread([this] { io.run(); });
  }

  ~Impl() {
    client->CloseIdle();
    work.reset();
    io.stop();
    runner.join();
  }
};

BlockingHttp::BlockingHttp(std::chrono::milliseconds timeout) : impl_(std::make_unique<Impl>(timeout)) {}
BlockingHttp::~BlockingHttp() = default;

HttpResult BlockingHttp::Get(std::string url, std::string_view bearer) const {
  return Send("GET", std::move(url), {}, bearer, {});
}

HttpResult BlockingHttp::PostJson(std::string url, const boost::json::value& body, std::string_view bearer) const {
  return Send("POST", std::move(url), boost::json::serialize(body), bearer,
              {{"Content-Type", "application/json"}, {"Accept", "application/json"}});
}

HttpResult BlockingHttp::Send(std::string_view method, std::string url, std::string body, std::string_view bearer,
                              Headers headers) const {
  HttpResult out;
  out.method = std::string(method);
  out.url = url;
  const auto m = ParseMethod(method);
  if (!m) {
    out.error = "e2e.bad_method: " + std::string(method);
    return out;
  }
  httpclient::Request req;
  req.method = *m;
  req.url = std::move(url);
  req.body = std::move(body);
  req.headers = std::move(headers);
  if (!bearer.empty()) req.headers.emplace_back("Authorization", "Bearer " + std::string(bearer));
  req.timeout = impl_->timeout;
  req.idempotent = *m == httpclient::Method::kGet;
  auto res = impl_->client->SendBlocking(std::move(req));
  if (!res) {
    out.error = res.error().code + ": " + res.error().message;
    return out;
  }
  out.status = res->status;
  out.headers = std::move(res->headers);
  out.body = std::move(res->body);
  std::error_code ec;
  if (!out.body.empty()) {
    boost::json::value parsed = boost::json::parse(out.body, ec);
    if (!ec) out.json = std::move(parsed);
  }
  return out;
}

}  // namespace eda::e2e
