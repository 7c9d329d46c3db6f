#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "eda/cql/connection.hpp"
#include "eda/cql/error.hpp"
#include "eda/cql/result_set.hpp"
#include "eda/cql/session_settings.hpp"
#include "eda/cql/statement.hpp"

namespace eda::cql {

// A client of a Cassandra cluster: connections to every contact point (connections_per_node
// each), requests spread round-robin across nodes that have an open connection, reconnection
// with exponential backoff, USE keyspace on every connection, a prepared statement cache with
// transparent re-preparation (on UNPREPARED and on every new connection), paging, consistency and
// serial consistency per statement, and automatic retries of idempotent statements.
//
// Threading: every member may be called from any thread or coroutine; the state lives on an
// internal strand and results are delivered back on the caller's executor.
// Lifetime: shared_ptr; call Close() before dropping the last reference to stop reconnect timers
// promptly (otherwise they end at their next expiry).
//
// Errors: every operation returns CqlResult with a typed CqlError (server error codes with their
// details; kNoHostAvailable, kConnectionError, kRequestTimeout, kBadValue from the client).
class Session : public std::enable_shared_from_this<Session> {
 public:
  // Connects to the contact points. Succeeds when at least one connection is ready (the others
  // keep retrying in the background); otherwise returns the last connection error.
  static boost::asio::awaitable<CqlResult<std::shared_ptr<Session>>> Connect(boost::asio::any_io_executor executor,
                                                                             SessionSettings settings);

  // Prepares `cql` (cached by text: preparing the same text again costs nothing).
  boost::asio::awaitable<CqlResult<PreparedStatement>> Prepare(std::string cql);

  // Executes a prepared statement with positional values, converted to the marker types
  // (wrong count or type: kBadValue, nothing sent). Rows results are one page (see paging).
  boost::asio::awaitable<CqlResult<ResultSet>> Execute(PreparedStatement statement, std::vector<Value> values,
                                                       QueryOptions options = {});
  // Executes with values bound by marker name; unnamed markers are "not set".
  boost::asio::awaitable<CqlResult<ResultSet>> ExecuteNamed(PreparedStatement statement, NamedValues values,
                                                            QueryOptions options = {});
  // Executes a statement and follows paging_state until the last page; all rows in order.
  boost::asio::awaitable<CqlResult<std::vector<Row>>> ExecuteAll(PreparedStatement statement, std::vector<Value> values,
                                                                 QueryOptions options = {});
  // Runs an unprepared statement (DDL, one-off queries). Values use their own encoding (no column
  // types known): bind bigint columns with Value::Bigint, not a plain int.
  boost::asio::awaitable<CqlResult<ResultSet>> Query(std::string cql, std::vector<Value> values = {},
                                                     QueryOptions options = {});
  // Executes a BATCH (logged, unlogged or counter). Paging options are ignored.
  boost::asio::awaitable<CqlResult<ResultSet>> ExecuteBatch(Batch batch, QueryOptions options = {});

  // Closes every connection and stops reconnecting. In-flight requests fail with kConnectionError.
  boost::asio::awaitable<void> Close();

  // Open connections right now (for health checks and tests).
  boost::asio::awaitable<std::size_t> OpenConnectionCount();
  const SessionSettings& settings() const noexcept { return settings_; }
  // Statements prepared again after a node answered UNPREPARED (for metrics and tests).
  std::uint64_t reprepare_count() const noexcept { return reprepares_.load(std::memory_order_relaxed); }

  // Public for make_shared; use Connect.
  Session(boost::asio::any_io_executor executor, SessionSettings settings);
  // Closes any connection still open. Prefer Close(); if dropped without it, drop the last
  // reference while no other thread runs the session's executor.
  ~Session();

 private:
  struct Node {
    std::string host;
    std::uint16_t port = 0;
    std::vector<std::shared_ptr<Connection>> connections;  // null or closed: being reconnected
    std::vector<std::shared_ptr<boost::asio::steady_timer>> backoff_timers;
    std::vector<bool> reconnecting;
    std::vector<int> failures;
  };
  using BuildFn = std::function<CqlResult<Request>(int protocol_version)>;

  template <class T>
  boost::asio::awaitable<T> OnStrand(boost::asio::awaitable<T> work);

  boost::asio::awaitable<CqlStatus> ConnectAll();
  boost::asio::awaitable<CqlStatus> OpenSlot(std::size_t node, std::size_t slot);
  void ScheduleReconnect(std::size_t node, std::size_t slot);
  boost::asio::awaitable<void> ReconnectLoop(std::shared_ptr<Session> self, std::size_t node, std::size_t slot);
  std::shared_ptr<Connection> Pick();
  boost::asio::awaitable<CqlStatus> PrepareOn(Connection& conn, detail::PreparedState& state);
  boost::asio::awaitable<CqlResult<PreparedStatement>> PrepareImpl(std::string cql);
  boost::asio::awaitable<CqlResult<ResultSet>> Run(BuildFn build, QueryOptions options,
                                                   std::vector<std::shared_ptr<detail::PreparedState>> statements);
  boost::asio::awaitable<CqlResult<ResultSet>> ExecuteImpl(PreparedStatement statement, std::vector<Value> values,
                                                           QueryOptions options);
  boost::asio::awaitable<CqlResult<std::vector<Row>>> ExecuteAllImpl(PreparedStatement statement,
                                                                     std::vector<Value> values, QueryOptions options);
  boost::asio::awaitable<CqlResult<ResultSet>> BatchImpl(Batch batch, QueryOptions options);
  boost::asio::awaitable<void> CloseImpl();
  QueryParameters MakeParameters(const QueryOptions& options) const;

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  SessionSettings settings_;
  std::vector<Node> nodes_;
  std::size_t next_node_ = 0;
  bool closed_ = false;
  std::map<std::string, std::shared_ptr<detail::PreparedState>> prepared_;
  std::atomic<std::uint64_t> reprepares_{0};
};

}  // namespace eda::cql
