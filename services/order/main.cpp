// eda-order: composition root of the order service. Reads settings, builds every part in dependency
// order, serves HTTP until SIGTERM/SIGINT, then stops in reverse order. No logic here.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "eda/config/reader.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/events/outbox.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/server.hpp"
#include "eda/httpclient/client.hpp"
#include "eda/log/log.hpp"
#include "eda/metrics/registry.hpp"
#include "eda/service/access_tokens.hpp"
#include "eda/service/event_plumbing.hpp"
#include "eda/service/periodic_task.hpp"
#include "eda/service/readiness.hpp"
#include "eda/service/settings.hpp"
#include "eda/service/startup.hpp"
#include "eda/sql/pool.hpp"
#include "eda/toss/settings.hpp"
#include "eda/topology/ports.hpp"
#include "order/api/openapi_document.hpp"
#include "order/api/order_metrics.hpp"
#include "order/api/internal_routes.hpp"
#include "order/api/order_routes.hpp"
#include "order/events/order_consumers.hpp"
#include "order/events/order_messages.hpp"
#include "order/events/product_announcements.hpp"
#include "order/store/http_address_book.hpp"
#include "order/store/http_product_catalog.hpp"
#include "order/store/sql_product_read_model.hpp"
#include "order/store/schema.hpp"
#include "order/store/sql_order_repository.hpp"

namespace {

using namespace eda;

// The order service's own settings (the kernel libraries read theirs: EDA_HTTP_*, EDA_MYSQL_*,
// EDA_KAFKA_BROKERS, EDA_JWT_*).
struct OrderSettings {
  std::uint16_t port = topology::kOrderPort;          // EDA_ORDER_PORT (EDA_HTTP_PORT overrides)
  int workers = 4;                                    // EDA_ORDER_WORKERS: threads for database/catalog calls
  std::string catalog_url = topology::LocalUrl(topology::kCatalogPort);    // EDA_CATALOG_URL
  std::string delivery_url = topology::LocalUrl(topology::kDeliveryPort);  // EDA_DELIVERY_URL: the address book of saved addresses
  order::CheckoutSettings checkout;                   // EDA_ORDER_PUBLIC_URL, EDA_TOSS_API_URL, EDA_TOSS_CLIENT_KEY,
                                                      // EDA_ORDER_SEED_ANONYMOUS_CHECKOUT
  order::SweepSettings sweep;                         // EDA_ORDER_CREATED_DEADLINE (30m), EDA_ORDER_PAYMENT_DEADLINE (60s), EDA_ORDER_PAID_DEADLINE (60s),
                                                      // EDA_ORDER_CANCELLING_DEADLINE (120s), EDA_ORDER_MAX_ATTEMPTS (5)
  std::chrono::milliseconds sweep_interval{10'000};   // EDA_ORDER_SWEEP_INTERVAL
  bool relay = true;                                  // EDA_ORDER_RELAY: run the outbox relay in-process
  bool consume = true;                                // EDA_ORDER_CONSUME: run the saga consumers
  bool sweeper = true;                                // EDA_ORDER_SWEEPER
  config::Secret delivery_token;                      // EDA_ORDER_DELIVERY_TOKEN(_FILE): what the delivery service
                                                      // presents on /orders/internal (none: those routes answer 403)
};

OrderSettings LoadOrderSettings(config::Reader& r) {
  OrderSettings s;
  s.port = r.GetPort("EDA_ORDER_PORT", s.port);
  s.workers = static_cast<int>(r.GetInt("EDA_ORDER_WORKERS", s.workers, 1, 256));
  s.catalog_url = r.GetString("EDA_CATALOG_URL", s.catalog_url);
  s.delivery_url = r.GetString("EDA_DELIVERY_URL", s.delivery_url);
  s.checkout.public_url = r.GetString("EDA_ORDER_PUBLIC_URL", s.checkout.public_url);
  s.checkout.toss_api_url = toss::Settings::ApiUrl(r);
  s.checkout.client_key = r.GetString("EDA_TOSS_CLIENT_KEY", s.checkout.client_key);
  s.checkout.seed_anonymous_checkout = r.GetBool("EDA_ORDER_SEED_ANONYMOUS_CHECKOUT", false);
  s.delivery_token = r.GetSecret("EDA_ORDER_DELIVERY_TOKEN", "");
  const auto seconds = [&](std::string_view key, std::chrono::seconds def) {
    return std::chrono::ceil<std::chrono::seconds>(r.GetDuration(key, def));
  };
  s.sweep.created_deadline = seconds("EDA_ORDER_CREATED_DEADLINE", s.sweep.created_deadline);
  s.sweep.payment_requested_deadline = seconds("EDA_ORDER_PAYMENT_DEADLINE", s.sweep.payment_requested_deadline);
  s.sweep.paid_deadline = seconds("EDA_ORDER_PAID_DEADLINE", s.sweep.paid_deadline);
  s.sweep.cancelling_deadline = seconds("EDA_ORDER_CANCELLING_DEADLINE", s.sweep.cancelling_deadline);
  s.sweep.max_attempts = static_cast<int>(r.GetInt("EDA_ORDER_MAX_ATTEMPTS", s.sweep.max_attempts, 1, 100));
  s.sweep_interval = r.GetDuration("EDA_ORDER_SWEEP_INTERVAL", s.sweep_interval);
  if (s.sweep_interval.count() < 10) r.AddError("EDA_ORDER_SWEEP_INTERVAL", "must be at least 10ms");
  s.relay = r.GetBool("EDA_ORDER_RELAY", true);
  s.consume = r.GetBool("EDA_ORDER_CONSUME", true);
  s.sweeper = r.GetBool("EDA_ORDER_SWEEPER", true);
  return s;
}

std::string RandomBytes() {
  thread_local std::random_device device;
  std::string out(15, '\0');
  for (auto& c : out) c = static_cast<char>(device() & 0xFF);
  return out;
}

}  // namespace

int main() {
  service::StartLogging("order");

  // ---- settings ----
  config::Reader env;
  const OrderSettings settings = LoadOrderSettings(env);
  const http::ServerSettings http_settings = http::ServerSettings::Load(env, "order", settings.port);
  if (auto ok = env.Finish(); !ok) return service::FailStartup("settings", ok.error());
  auto sql_settings = service::LoadSqlSettings();
  if (!sql_settings) return service::FailStartup("mysql settings", sql_settings.error());
  auto access_tokens = service::AccessTokens::FromEnv("order");
  if (!access_tokens) return service::FailStartup("access tokens", access_tokens.error());

  // ---- infrastructure ----
  events::Outbox outbox("order_outbox");
  const events::Inbox inbox("order_inbox");
  if (auto migrated = order::ApplyOrderSchema(*sql_settings, outbox, inbox); !migrated) {
    return service::FailStartup("migrations", migrated.error());
  }
  sql::Pool sql_pool(*sql_settings);
  auto kafka = service::LoadKafkaSettings();
  if (!kafka) return service::FailStartup("kafka settings", kafka.error());
  service::EventPlumbing plumbing("order", *kafka, outbox, sql_pool);
  if (auto started = plumbing.StartProducer(); !started) return service::FailStartup("kafka producer", started.error());

  // The catalog and address book client runs on its own I/O thread (handlers call it blocking from worker threads).
  boost::asio::io_context client_io;
  auto client_work = boost::asio::make_work_guard(client_io);
  auto http_client = httpclient::Client::Create(client_io.get_executor());
  if (!http_client) return service::FailStartup("http client", http_client.error());
  std::thread client_thread([&] { client_io.run(); });
  const auto stop_client = [&] {
    http_client->CloseIdle();
    client_work.reset();
    client_io.stop();
    if (client_thread.joinable()) client_thread.join();
  };

  // ---- domain ----
  order::OrderMetrics order_metrics(metrics::Registry::Default());
  const auto clock = [] { return std::chrono::system_clock::now(); };
  const order::OutcomeObserver observe = [&](const order::Order& before, const order::Outcome& outcome) {
    order_metrics.Stored(before, outcome, clock());
  };
  order::SqlOrderRepository orders(sql_pool, outbox, observe);
  order::HttpProductCatalog catalog_service(*http_client, settings.catalog_url);
  order::SqlProductReadModel catalog(sql_pool, catalog_service);
  order::HttpAddressBook addresses(*http_client, settings.delivery_url);
  const order::OrderService service(order::OrderService::Ports{orders, catalog, RandomBytes, clock, &addresses});

  // ---- consumers and sweeper ----
  events::Consumer consumer(service::ConsumerSettingsFor("order", "order", *kafka), plumbing.producer());
  order::ConsumerHooks hooks;
  hooks.stored = observe;
  hooks.ignored = [&](std::string_view topic, std::string_view order_id, std::string_view why) {
    order_metrics.Ignored(topic, why);
    log::Warn("saga event acknowledged without effect", {{"topic", topic}, {"order_id", order_id}, {"why", why}});
  };
  hooks.refused = [&](std::string_view topic, std::string_view order_id, std::string_view reason) {
    order_metrics.Refused(topic, reason);
    log::Warn("saga event refused: it does not carry the order's payment (forged or misrouted)",
              {{"topic", topic}, {"order_id", order_id}, {"reason", reason}});
  };
  order::SubscribeSagaHandlers(consumer, sql_pool, outbox, inbox, hooks);
  consumer.Subscribe(std::string(saga::kProductChanged), order::MakeProductAnnouncementHandler(catalog));
  // One instance sweeps at a time (the others stand by on the lock), so a stuck order is retried once.
  service::PeriodicTask sweeper(
      {.name = "order-sweeper", .interval = settings.sweep_interval, .leader_pool = &sql_pool,
       .metrics = &metrics::Registry::Default()},
      [&] {
        const order::SweepReport r = service.Sweep(settings.sweep);
        order_metrics.Swept(r);
        if (auto counts = orders.CountInFlight()) order_metrics.SetInFlight(*counts);
        if (r.expired + r.republished + r.refund_retriggered + r.flagged + r.errors > 0) {
          log::Info("order sweep", {{"expired", r.expired}, {"republished", r.republished},
                                    {"refund_retriggered", r.refund_retriggered}, {"flagged", r.flagged}, {"errors", r.errors}});
        }
        for (const auto& id : r.flagged_ids) log::Error("order flagged: the saga is stuck, operator needed", {{"order_id", id.value()}});
      });

  // ---- HTTP ----
  http::BlockingPool blocking(static_cast<std::size_t>(settings.workers));
  http::Router router;
  order::AddOrderRoutes(router, service, blocking, settings.checkout);
  order::AddOrderInternalRoutes(router, service, blocking, settings.delivery_token);
  http::Server server(http_settings, std::move(router));
  (*access_tokens)->Install(server);
  (*access_tokens)->Start();  // stopped by its destructor, after the server
  server.SetOpenApiDocument(std::string(order::OpenApiDocument()));
  service::AddMariaDbReadiness(server, sql_pool);

  if (settings.relay) plumbing.StartRelay();
  plumbing.StartInboxCleanup(inbox);
  if (settings.consume) {
    if (auto started = consumer.Start(); !started) {
      plumbing.Stop();
      stop_client();
      return service::FailStartup("kafka consumer", started.error());
    }
  }
  if (settings.sweeper) sweeper.Start();
  if (settings.checkout.seed_anonymous_checkout) {
    log::Warn("EDA_ORDER_SEED_ANONYMOUS_CHECKOUT is on: GET /orders/payments creates orders for any memberId "
              "without a token (the seed's behaviour, for its front end)");
  }
  log::Info("order service starting", {{"port", http_settings.port}, {"workers", settings.workers},
                                       {"sandbox", settings.checkout.sandbox()}});
  const int code = server.Run();  // until SIGTERM/SIGINT; drains in-flight requests

  // ---- shutdown, reverse order ----
  sweeper.Stop();
  consumer.Stop();
  plumbing.Stop();
  stop_client();
  sql_pool.Stop();
  return service::ReportStopped(code);
}
