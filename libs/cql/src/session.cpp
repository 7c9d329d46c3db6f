#include "eda/cql/session.hpp"

#include <algorithm>
#include <cstdlib>
#include <random>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace eda::cql {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

std::span<const std::uint8_t> IdBytes(const std::string& id) {
  return {reinterpret_cast<const std::uint8_t*>(id.data()), id.size()};
}

std::chrono::milliseconds Jitter(std::chrono::milliseconds d) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_real_distribution<double> f(0.8, 1.2);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(d.count()) * f(rng)));
}

awaitable<void> Sleep(const asio::any_io_executor& ex, std::chrono::milliseconds d) {
  asio::steady_timer t(ex, d);
  boost::system::error_code ec;
  co_await t.async_wait(asio::redirect_error(use_awaitable, ec));
}

template <class T>
awaitable<std::optional<T>> Boxed(awaitable<T> work) {
  co_return co_await std::move(work);
}

void ApplyPrepared(detail::PreparedState& state, PreparedResult p) {
  state.id = std::move(p.id);
  state.bind_columns = std::move(p.bind_columns);
  state.bind_types.clear();
  for (const auto& c : state.bind_columns) state.bind_types.push_back(c.type);
  state.pk_indexes = std::move(p.pk_indexes);
  state.result_columns = std::move(p.result_columns);
}

}  // namespace

// ---- settings ----

CqlResult<SessionSettings> SessionSettings::FromEnv(std::uint16_t default_port) {
  eda::config::Reader env;
  return FromEnv(default_port, env);
}

CqlResult<SessionSettings> SessionSettings::FromEnv(std::uint16_t default_port, eda::config::Reader& env) {
  SessionSettings s;
  s.contact_points = env.GetList("EDA_CASSANDRA_HOST", "127.0.0.1");
  if (s.contact_points.empty()) env.AddError("EDA_CASSANDRA_HOST", "must name at least one host");
  s.port = env.GetPort("EDA_CASSANDRA_PORT", default_port);
  std::string user = env.GetString("EDA_CASSANDRA_USER", "");
  eda::config::Secret password = env.GetSecret("EDA_CASSANDRA_PASSWORD", "");
  // Half a login would only fail later, at the server, with a less helpful message.
  if (!user.empty() && password.empty()) {
    env.AddError("EDA_CASSANDRA_PASSWORD", "is required with EDA_CASSANDRA_USER (or EDA_CASSANDRA_PASSWORD_FILE)");
  } else if (user.empty() && !password.empty()) {
    env.AddError("EDA_CASSANDRA_USER", "is required with a password");
  }
  if (!user.empty() && !password.empty()) s.credentials = Credentials{std::move(user), std::move(password)};
  if (auto read = env.Finish(); !read) return CqlError::Make(Errc::kBadValue, read.error().message);
  auto valid = s.Validate();
  if (!valid) return std::move(valid).error();
  return s;
}

CqlStatus SessionSettings::Validate() const {
  auto bad = [](std::string m) { return CqlError::Make(Errc::kBadValue, "session settings: " + std::move(m)); };
  if (contact_points.empty()) return bad("no contact points");
  if (connections_per_node < 1 || connections_per_node > 64) return bad("connections_per_node must be 1..64");
  if (connect_timeout.count() <= 0 || request_timeout.count() <= 0) return bad("timeouts must be positive");
  if (reconnect_base_delay.count() <= 0 || reconnect_max_delay < reconnect_base_delay) return bad("bad reconnect delays");
  if (max_retries < 0) return bad("max_retries must be >= 0");
  if (protocol_version < 3 || protocol_version > 4) return bad("protocol_version must be 3 or 4");
  if (serial_consistency != Consistency::kSerial && serial_consistency != Consistency::kLocalSerial) {
    return bad("serial_consistency must be SERIAL or LOCAL_SERIAL");
  }
  return {};
}

// ---- session ----

Session::Session(asio::any_io_executor executor, SessionSettings settings)
    : strand_(asio::make_strand(std::move(executor))), settings_(std::move(settings)) {
  for (const auto& cp : settings_.contact_points) {
    Node n;
    n.host = cp;
    n.port = settings_.port;
    // "host:port" (an IPv6 address needs brackets: "[::1]:9042").
    const auto colon = cp.rfind(':');
    if (colon != std::string::npos && cp.find(':') == colon) {
      n.host = cp.substr(0, colon);
      n.port = static_cast<std::uint16_t>(std::strtoul(cp.c_str() + colon + 1, nullptr, 10));
    } else if (!cp.empty() && cp.front() == '[' && cp.find("]:") != std::string::npos) {
      const auto close = cp.find("]:");
      n.host = cp.substr(1, close - 1);
      n.port = static_cast<std::uint16_t>(std::strtoul(cp.c_str() + close + 2, nullptr, 10));
    }
    const auto slots = static_cast<std::size_t>(settings_.connections_per_node);
    n.connections.resize(slots);
    n.backoff_timers.resize(slots);
    n.reconnecting.assign(slots, false);
    n.failures.assign(slots, 0);
    nodes_.push_back(std::move(n));
  }
}

Session::~Session() {
  closed_ = true;
  for (auto& n : nodes_) {
    for (auto& c : n.connections) {
      if (c) {
        c->SetOnClose(nullptr);
        c->Close();
      }
    }
  }
}

template <class T>
awaitable<T> Session::OnStrand(awaitable<T> work) {
  // co_spawn needs a default-constructible result: box it.
  auto boxed = co_await asio::co_spawn(strand_, Boxed(std::move(work)), use_awaitable);
  co_return std::move(*boxed);
}

awaitable<CqlResult<std::shared_ptr<Session>>> Session::Connect(asio::any_io_executor executor,
                                                                SessionSettings settings) {
  if (auto v = settings.Validate(); !v) co_return std::move(v).error();
  auto session = std::make_shared<Session>(std::move(executor), std::move(settings));
  auto status = co_await session->OnStrand(session->ConnectAll());
  if (!status) {
    // Stop the reconnect loops ConnectAll may have started: nobody will own this session.
    co_await session->Close();
    co_return std::move(status).error();
  }
  co_return session;
}

awaitable<CqlStatus> Session::ConnectAll() {
  std::optional<CqlError> last_error;
  bool any = false;
  for (std::size_t n = 0; n < nodes_.size(); ++n) {
    bool node_ok = true;
    for (std::size_t slot = 0; slot < nodes_[n].connections.size(); ++slot) {
      if (!node_ok) {
        ScheduleReconnect(n, slot);
        continue;
      }
      auto s = co_await OpenSlot(n, slot);
      if (s) {
        any = true;
        continue;
      }
      last_error = s.error();
      // Bad credentials or an unknown keyspace will not heal by retrying: fail fast.
      if (!s.error().retryable && s.error().code != Errc::kProtocolError) co_return std::move(s).error();
      node_ok = false;
      ScheduleReconnect(n, slot);
    }
  }
  if (any) co_return CqlStatus{};
  CqlError e = CqlError::Make(Errc::kNoHostAvailable, "no contact point reachable");
  if (last_error) e.message += ": " + last_error->message;
  co_return e;
}

awaitable<CqlStatus> Session::OpenSlot(std::size_t node, std::size_t slot) {
  ConnectionSettings cs;
  cs.host = nodes_[node].host;
  cs.port = nodes_[node].port;
  cs.connect_timeout = settings_.connect_timeout;
  cs.credentials = settings_.credentials;
  cs.keyspace = settings_.keyspace;
  cs.protocol_version = settings_.protocol_version;
  cs.max_frame_bytes = settings_.max_frame_bytes;
  auto conn = co_await Connection::Open(strand_, cs);
  if (!conn) co_return std::move(conn).error();
  auto c = std::move(conn).value();
  // A new connection may reach a node that restarted and forgot its statements: prepare them
  // all before the connection takes traffic.
  for (auto& [cql, state] : prepared_) {
    auto s = co_await PrepareOn(*c, *state);
    if (!s && (s.error().code == Errc::kConnectionError || s.error().code == Errc::kRequestTimeout)) {
      c->Close();
      co_return std::move(s).error();
    }
  }
  if (closed_) {
    c->Close();
    co_return CqlError::Make(Errc::kConnectionError, "session closed");
  }
  std::weak_ptr<Session> weak = weak_from_this();
  c->SetOnClose([weak, node, slot] {
    if (auto self = weak.lock()) {
      asio::post(self->strand_, [self, node, slot] { self->ScheduleReconnect(node, slot); });
    }
  });
  nodes_[node].connections[slot] = std::move(c);
  nodes_[node].failures[slot] = 0;
  co_return CqlStatus{};
}

void Session::ScheduleReconnect(std::size_t node, std::size_t slot) {
  if (closed_ || nodes_[node].reconnecting[slot]) return;
  nodes_[node].reconnecting[slot] = true;
  asio::co_spawn(strand_, ReconnectLoop(shared_from_this(), node, slot), asio::detached);
}

awaitable<void> Session::ReconnectLoop(std::shared_ptr<Session> self, std::size_t node, std::size_t slot) {
  auto& n = nodes_[node];
  while (!closed_) {
    const int failures = n.failures[slot];
    auto delay = settings_.reconnect_base_delay * (1LL << std::min(failures, 16));
    delay = std::min<std::chrono::milliseconds>(delay, settings_.reconnect_max_delay);
    auto timer = std::make_shared<asio::steady_timer>(strand_, Jitter(delay));
    n.backoff_timers[slot] = timer;
    boost::system::error_code ec;
    co_await timer->async_wait(asio::redirect_error(use_awaitable, ec));
    n.backoff_timers[slot].reset();
    if (closed_) break;
    auto s = co_await OpenSlot(node, slot);
    if (s) break;
    ++n.failures[slot];
  }
  n.reconnecting[slot] = false;
  (void)self;
}

std::shared_ptr<Connection> Session::Pick() {
  const std::size_t count = nodes_.size();
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t idx = (next_node_ + i) % count;
    std::shared_ptr<Connection> best;
    for (const auto& c : nodes_[idx].connections) {
      if (c && c->is_open() && (!best || c->in_flight() < best->in_flight())) best = c;
    }
    if (best) {
      next_node_ = (idx + 1) % count;
      return best;
    }
  }
  return nullptr;
}

awaitable<CqlStatus> Session::PrepareOn(Connection& conn, detail::PreparedState& state) {
  auto r = co_await conn.Send(BuildPrepare(state.cql), settings_.request_timeout);
  if (!r) co_return std::move(r).error();
  if (!r->result.prepared()) co_return CqlError::Make(Errc::kUnexpectedResponse, "PREPARE did not return Prepared");
  ApplyPrepared(state, *r->result.prepared());
  co_return CqlStatus{};
}

awaitable<CqlResult<PreparedStatement>> Session::Prepare(std::string cql) {
  co_return co_await OnStrand(PrepareImpl(std::move(cql)));
}

awaitable<CqlResult<PreparedStatement>> Session::PrepareImpl(std::string cql) {
  if (auto it = prepared_.find(cql); it != prepared_.end()) co_return PreparedStatement(it->second);
  auto state = std::make_shared<detail::PreparedState>();
  state->cql = cql;
  for (int attempt = 0;; ++attempt) {
    auto conn = Pick();
    if (!conn) co_return CqlError::Make(Errc::kNoHostAvailable, "no open connection");
    auto s = co_await PrepareOn(*conn, *state);
    if (s) break;
    // PREPARE is idempotent: retry transport failures on another connection.
    if (!s.error().retryable || attempt >= settings_.max_retries) co_return std::move(s).error();
  }
  auto [it, inserted] = prepared_.emplace(cql, state);
  co_return PreparedStatement(it->second);
}

QueryParameters Session::MakeParameters(const QueryOptions& o) const {
  QueryParameters p;
  p.consistency = o.consistency.value_or(settings_.consistency);
  p.serial_consistency = o.serial_consistency.value_or(settings_.serial_consistency);
  const std::int32_t page = o.page_size.value_or(settings_.page_size);
  p.page_size = page > 0 ? page : 0;
  p.paging_state = o.paging_state;
  p.default_timestamp_us = o.timestamp_us;
  return p;
}

awaitable<CqlResult<ResultSet>> Session::Run(BuildFn build, QueryOptions options,
                                            std::vector<std::shared_ptr<detail::PreparedState>> statements) {
  const auto timeout = options.timeout.value_or(settings_.request_timeout);
  int retries = 0;
  int reprepares = 0;
  for (;;) {
    if (closed_) co_return CqlError::Make(Errc::kConnectionError, "session closed");
    std::optional<CqlError> failure;
    auto conn = Pick();
    if (!conn) {
      failure = CqlError::Make(Errc::kNoHostAvailable, "no open connection to any node");
    } else {
      auto request = build(conn->protocol_version());
      if (!request) co_return std::move(request).error();
      auto r = co_await conn->Send(std::move(request).value(), timeout);
      if (r) co_return std::move(r->result);
      failure = std::move(r).error();
      if (failure->code == Errc::kUnprepared && reprepares < 3) {
        // The node forgot the statement (restart, cache eviction, another session's schema
        // change): prepare it again on the same connection and resend.
        auto it = std::find_if(statements.begin(), statements.end(),
                               [&](const auto& s) { return s->id == failure->unprepared_id; });
        if (it == statements.end() && statements.size() == 1) it = statements.begin();
        if (it != statements.end()) {
          ++reprepares;
          reprepares_.fetch_add(1, std::memory_order_relaxed);
          auto s = co_await PrepareOn(*conn, **it);
          if (!s) co_return std::move(s).error();
          continue;
        }
      }
    }
    if (failure->retryable && options.idempotent && retries < settings_.max_retries) {
      ++retries;
      co_await Sleep(strand_, settings_.retry_delay * retries);
      continue;
    }
    co_return std::move(*failure);
  }
}

awaitable<CqlResult<ResultSet>> Session::Execute(PreparedStatement statement, std::vector<Value> values,
                                                 QueryOptions options) {
  co_return co_await OnStrand(ExecuteImpl(std::move(statement), std::move(values), std::move(options)));
}

awaitable<CqlResult<ResultSet>> Session::ExecuteImpl(PreparedStatement statement, std::vector<Value> values,
                                                     QueryOptions options) {
  if (!statement.valid()) co_return CqlError::Make(Errc::kBadValue, "statement is not prepared");
  auto state = statement.state();
  QueryParameters params = MakeParameters(options);
  params.values = std::move(values);
  BuildFn build = [state, params](int version) mutable -> CqlResult<Request> {
    params.value_types = &state->bind_types;
    return BuildExecute(IdBytes(state->id), params, version);
  };
  // (A named vector: GCC 12 miscompiles braced lists inside co_await expressions.)
  std::vector<std::shared_ptr<detail::PreparedState>> statements{state};
  co_return co_await Run(std::move(build), std::move(options), std::move(statements));
}

awaitable<CqlResult<ResultSet>> Session::ExecuteNamed(PreparedStatement statement, NamedValues values,
                                                      QueryOptions options) {
  if (!statement.valid()) co_return CqlError::Make(Errc::kBadValue, "statement is not prepared");
  // Names are resolved against the bind metadata, so the request uses positions (no 0x40 flag).
  const auto& cols = statement.bind_columns();
  std::vector<Value> positional(cols.size(), Value(Unset{}));
  for (auto& [name, value] : values) {
    bool found = false;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i].name == name) {
        positional[i] = value;  // a name may appear at several markers
        found = true;
      }
    }
    if (!found) co_return CqlError::Make(Errc::kBadValue, "statement has no marker named '" + name + "'");
  }
  co_return co_await Execute(std::move(statement), std::move(positional), std::move(options));
}

awaitable<CqlResult<std::vector<Row>>> Session::ExecuteAll(PreparedStatement statement, std::vector<Value> values,
                                                           QueryOptions options) {
  co_return co_await OnStrand(ExecuteAllImpl(std::move(statement), std::move(values), std::move(options)));
}

awaitable<CqlResult<std::vector<Row>>> Session::ExecuteAllImpl(PreparedStatement statement, std::vector<Value> values,
                                                               QueryOptions options) {
  std::vector<Row> rows;
  for (;;) {
    auto page = co_await ExecuteImpl(statement, values, options);
    if (!page) co_return std::move(page).error();
    rows.insert(rows.end(), page->rows().begin(), page->rows().end());
    if (!page->has_more_pages()) break;
    options.paging_state = page->paging_state();
  }
  co_return rows;
}

awaitable<CqlResult<ResultSet>> Session::Query(std::string cql, std::vector<Value> values, QueryOptions options) {
  QueryParameters params = MakeParameters(options);
  params.values = std::move(values);
  BuildFn build = [cql = std::move(cql), params = std::move(params)](int version) {
    return BuildQuery(cql, params, version);
  };
  std::vector<std::shared_ptr<detail::PreparedState>> none;
  co_return co_await OnStrand(Run(std::move(build), std::move(options), std::move(none)));
}

awaitable<CqlResult<ResultSet>> Session::ExecuteBatch(Batch batch, QueryOptions options) {
  co_return co_await OnStrand(BatchImpl(std::move(batch), std::move(options)));
}

awaitable<CqlResult<ResultSet>> Session::BatchImpl(Batch batch, QueryOptions options) {
  std::vector<std::shared_ptr<detail::PreparedState>> states;
  for (const auto& e : batch.entries()) {
    if (e.prepared.valid()) states.push_back(e.prepared.state());
  }
  const Consistency consistency = options.consistency.value_or(settings_.consistency);
  const Consistency serial = options.serial_consistency.value_or(settings_.serial_consistency);
  const auto timestamp = options.timestamp_us;
  auto shared_batch = std::make_shared<const Batch>(std::move(batch));
  BuildFn build = [shared_batch, consistency, serial, timestamp](int version) -> CqlResult<Request> {
    std::vector<BatchStatement> statements;
    statements.reserve(shared_batch->size());
    for (const auto& e : shared_batch->entries()) {
      BatchStatement s;
      s.values = e.values;
      if (e.prepared.valid()) {
        s.prepared = true;
        s.query_or_id = e.prepared.state()->id;
        s.value_types = &e.prepared.state()->bind_types;
      } else {
        s.query_or_id = e.cql;
      }
      statements.push_back(std::move(s));
    }
    return BuildBatch(shared_batch->type(), statements, consistency, serial, timestamp, version);
  };
  co_return co_await Run(std::move(build), std::move(options), std::move(states));
}

awaitable<void> Session::Close() { co_await asio::co_spawn(strand_, CloseImpl(), use_awaitable); }

awaitable<void> Session::CloseImpl() {
  closed_ = true;
  for (auto& n : nodes_) {
    for (auto& t : n.backoff_timers) {
      if (t) t->cancel();
    }
    for (auto& c : n.connections) {
      if (c) {
        c->SetOnClose(nullptr);
        c->Close();
      }
    }
  }
  co_return;
}

awaitable<std::size_t> Session::OpenConnectionCount() {
  auto self = shared_from_this();
  co_return co_await OnStrand([](std::shared_ptr<Session> s) -> awaitable<std::size_t> {
    std::size_t n = 0;
    for (const auto& node : s->nodes_) {
      for (const auto& c : node.connections) n += (c && c->is_open()) ? 1 : 0;
    }
    co_return n;
  }(self));
}

}  // namespace eda::cql
