#include "eda/http/server.hpp"

#include <csignal>
#include <future>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include "connections.hpp"
#include "eda/http/dispatcher.hpp"
#include "eda/log/log.hpp"
#include "route_metrics.hpp"
#include "session.hpp"

namespace eda::http {

namespace asio = boost::asio;

namespace {

// Whether `authorization` is "Bearer <token>", compared in time independent of where it differs.
bool BearerMatches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() != kScheme.size() + token.size() || !authorization.starts_with(kScheme)) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    diff |= static_cast<unsigned char>(authorization[kScheme.size() + i] ^ token[i]);
  }
  return diff == 0;
}

}  // namespace
using asio::ip::tcp;

struct Server::Impl {
  Impl(ServerSettings s, Router r, metrics::Registry& reg)
      : settings(std::move(s)), router(std::move(r)), registry(reg), ioc(std::max(1, settings.io_threads)) {}

  void AddBuiltinRoutes();
  asio::awaitable<void> AcceptLoop();

  ServerSettings settings;
  Router router;
  metrics::Registry& registry;
  TokenVerifier verifier;
  std::string openapi;
  std::vector<std::pair<std::string, ReadinessCheck>> readiness;

  std::unique_ptr<RouteMetrics> route_metrics;
  std::unique_ptr<Dispatcher> dispatcher;
  std::unique_ptr<Session> session;
  Connections connections;
  std::atomic<bool> stopping{false};
  bool started = false;
  bool stopped = false;
  std::uint16_t port = 0;

  // Declared after everything the coroutines use: destroying the io_context destroys abandoned
  // coroutine frames, whose destructors still touch `connections`.
  asio::io_context ioc;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> threads;
};

void Server::Impl::AddBuiltinRoutes() {
  router.Get("/health/live", [](Request&) -> asio::awaitable<Response> {
    co_return Response::Json(boost::json::object{{"status", "UP"}});
  });
  router.Get("/health/ready", [this](Request&) -> asio::awaitable<Response> {
    boost::json::object checks;
    std::string failures;
    for (const auto& [name, check] : readiness) {
      Status st;
      try {
        st = co_await check();
      } catch (const std::exception& e) {
        st = Error::Permanent("http.readiness", e.what());
      }
      checks[name] = st.ok() ? "UP" : "DOWN";
      if (!st.ok()) failures += (failures.empty() ? "" : "; ") + name + ": " + st.error().message;
    }
    if (!failures.empty()) co_return Problem::Make(503, "not_ready", failures);
    co_return Response::Json(boost::json::object{{"status", "UP"}, {"checks", std::move(checks)}});
  });
  router.Get("/metrics", [this](Request& req) -> asio::awaitable<Response> {
    // Metrics name routes, topics and volumes: for the scraper only, never public.
    if (settings.metrics_token.empty()) {
      co_return Problem::Make(403, "forbidden", "metrics are not exposed: no EDA_METRICS_TOKEN is configured");
    }
    if (!BearerMatches(req.header("Authorization"), settings.metrics_token.Reveal())) {
      Response refused(Problem::Make(401, "unauthorized", "the metrics need the scrape token as a bearer token"));
      refused.SetHeader("WWW-Authenticate", "Bearer");
      co_return refused;
    }
    co_return Response::Text(200, registry.Serialize(), "text/plain; version=0.0.4; charset=utf-8");
  });
  router.Get("/openapi.json", [this](Request&) -> asio::awaitable<Response> {
    if (openapi.empty()) co_return Problem::NotFound("this service has no OpenAPI document");
    co_return Response::Text(200, openapi, "application/json");
  });
}

asio::awaitable<void> Server::Impl::AcceptLoop() {
  while (true) {
    // A strand per connection serializes its handlers across I/O threads. With one I/O thread the
    // io_context is already an implicit strand, so the strand's dispatch cost is skipped.
    asio::any_io_executor conn_executor =
        settings.io_threads > 1 ? asio::any_io_executor(asio::make_strand(ioc)) : asio::any_io_executor(ioc.get_executor());
    auto [ec, socket] = co_await acceptor->async_accept(conn_executor, asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (stopping.load() || ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
      // Out of file descriptors and the like: back off instead of spinning.
      log::Warn("HTTP accept failed", {{"error", ec.message()}});
      asio::steady_timer timer(acceptor->get_executor(), std::chrono::milliseconds(100));
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, session->Run(std::move(socket)), asio::detached);
  }
}

Server::Server(ServerSettings settings, Router router, metrics::Registry& registry)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(router), registry)) {}

Server::~Server() { Stop(); }

void Server::SetTokenVerifier(TokenVerifier verifier) { impl_->verifier = std::move(verifier); }
void Server::SetOpenApiDocument(std::string json) { impl_->openapi = std::move(json); }
void Server::AddReadinessCheck(std::string name, ReadinessCheck check) {
  impl_->readiness.emplace_back(std::move(name), std::move(check));
}
std::uint16_t Server::port() const noexcept { return impl_->port; }
asio::any_io_executor Server::executor() { return impl_->ioc.get_executor(); }

Status Server::Start() {
  auto& m = *impl_;
  if (m.started) return Error::Permanent("http.state", "server already started");
  m.AddBuiltinRoutes();
  m.route_metrics = std::make_unique<RouteMetrics>(m.registry, m.settings.service_name, m.router);
  m.dispatcher = std::make_unique<Dispatcher>(m.router, Authenticator(m.verifier), CorsPolicy(m.settings.cors),
                                              m.route_metrics.get(), m.settings.access_log);
  m.session = std::make_unique<Session>(m.settings, *m.dispatcher, m.connections, m.stopping);
  try {
    auto address = asio::ip::make_address(m.settings.address);
    tcp::endpoint endpoint(address, m.settings.port);
    m.acceptor.emplace(asio::make_strand(m.ioc));
    m.acceptor->open(endpoint.protocol());
    m.acceptor->set_option(asio::socket_base::reuse_address(true));
    m.acceptor->bind(endpoint);
    m.acceptor->listen(m.settings.backlog);
    m.port = m.acceptor->local_endpoint().port();
  } catch (const std::exception& e) {
    m.acceptor.reset();
    return Error::Permanent("http.bind", "cannot listen on " + m.settings.address + ":" +
                                             std::to_string(m.settings.port) + ": " + e.what());
  }
  m.started = true;
  m.work.emplace(m.ioc.get_executor());
  asio::co_spawn(m.acceptor->get_executor(), m.AcceptLoop(), asio::detached);
  for (int i = 0; i < std::max(1, m.settings.io_threads); ++i) {
    m.threads.emplace_back([&m] { m.ioc.run(); });
  }
  log::Info("HTTP server listening", {{"address", m.settings.address}, {"port", static_cast<int>(m.port)},
                                      {"io_threads", m.settings.io_threads}});
  return {};
}

void Server::Stop() {
  auto& m = *impl_;
  if (!m.started || m.stopped) return;
  if (m.ioc.get_executor().running_in_this_thread()) {
    throw std::logic_error("eda::http::Server::Stop() called from an I/O thread");
  }
  m.stopped = true;
  m.stopping.store(true);
  std::promise<void> closed;
  asio::post(m.acceptor->get_executor(), [&] {
    boost::system::error_code ignored;
    m.acceptor->close(ignored);
    closed.set_value();
  });
  closed.get_future().wait();
  m.connections.CloseIdle();
  const auto deadline = std::chrono::steady_clock::now() + m.settings.shutdown_timeout;
  if (!m.connections.WaitEmpty(deadline)) {
    log::Warn("HTTP graceful stop timed out; closing remaining connections",
              {{"connections", static_cast<long long>(m.connections.size())}});
    m.connections.CancelAll();
    m.connections.WaitEmpty(std::chrono::steady_clock::now() + std::chrono::milliseconds(500));
  }
  m.work.reset();
  m.ioc.stop();
  for (auto& t : m.threads) t.join();
  m.threads.clear();
  log::Info("HTTP server stopped");
}

int Server::Run() {
  if (auto st = Start(); !st.ok()) {
    log::Error("HTTP server failed to start", {{"error", st.error().message}});
    return 1;
  }
  asio::io_context signals_ioc;
  asio::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&](const boost::system::error_code&, int sig) { received = sig; });
  signals_ioc.run();
  log::Info("signal received; stopping", {{"signal", received}});
  Stop();
  return 0;
}

}  // namespace eda::http
