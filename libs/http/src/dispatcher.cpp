#include "eda/http/dispatcher.hpp"

#include <chrono>
#include <exception>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "eda/core/uuid.hpp"
#include "eda/log/log.hpp"
#include "route_metrics.hpp"

namespace eda::http {

Dispatcher::Dispatcher(const Router& router, Authenticator authenticator, CorsPolicy cors, RouteMetrics* metrics,
                       bool access_log)
    : router_(router),
      authenticator_(std::move(authenticator)),
      cors_(std::move(cors)),
      metrics_(metrics),
      access_log_(access_log) {}

bool Dispatcher::IsValidRequestId(std::string_view id) noexcept {
  // It is echoed in a header and written into every log line of the request: quotes, '=', ';',
  // '<' and the like could forge log fields or reach a page, so only id-like characters pass.
  if (id.empty() || id.size() > 128) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

void Dispatcher::AssignIds(Request& req) {
  auto incoming = req.header("X-Request-Id");
  req.SetRequestId(IsValidRequestId(incoming) ? std::string(incoming) : NewUuid());
  auto parent = TraceContext::Parse(req.header("traceparent"));
  req.SetTrace(parent ? parent->NewChild() : TraceContext::NewRoot());
}

boost::asio::awaitable<Response> Dispatcher::Dispatch(Request& req) const {
  const auto start = std::chrono::steady_clock::now();
  AssignIds(req);
  Response res;
  const Route* route = nullptr;
  if (auto preflight = cors_.Preflight(req)) {
    res = std::move(*preflight);
  } else {
    auto match = router_.Find(req.method(), req.path());
    switch (match.outcome) {
      case Router::Match::Outcome::kNotFound:
        res = Problem::NotFound("no resource at " + std::string(req.path()));
        break;
      case Router::Match::Outcome::kMethodNotAllowed:
        res = Problem::Make(405, "method_not_allowed",
                            std::string(ToString(req.method())) + " is not allowed here; allowed: " + match.allow);
        res.SetHeader("Allow", match.allow);
        break;
      case Router::Match::Outcome::kFound: {
        route = match.route;
        req.SetRoute(route->pattern, std::move(match.params));
        auto auth = authenticator_.Authenticate(route->options, req.header("Authorization"));
        if (!auth.ok()) {
          res = auth.error();
          if (res.status() == 401) res.SetHeader("WWW-Authenticate", "Bearer");
          break;
        }
        req.SetPrincipal(std::move(auth).value());
        std::string failure;
        bool failed = false;
        try {
          res = co_await route->handler(req);
        } catch (const std::exception& e) {
          failed = true;
          failure = e.what();
        } catch (...) {
          failed = true;
          failure = "non-standard exception";
        }
        if (failed) {
          std::string error_id = NewUuid();
          log::Error(req.log_context(), "unhandled exception in HTTP handler",
                     {{"error_id", error_id}, {"route", route->pattern}, {"error", failure}});
          res = Problem::Internal(std::move(error_id));
        }
        break;
      }
    }
  }
  res.RenderProblem(req.path());
  // Add, not Set: handlers do not set these, and Set would scan and erase first.
  res.headers().Add("X-Request-Id", req.request_id());
  res.headers().Add("traceparent", req.trace().ToHeader());
  cors_.Decorate(req, res);

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (metrics_ != nullptr) metrics_->Record(route, req.method(), res.status(), seconds);
  if (access_log_ && log::Enabled(log::Level::kInfo)) {
    log::Info(req.log_context(), "http request",
              {{"method", ToString(req.method())},
               {"path", req.path()},
               {"route", route != nullptr ? std::string_view(route->pattern) : std::string_view("unmatched")},
               {"status", res.status()},
               {"duration_us", static_cast<long long>(seconds * 1e6)}});
  }
  co_return res;
}

Response Dispatcher::DispatchBlocking(Request& req) const {
  boost::asio::io_context ioc;
  std::optional<Response> out;
  std::exception_ptr error;
  boost::asio::co_spawn(ioc, Dispatch(req), [&](std::exception_ptr e, Response r) {
    error = e;
    out = std::move(r);
  });
  ioc.run();
  if (error) std::rethrow_exception(error);
  return std::move(*out);
}

}  // namespace eda::http
