// eda-catalog-bench: figures for bench/catalog.sh against a real Cassandra (EDA_CASSANDRA_HOST/PORT,
// default the test profile 127.0.0.1:29042), in a fresh keyspace dropped at the end.
//   eda-catalog-bench stock [orders] [threads] [products]  -> JSON: decrements/s on one hot product and
//                                                             spread over `products` products
//   eda-catalog-bench serve <port>                        -> serves the catalog read routes (real
//        Cassandra store, same handlers as eda-catalog) for wrk; prints "ready <productId>"; SIGTERM ends it.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "catalog/api/catalog_routes.hpp"
#include "catalog/domain/stock_service.hpp"
#include "catalog/domain/testing/fake_ports.hpp"
#include "catalog/store/cql_product_store.hpp"
#include "catalog/store/schema.hpp"
#include "eda/cql/testing/run.hpp"
#include "eda/http/server.hpp"

namespace {

using namespace eda;
using namespace eda::catalog;
using Clock = std::chrono::steady_clock;

struct Setup {
  CqlRunner runner{2};
  std::shared_ptr<cql::Session> admin;
  std::shared_ptr<cql::Session> session;
  std::unique_ptr<CqlProductStore> store;
  std::string keyspace = "catalog_bench_" + cql::testing::UniqueSuffix();

  bool Open() {
    runner.Start();
    auto a = runner.Block(cql::Session::Connect(runner.executor(), cql::testing::TestSettings()));
    if (!a) return Fail(a.error().message);
    admin = *a;
    CassandraSchemaSettings schema;
    schema.keyspace = keyspace;
    if (auto s = runner.Block(ApplyCassandraSchema(*admin, schema)); !s) return Fail(s.error().message);
    auto settings = cql::testing::TestSettings();
    settings.keyspace = keyspace;
    auto s = runner.Block(cql::Session::Connect(runner.executor(), settings));
    if (!s) return Fail(s.error().message);
    session = *s;
    auto st = runner.Block(CqlProductStore::Create(session, runner));
    if (!st) return Fail(st.error().message);
    store = std::move(*st);
    return true;
  }
  void Close() {
    store.reset();
    if (session) runner.Block(session->Close());
    if (admin) {
      (void)runner.Block(admin->Query("DROP KEYSPACE IF EXISTS " + keyspace));
      runner.Block(admin->Close());
    }
    runner.Stop();
  }
  static bool Fail(const std::string& m) {
    std::fprintf(stderr, "catalog bench: %s\n", m.c_str());
    return false;
  }
  Product Seed(std::int64_t id, std::int64_t stock) {
    Product p;
    p.id = ProductId{id};
    p.seller_id = SellerId{1};
    p.name = "bench product " + std::to_string(id);
    p.description = "a product for the read benchmark";
    p.price = 1500;
    p.stock = stock;
    p.tags = {"bench", "pen"};
    p.created_at = p.updated_at = std::chrono::system_clock::now();
    (void)store->Insert(p);
    return p;
  }
};

struct RunResult {
  double seconds = 0;
  int ok = 0;
  int failed = 0;
  double p99_ms = 0;
};

RunResult RunOrders(const StockService& stock, int orders, int threads, int products, const std::string& tag) {
  std::atomic<int> next{0}, ok{0}, failed{0};
  std::vector<std::vector<double>> lat(threads);
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = next++; i < orders; i = next++) {
        const auto t0 = Clock::now();
        auto r = stock.Take({tag + std::to_string(i), ProductId{1 + (i % products)}, 1});
        lat[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (r.ok() && r->kind == TakeOutcome::kReserved) ++ok;
        else ++failed;
      }
    });
  }
  for (auto& th : pool) th.join();
  RunResult out;
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  out.ok = ok;
  out.failed = failed;
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  if (!all.empty()) out.p99_ms = all[static_cast<std::size_t>(static_cast<double>(all.size() - 1) * 0.99)];
  return out;
}

int Stock(int orders, int threads, int products) {
  Setup s;
  if (!s.Open()) return 1;
  CatalogService::Settings settings;
  settings.max_cas_attempts = 1000;
  settings.backoff = [](int attempt) {
    std::this_thread::sleep_for(std::chrono::microseconds(100 * (1 + std::min(attempt, 20)) + std::rand() % 300));
  };
  const StockService stock(*s.store, settings);
  s.Seed(1, 1'000'000);
  for (int i = 2; i <= products; ++i) s.Seed(i, 1'000'000);
  const RunResult hot = RunOrders(stock, orders, threads, 1, "hot-");
  const RunResult spread = RunOrders(stock, orders, threads, products, "spread-");
  std::printf(
      "{\"orders\": %d, \"threads\": %d, \"products_spread\": %d,"
      " \"hot\": {\"seconds\": %.3f, \"reserved\": %d, \"failed\": %d, \"per_second\": %.1f, \"p99_ms\": %.2f},"
      " \"spread\": {\"seconds\": %.3f, \"reserved\": %d, \"failed\": %d, \"per_second\": %.1f, \"p99_ms\": %.2f}}\n",
      orders, threads, products, hot.seconds, hot.ok, hot.failed, hot.ok / hot.seconds, hot.p99_ms, spread.seconds,
      spread.ok, spread.failed, spread.ok / spread.seconds, spread.p99_ms);
  s.Close();
  return 0;
}

int Serve(std::uint16_t port) {
  Setup s;
  if (!s.Open()) return 1;
  const Product p = s.Seed(1, 100);
  testing::FakeProductLedger ledger;
  const CatalogService service({*s.store, ledger}, {});
  http::BlockingPool blocking(2);
  http::Router router;
  CqlProductStore* store = s.store.get();
  AddCatalogRoutes(router, service, blocking, [store](ProductId id) { return store->FindAsync(id); });
  config::Reader env;
  http::ServerSettings settings = http::ServerSettings::Load(env, "catalog-bench", port);
  settings.port = port;
  http::Server server(settings, std::move(router));
  std::printf("ready %lld\n", static_cast<long long>(p.id.value()));
  std::fflush(stdout);
  const int code = server.Run();
  s.Close();
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "stock";
  if (mode == "serve") return Serve(static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 28185));
  return Stock(argc > 2 ? std::atoi(argv[2]) : 2000, argc > 3 ? std::atoi(argv[3]) : 16,
               argc > 4 ? std::atoi(argv[4]) : 64);
}
