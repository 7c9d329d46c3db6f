// eda-catalog: composition root of the catalog service. Reads settings, builds every part in
// dependency order, serves HTTP and consumes the stock topics until SIGTERM/SIGINT, then stops in
// reverse order. No logic here.

#include <chrono>
#include <regex>
#include <string>

#include "catalog/api/catalog_routes.hpp"
#include "catalog/api/openapi_document.hpp"
#include "catalog/domain/catalog_service.hpp"
#include "catalog/events/catalog_events.hpp"
#include "catalog/events/stock_steps.hpp"
#include "catalog/store/cql_product_store.hpp"
#include "catalog/store/cql_runner.hpp"
#include "catalog/store/schema.hpp"
#include "catalog/store/sql_product_ledger.hpp"
#include "catalog/store/sql_stock_unit_of_work.hpp"
#include "eda/config/reader.hpp"
#include "eda/cql/session.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/inbox_handler.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/events/outbox.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/server.hpp"
#include "eda/log/log.hpp"
#include "eda/metrics/registry.hpp"
#include "eda/service/access_tokens.hpp"
#include "eda/service/event_plumbing.hpp"
#include "eda/service/periodic_task.hpp"
#include "eda/service/readiness.hpp"
#include "eda/service/settings.hpp"
#include "eda/service/startup.hpp"
#include "eda/sql/pool.hpp"
#include "eda/topology/ports.hpp"

namespace {

using namespace eda;

// The catalog service's own settings (the kernel libraries read theirs: EDA_HTTP_*, EDA_MYSQL_*,
// EDA_CASSANDRA_HOST/PORT/USER/PASSWORD, EDA_KAFKA_BROKERS, EDA_JWT_*).
struct CatalogSettings {
  std::uint16_t port = topology::kCatalogPort;  // EDA_CATALOG_PORT (EDA_HTTP_PORT overrides)
  int workers = 8;                      // EDA_CATALOG_WORKERS: threads for blocking use cases
  int cql_threads = 1;                  // EDA_CATALOG_CQL_THREADS: io threads of the Cassandra session
  catalog::CassandraSchemaSettings cassandra;  // EDA_CATALOG_KEYSPACE, EDA_CATALOG_REPLICATION
  int stock_batch = 64;                 // EDA_CATALOG_STOCK_BATCH: stock events per transaction
  bool relay = true;                    // EDA_CATALOG_RELAY: run the outbox relay in-process
  bool consume = true;                  // EDA_CATALOG_CONSUME: consume the stock topics
  std::string group_id = "catalog";     // EDA_CATALOG_GROUP
  std::chrono::seconds repair_age{300};  // EDA_CATALOG_REPAIR_AGE: PENDING registrations older than this are settled
};

CatalogSettings LoadCatalogSettings(config::Reader& r) {
  CatalogSettings s;
  s.port = r.GetPort("EDA_CATALOG_PORT", s.port);
  s.workers = static_cast<int>(r.GetInt("EDA_CATALOG_WORKERS", s.workers, 1, 256));
  s.cql_threads = static_cast<int>(r.GetInt("EDA_CATALOG_CQL_THREADS", s.cql_threads, 1, 16));
  s.cassandra.keyspace = r.GetString("EDA_CATALOG_KEYSPACE", s.cassandra.keyspace);
  if (!std::regex_match(s.cassandra.keyspace, std::regex("[a-z][a-z0-9_]{0,47}"))) {
    r.AddError("EDA_CATALOG_KEYSPACE", "must match [a-z][a-z0-9_]{0,47}");
  }
  s.cassandra.replication = r.GetString("EDA_CATALOG_REPLICATION", s.cassandra.replication);
  if (!std::regex_match(s.cassandra.replication, std::regex(R"(\{[A-Za-z0-9_' :,.]+\})"))) {
    r.AddError("EDA_CATALOG_REPLICATION", "must be a CQL replication map like {'class': 'SimpleStrategy', ...}");
  }
  s.stock_batch = static_cast<int>(r.GetInt("EDA_CATALOG_STOCK_BATCH", s.stock_batch, 1, 1000));
  s.relay = r.GetBool("EDA_CATALOG_RELAY", true);
  s.consume = r.GetBool("EDA_CATALOG_CONSUME", true);
  s.group_id = r.GetString("EDA_CATALOG_GROUP", s.group_id);
  s.repair_age = std::chrono::ceil<std::chrono::seconds>(r.GetDuration("EDA_CATALOG_REPAIR_AGE", s.repair_age));
  return s;
}

}  // namespace

int main() {
  service::StartLogging("catalog");

  // ---- settings ----
  config::Reader env;
  const CatalogSettings settings = LoadCatalogSettings(env);
  const http::ServerSettings http_settings = http::ServerSettings::Load(env, "catalog", settings.port);
  if (auto ok = env.Finish(); !ok) return service::FailStartup("settings", ok.error());
  auto sql_settings = service::LoadSqlSettings();
  if (!sql_settings) return service::FailStartup("mysql settings", sql_settings.error());
  auto cql_settings = cql::SessionSettings::FromEnv(9042);
  if (!cql_settings) return service::FailStartup("cassandra settings", cql_settings.error().ToError());
  auto access_tokens = service::AccessTokens::FromEnv("catalog");
  if (!access_tokens) return service::FailStartup("access tokens", access_tokens.error());
  auto kafka = service::LoadKafkaSettings();
  if (!kafka) return service::FailStartup("kafka settings", kafka.error());

  // ---- MariaDB ----
  events::Outbox outbox("catalog_outbox");
  const events::Inbox inbox("catalog_inbox");
  if (auto migrated = catalog::ApplyCatalogSchema(*sql_settings, outbox, inbox); !migrated) {
    return service::FailStartup("migrations", migrated.error());
  }
  sql::Pool sql_pool(*sql_settings);

  // ---- Cassandra: schema first (no keyspace on that session), then the keyspace session ----
  catalog::CqlRunner runner(settings.cql_threads);
  runner.Start();
  {
    auto admin = runner.Block(cql::Session::Connect(runner.executor(), *cql_settings));
    if (!admin) return service::FailStartup("cassandra connect", admin.error().ToError());
    auto schema = runner.Block(catalog::ApplyCassandraSchema(**admin, settings.cassandra));
    runner.Block((*admin)->Close());
    if (!schema) return service::FailStartup("cassandra schema", schema.error());
  }
  cql::SessionSettings keyspace_settings = *cql_settings;
  keyspace_settings.keyspace = settings.cassandra.keyspace;
  auto session = runner.Block(cql::Session::Connect(runner.executor(), keyspace_settings));
  if (!session) return service::FailStartup("cassandra connect", session.error().ToError());
  auto store = runner.Block(catalog::CqlProductStore::Create(*session, runner));
  if (!store) return service::FailStartup("cassandra prepare", store.error());

  // ---- Kafka ----
  service::EventPlumbing plumbing("catalog", *kafka, outbox, sql_pool);
  if (auto started = plumbing.StartProducer(); !started) return service::FailStartup("kafka producer", started.error());

  // ---- domain ----
  catalog::SqlProductLedger ledger(sql_pool, outbox);
  catalog::SqlStockTransactions stock_transactions(sql_pool, outbox);
  const catalog::CatalogService service(catalog::CatalogService::Ports{**store, ledger, stock_transactions}, {});
  if (auto copied = service.CopyLegacyStock(); !copied) {
    return service::FailStartup("stock ledger", Error::Transient("catalog.legacy_stock", copied.error().cause));
  }

  // ---- consumers: group "catalog"; seed producers (no envelope headers) accepted ----
  // Stock steps in batches: one transaction (and one row lock per product) for many orders.
  const auto now_us = [] {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const catalog::StockUnitOfWorkFactory make_uow = [&outbox](sql::Transaction& tx, const std::string& trace_id) {
    return std::unique_ptr<catalog::StockUnitOfWork>(std::make_unique<catalog::SqlStockUnitOfWork>(tx, outbox, trace_id));
  };
  events::BatchOptions stock_batches;
  stock_batches.transaction = catalog::StockTransactionOptions();
  stock_batches.retry.max_attempts = 5;  // a batch locking a product on demand may deadlock: run it again
  events::Consumer consumer(service::ConsumerSettingsFor("catalog", settings.group_id, *kafka), plumbing.producer());
  consumer.SubscribeBatch(std::string(saga::kStockRequest),
                          events::InboxBatchHandler(sql_pool, inbox, settings.group_id,
                                                    catalog::StockRequestSteps(outbox, make_uow, now_us), stock_batches),
                          settings.stock_batch);
  consumer.SubscribeBatch(std::string(saga::kOrderCancelled),
                          events::InboxBatchHandler(sql_pool, inbox, settings.group_id,
                                                    catalog::OrderCancelledSteps(make_uow, now_us), stock_batches),
                          settings.stock_batch);
  // The catalog's own product-changed events keep the stock in the Cassandra rows (the projection).
  consumer.Subscribe(std::string(saga::kProductChanged), catalog::MakeStockProjectionHandler(**store));

  // ---- HTTP ----
  http::BlockingPool blocking(static_cast<std::size_t>(settings.workers));
  http::Router router;
  catalog::CqlProductStore* cql_store = store->get();
  catalog::AddCatalogRoutes(router, service, blocking,
                            [cql_store](catalog::ProductId id) { return cql_store->FindAsync(id); });
  http::Server server(http_settings, std::move(router));
  (*access_tokens)->Install(server);
  (*access_tokens)->Start();  // stopped by its destructor, after the server
  server.SetOpenApiDocument(std::string(catalog::OpenApiDocument()));
  service::AddMariaDbReadiness(server, sql_pool);
  server.AddReadinessCheck("cassandra", [&]() -> boost::asio::awaitable<Status> {
    const std::size_t open = co_await (*session)->OpenConnectionCount();
    if (open == 0) co_return Error::Transient("cql.no_host", "no open Cassandra connection");
    co_return Status{};
  });
  service::AddKafkaReadiness(server, blocking, plumbing.producer());

  // A registration that crashed between its steps is finished at start and then every minute (and
  // a product it activates that predates the ledger gets its stock copied), by one instance at a time.
  service::PeriodicTask repairer(
      {.name = "catalog-repairer", .interval = std::chrono::minutes(1), .leader_pool = &sql_pool,
       .metrics = &metrics::Registry::Default()},
      [&] {
        if (auto r = service.RepairPending(settings.repair_age); !r) {
          log::Warn("catalog repair round failed", {{"error", r.error().cause}});
        } else if (*r > 0) {
          log::Info("catalog repaired pending registrations", {{"count", *r}});
          if (auto c = service.CopyLegacyStock(); !c) log::Warn("catalog stock copy failed", {{"error", c.error().cause}});
        }
      });
  repairer.Start();

  if (settings.relay) plumbing.StartRelay();
  plumbing.StartInboxCleanup(inbox);
  if (settings.consume) {
    if (auto started = consumer.Start(); !started) {
      repairer.Stop();
      return service::FailStartup("kafka consumer", started.error());
    }
  }
  log::Info("catalog service starting", {{"port", http_settings.port}, {"workers", settings.workers},
                                         {"keyspace", settings.cassandra.keyspace}});
  const int code = server.Run();  // until SIGTERM/SIGINT; drains in-flight requests

  // ---- shutdown, reverse order ----
  repairer.Stop();
  consumer.Stop();
  plumbing.Stop();
  runner.Block((*session)->Close());
  runner.Stop();
  sql_pool.Stop();
  return service::ReportStopped(code);
}
