#include "session.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <limits>

#include "eda/log/log.hpp"

namespace eda::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

Method FromBeast(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

Request ToRequest(bhttp::request<bhttp::string_body>&& msg) {
  Headers headers;
  headers.reserve(8);
  for (const auto& f : msg) headers.Add(f.name_string(), f.value());
  return Request(FromBeast(msg.method()), std::string(msg.target()), std::move(headers), std::move(msg.body()));
}

bhttp::response<bhttp::string_body> ToBeast(Response&& res, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status()), version};
  for (const auto& [name, value] : res.headers().fields()) out.insert(name, value);
  if (!res.content_type().empty()) out.set(bhttp::field::content_type, res.content_type());
  out.keep_alive(keep_alive);
  const auto size = res.body().size();
  out.body() = std::move(res.body());
  out.prepare_payload();
  if (head) {
    // HEAD: same headers as GET (Content-Length of the would-be body), no body.
    out.body().clear();
    out.content_length(size);
  }
  return out;
}

// A problem response written before a request could be dispatched (limits, parse errors, timeouts).
bhttp::response<bhttp::string_body> EarlyProblem(Problem p, std::string_view instance, unsigned version) {
  Response res(std::move(p));
  res.RenderProblem(instance);
  return ToBeast(std::move(res), version, /*keep_alive=*/false, /*head=*/false);
}

bool IsParseError(const boost::system::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

}  // namespace

asio::awaitable<void> Session::Run(asio::ip::tcp::socket socket) const {
  beast::tcp_stream stream(std::move(socket));
  std::string remote_address;
  {
    boost::system::error_code endpoint_ec;
    const auto peer = stream.socket().remote_endpoint(endpoint_ec);
    if (!endpoint_ec) remote_address = peer.address().to_string();
  }
  auto handle = connections_.Add(stream.get_executor(), [&stream] {
    boost::system::error_code ignored;
    stream.socket().close(ignored);
  });
  struct Unregister {
    Connections& c;
    std::shared_ptr<Connections::Handle>& h;
    ~Unregister() {
      h->cancel = nullptr;
      c.Remove(h);
    }
  } unregister{connections_, handle};

  beast::flat_buffer buffer;
  boost::system::error_code ec;
  try {
    while (!stopping_.load(std::memory_order_relaxed)) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(settings_.header_limit));
      // The body limit is applied after the header, so an oversized Content-Length is answered with a
      // 413 naming the request path rather than failing inside header parsing.
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());

      stream.expires_after(settings_.header_timeout);
      co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        std::optional<bhttp::response<bhttp::string_body>> answer;
        if (ec == bhttp::error::header_limit) {
          answer = EarlyProblem(Problem::Make(431, "header_too_large", "request header exceeds " +
                                                                          std::to_string(settings_.header_limit) + " bytes"),
                                "", 11);
        } else if (IsParseError(ec)) {
          answer = EarlyProblem(Problem::BadRequest("malformed HTTP request: " + ec.message(), "bad_http_request"), "", 11);
        }
        if (answer) {
          stream.expires_after(settings_.write_timeout);
          co_await bhttp::async_write(stream, *answer, asio::redirect_error(asio::use_awaitable, ec));
        }
        break;
      }
      handle->busy = true;
      const unsigned version = parser.get().version();
      // Path for 413 problems' `instance`, read from the parsed header without copying.
      auto path_of = [&parser] {
        std::string_view t = parser.get().target();
        return t.substr(0, t.find('?'));
      };
      if (auto declared = parser.content_length(); declared && *declared > settings_.body_limit) {
        auto answer = EarlyProblem(
            Problem::Make(413, "body_too_large", "request body exceeds " + std::to_string(settings_.body_limit) + " bytes"),
            path_of(), version);
        stream.expires_after(settings_.write_timeout);
        co_await bhttp::async_write(stream, answer, asio::redirect_error(asio::use_awaitable, ec));
        break;
      }
      parser.body_limit(settings_.body_limit);
      if (!parser.is_done() && EqualsIgnoreCase(parser.get()[bhttp::field::expect], "100-continue")) {
        // curl and others wait (about 1 s) for this before sending a body larger than 1 KiB.
        bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, version};
        stream.expires_after(settings_.write_timeout);
        co_await bhttp::async_write(stream, proceed, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
      }
      if (!parser.is_done()) {
        stream.expires_after(settings_.body_timeout);
        co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (ec == bhttp::error::body_limit) {
          auto answer = EarlyProblem(Problem::Make(413, "body_too_large", "request body exceeds " +
                                                                              std::to_string(settings_.body_limit) + " bytes"),
                                     path_of(), version);
          stream.expires_after(settings_.write_timeout);
          co_await bhttp::async_write(stream, answer, asio::redirect_error(asio::use_awaitable, ec));
          break;
        }
        if (ec) {
          if (IsParseError(ec)) {
            auto answer = EarlyProblem(Problem::BadRequest("malformed HTTP request: " + ec.message(), "bad_http_request"),
                                       "", version);
            stream.expires_after(settings_.write_timeout);
            co_await bhttp::async_write(stream, answer, asio::redirect_error(asio::use_awaitable, ec));
          }
          break;
        }
      }
      auto msg = parser.release();
      const bool client_keep_alive = msg.keep_alive();
      Request req = ToRequest(std::move(msg));
      req.SetRemoteAddress(remote_address);
      // No deadline while the handler runs: handlers own their timeouts (clients, drivers).
      stream.expires_never();
      Response res = co_await dispatcher_.Dispatch(req);
      const bool keep_alive = client_keep_alive && !stopping_.load(std::memory_order_relaxed);
      auto out = ToBeast(std::move(res), version, keep_alive, req.method() == Method::kHead);
      stream.expires_after(settings_.write_timeout);
      co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
      handle->busy = false;
      if (ec || !keep_alive) break;
    }
  } catch (const std::exception& e) {
    // Only allocation failures or bugs get here (the dispatcher catches handler exceptions).
    log::Error("HTTP session failed", {{"error", e.what()}});
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
}

}  // namespace eda::http
