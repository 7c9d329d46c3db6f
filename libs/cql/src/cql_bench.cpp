// eda-cql-bench: prepared INSERT and SELECT throughput and latency of libs/cql against a real node.
// Usage: eda-cql-bench [--ops N] [--inflight K] [--connections C] [--json]
// Node from EDA_CASSANDRA_HOST / EDA_CASSANDRA_PORT (default 127.0.0.1:29042). Creates a keyspace
// bench_<random> (RF 1), runs N inserts then N point selects with K requests in flight, drops it.
// Prints a human summary; with --json also one JSON line at the end.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "eda/cql/session.hpp"
#include "eda/cql/testing/run.hpp"

namespace {

namespace asio = boost::asio;
using asio::awaitable;
using Clock = std::chrono::steady_clock;
using eda::cql::Session;
using eda::cql::Value;

struct Phase {
  std::string name;
  long ops = 0;
  long errors = 0;
  double seconds = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double ops_per_second() const { return seconds > 0 ? static_cast<double>(ops - errors) / seconds : 0; }
};

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const auto idx = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(idx), v.end());
  return v[idx];
}

// Runs `ops` calls of op(i) with `inflight` workers; records per-call latency.
template <class Op>
awaitable<Phase> RunPhase(std::string name, long ops, int inflight, Op op) {
  auto ex = co_await asio::this_coro::executor;
  Phase phase{std::move(name), ops};
  std::vector<double> latencies;
  latencies.reserve(static_cast<std::size_t>(ops));
  long next = 0;
  int running = inflight;
  asio::steady_timer done(ex, Clock::time_point::max());
  const auto start = Clock::now();
  for (int w = 0; w < inflight; ++w) {
    asio::co_spawn(
        ex,
        [&]() -> awaitable<void> {
          while (next < ops) {
            const long i = next++;
            const auto t0 = Clock::now();
            const bool ok = co_await op(i);
            latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            if (!ok) ++phase.errors;
          }
          if (--running == 0) done.cancel();
        },
        asio::detached);
  }
  boost::system::error_code ec;
  co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  phase.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  phase.p50_ms = Percentile(latencies, 0.50);
  phase.p99_ms = Percentile(latencies, 0.99);
  phase.max_ms = latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end());
  co_return phase;
}

}  // namespace

int main(int argc, char** argv) {
  long ops = 50000;
  int inflight = 64;
  int connections = 2;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : "0"; };
    if (a == "--ops") ops = std::atol(next());
    else if (a == "--inflight") inflight = std::atoi(next());
    else if (a == "--connections") connections = std::atoi(next());
    else if (a == "--json") json = true;
    else {
      std::cerr << "usage: eda-cql-bench [--ops N] [--inflight K] [--connections C] [--json]\n";
      return 2;
    }
  }
  if (ops <= 0 || inflight <= 0 || connections <= 0) {
    std::cerr << "eda-cql-bench: --ops, --inflight and --connections must be positive\n";
    return 2;
  }
  auto settings = eda::cql::testing::TestSettings();
  settings.connections_per_node = connections;
  const std::string endpoint = settings.contact_points.front() + ":" + std::to_string(settings.port);
  int rc = 0;
  eda::cql::testing::RunCoroutine([&]() -> awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    auto admin = co_await Session::Connect(ex, settings);
    if (!admin) {
      std::cerr << "eda-cql-bench: connect " << endpoint << ": " << admin.error() << "\n";
      rc = 1;
      co_return;
    }
    auto s = *admin;
    const std::string ks = "bench_" + eda::cql::testing::UniqueSuffix();
    auto fail = [&](const char* what, const eda::cql::CqlError& e) {
      std::cerr << "eda-cql-bench: " << what << ": " << e << "\n";
      rc = 1;
    };
    if (auto r = co_await s->Query("CREATE KEYSPACE " + ks +
                                   " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        !r) {
      fail("create keyspace", r.error());
      co_return;
    }
    if (auto r = co_await s->Query("CREATE TABLE " + ks +
                                   ".product (id bigint PRIMARY KEY, name text, price decimal, stock int, tags set<text>)");
        !r) {
      fail("create table", r.error());
      co_return;
    }
    auto insert = co_await s->Prepare("INSERT INTO " + ks + ".product (id, name, price, stock, tags) VALUES (?, ?, ?, ?, ?)");
    auto select = co_await s->Prepare("SELECT id, name, price, stock, tags FROM " + ks + ".product WHERE id = ?");
    if (!insert || !select) {
      fail("prepare", insert ? select.error() : insert.error());
      co_return;
    }
    const auto price = *eda::cql::Decimal::Parse("19.99");
    const std::set<std::string> tags{"bench", "cql"};
    auto ins = co_await RunPhase("insert", ops, inflight, [&](long i) -> awaitable<bool> {
      auto r = co_await s->Execute(*insert, eda::cql::Values(static_cast<std::int64_t>(i), "product " + std::to_string(i),
                                                             price, 100, tags));
      co_return r.ok();
    });
    auto sel = co_await RunPhase("select", ops, inflight, [&](long i) -> awaitable<bool> {
      auto r = co_await s->Execute(*select, eda::cql::Values(static_cast<std::int64_t>((i * 7919) % ops)));
      co_return r.ok() && r->size() == 1 && r->front().Get<int>("stock") == 100;
    });
    (void)co_await s->Query("DROP KEYSPACE IF EXISTS " + ks);
    co_await s->Close();

    for (const auto* p : {&ins, &sel}) {
      std::printf("cql prepared %-6s %8.0f ops/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%ld ops, %ld errors, %.2f s)\n",
                  p->name.c_str(), p->ops_per_second(), p->p50_ms, p->p99_ms, p->max_ms, p->ops, p->errors, p->seconds);
    }
    std::printf("  node %s, %d requests in flight over %d connection(s), one client thread\n", endpoint.c_str(),
                inflight, connections);
    if (json) {
      std::printf(
          "{\"node\":\"%s\",\"inflight\":%d,\"connections\":%d,\"ops\":%ld,"
          "\"insert\":{\"ops_per_second\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"errors\":%ld},"
          "\"select\":{\"ops_per_second\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"errors\":%ld}}\n",
          endpoint.c_str(), inflight, connections, ops, ins.ops_per_second(), ins.p50_ms, ins.p99_ms, ins.max_ms,
          ins.errors, sel.ops_per_second(), sel.p50_ms, sel.p99_ms, sel.max_ms, sel.errors);
    }
    if (ins.errors + sel.errors > 0) rc = 1;
  });
  return rc;
}
