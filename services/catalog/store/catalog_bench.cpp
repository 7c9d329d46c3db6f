// eda-catalog-bench: the read figures of bench/catalog.sh against a real Cassandra
// (EDA_CASSANDRA_HOST/PORT, default the test profile 127.0.0.1:29042), in a fresh keyspace dropped at
// the end. (Stock takes are measured through the running service: bench/stock.sh.)
//   eda-catalog-bench serve <port>  -> serves the catalog read routes (real Cassandra store, same
//        handlers as eda-catalog) for wrk; prints "ready <productId>"; SIGTERM ends it.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "catalog/api/catalog_routes.hpp"
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

int Serve(std::uint16_t port) {
  Setup s;
  if (!s.Open()) return 1;
  const Product p = s.Seed(1, 100);
  testing::FakeProductLedger ledger;
  const CatalogService service({*s.store, ledger, ledger}, {});
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
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "serve") return Serve(static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 28185));
  std::fprintf(stderr, "usage: eda-catalog-bench serve <port>\n");
  return 2;
}
