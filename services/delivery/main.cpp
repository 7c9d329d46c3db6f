// eda-delivery: composition root of the delivery service. Reads settings, builds every part in
// dependency order, serves HTTP until SIGTERM/SIGINT, then stops in reverse order. No logic here.

#include <chrono>
#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "delivery/api/delivery_routes.hpp"
#include "delivery/api/openapi_document.hpp"
#include "delivery/carriers/http_carrier.hpp"
#include "delivery/events/delivery_request_handler.hpp"
#include "delivery/events/status_poller.hpp"
#include "delivery/store/http_order_directory.hpp"
#include "delivery/store/schema.hpp"
#include "delivery/store/sql_delivery_queries.hpp"
#include "delivery/store/sql_transition_store.hpp"
#include "eda/config/reader.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/server.hpp"
#include "eda/saga/topics.hpp"
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
#include "eda/topology/ports.hpp"

namespace {

using namespace eda;

// The delivery service's own settings (the kernel libraries read theirs: EDA_HTTP_*, EDA_MYSQL_*,
// EDA_KAFKA_BROKERS, EDA_JWT_*).
struct DeliverySettings {
  delivery::CarrierSettings carrier;  // EDA_CARRIER_URL, EDA_CARRIER_TIMEOUT_MS
  delivery::PollerSettings poller;    // EDA_DELIVERY_POLL_SECONDS (default 200), EDA_DELIVERY_POLL_BATCH
  int workers = 4;                    // EDA_DELIVERY_WORKERS: threads for database/carrier calls of routes
  std::string group = "delivery";     // EDA_DELIVERY_GROUP: consumer group (and inbox consumer name)
  bool relay = true;                  // EDA_DELIVERY_RELAY: run the outbox relay in-process
  bool poll = true;                   // EDA_DELIVERY_POLL: run the status poller
  std::string order_url = topology::LocalUrl(topology::kOrderPort);  // EDA_ORDER_URL: asked whether an order is paid before it ships
  config::Secret order_token;         // EDA_DELIVERY_ORDER_TOKEN(_FILE): this service's token at the order service
};

DeliverySettings LoadDeliverySettings(config::Reader& r) {
  DeliverySettings s;
  s.carrier.base_url = r.GetString("EDA_CARRIER_URL", s.carrier.base_url);
  s.carrier.timeout = std::chrono::milliseconds{r.GetInt("EDA_CARRIER_TIMEOUT_MS", 3000, 100, 60'000)};
  s.poller.interval = std::chrono::seconds{r.GetInt("EDA_DELIVERY_POLL_SECONDS", 200, 1, 86'400)};
  s.poller.batch = static_cast<int>(r.GetInt("EDA_DELIVERY_POLL_BATCH", 500, 1, 10'000));
  s.workers = static_cast<int>(r.GetInt("EDA_DELIVERY_WORKERS", s.workers, 1, 256));
  s.group = r.GetString("EDA_DELIVERY_GROUP", s.group);
  s.relay = r.GetBool("EDA_DELIVERY_RELAY", true);
  s.poll = r.GetBool("EDA_DELIVERY_POLL", true);
  s.order_url = r.GetString("EDA_ORDER_URL", s.order_url);
  s.order_token = r.GetSecret("EDA_DELIVERY_ORDER_TOKEN", "");
  if (s.order_token.empty()) {
    r.AddError("EDA_DELIVERY_ORDER_TOKEN", "required: the order service is asked before every shipment");
  }
  return s;
}

}  // namespace

int main() {
  service::StartLogging("delivery");

  // ---- settings ----
  config::Reader env;
  (void)env.LoadFileFromEnv();
  const DeliverySettings settings = LoadDeliverySettings(env);
  const http::ServerSettings http_settings = http::ServerSettings::Load(env, "delivery", topology::kDeliveryPort);
  if (auto ok = env.Finish(); !ok) return service::FailStartup("settings", ok.error());
  auto sql_settings = service::LoadSqlSettings();
  if (!sql_settings) return service::FailStartup("mysql settings", sql_settings.error());
  auto access_tokens = service::AccessTokens::FromEnv("delivery");
  if (!access_tokens) return service::FailStartup("access tokens", access_tokens.error());

  // ---- infrastructure ----
  events::Outbox outbox("delivery_outbox");
  const events::Inbox inbox("delivery_inbox");
  if (auto migrated = delivery::ApplyDeliverySchema(*sql_settings, outbox, inbox); !migrated) {
    return service::FailStartup("migrations", migrated.error());
  }
  sql::Pool sql_pool(*sql_settings);
  auto kafka = service::LoadKafkaSettings();
  if (!kafka) return service::FailStartup("kafka settings", kafka.error());
  service::EventPlumbing plumbing("delivery", *kafka, outbox, sql_pool);
  if (auto started = plumbing.StartProducer(); !started) return service::FailStartup("kafka producer", started.error());

  // ---- carriers: an HTTP client on its own I/O thread; adapters call it blocking from workers ----
  boost::asio::io_context client_ioc;
  auto client_work = boost::asio::make_work_guard(client_ioc);
  auto client = httpclient::Client::Create(client_ioc.get_executor());
  if (!client) return service::FailStartup("carrier http client", client.error());
  std::thread client_thread([&] { client_ioc.run(); });
  const auto stop_client = [&] {
    client_work.reset();
    client_ioc.stop();
    if (client_thread.joinable()) client_thread.join();
  };
  const delivery::HttpCarrierDirectory carriers(*client, settings.carrier, &metrics::Registry::Default());

  // ---- domain wiring ----
  delivery::SqlDeliveryQueries queries(sql_pool, outbox, carriers);
  delivery::SqlTransitionStore transitions(sql_pool, outbox);
  delivery::StatusPoller carrier_poll(settings.poller, queries, carriers, transitions, &metrics::Registry::Default());
  // One instance asks the carrier at a time (the others stand by on the lock): no parcel is asked twice.
  service::PeriodicTask poller({.name = "delivery-poller", .interval = settings.poller.interval,
                                .leader_pool = &sql_pool, .metrics = &metrics::Registry::Default()},
                               [&carrier_poll] { (void)carrier_poll.RunOnce(); });

  // Header-less records (the original Java catalog) are accepted like everywhere else.
  events::Consumer consumer(service::ConsumerSettingsFor("delivery", settings.group, *kafka), plumbing.producer());
  auto& refused = metrics::Registry::Default().CounterFamily(
      "eda_delivery_refused_events_total",
      "Saga events refused: a delivery request for no paid order of that content, a cancel naming another payment");
  const delivery::HttpOrderDirectory orders(*client, settings.order_url, settings.order_token);
  const auto count_refused = [&refused](std::string_view topic) {
    return [&refused, topic = std::string(topic)](std::string_view reason) {
      refused.Add({{"topic", topic}, {"reason", std::string(reason)}}).Increment();
    };
  };
  consumer.Subscribe(std::string(saga::kDeliveryRequest),
                     delivery::MakeDeliveryRequestHandler(sql_pool, outbox, inbox, carriers, orders,
                                                          count_refused(saga::kDeliveryRequest), settings.group));
  consumer.Subscribe(std::string(saga::kDeliveryCancelRequest),
                     delivery::MakeShipmentCancelHandler(
                         sql_pool, outbox, inbox, carriers,
                         [count = count_refused(saga::kDeliveryCancelRequest)](std::string_view) { count("payment_mismatch"); },
                         settings.group));

  // ---- HTTP ----
  http::BlockingPool blocking(static_cast<std::size_t>(settings.workers));
  http::Router router;
  delivery::AddDeliveryRoutes(router, queries, blocking);
  http::Server server(http_settings, std::move(router));
  (*access_tokens)->Install(server);
  (*access_tokens)->Start();  // stopped by its destructor, after the server
  server.SetOpenApiDocument(std::string(delivery::OpenApiDocument()));
  service::AddMariaDbReadiness(server, sql_pool);

  if (settings.relay) plumbing.StartRelay();
  plumbing.StartInboxCleanup(inbox);
  if (auto started = consumer.Start(); !started) {
    plumbing.Stop();
    stop_client();
    return service::FailStartup("kafka consumer", started.error());
  }
  if (settings.poll) poller.Start();
  log::Info("delivery service starting", {{"port", http_settings.port}, {"carrier_url", settings.carrier.base_url},
                                          {"poll_ms", settings.poller.interval.count()}});
  const int code = server.Run();  // until SIGTERM/SIGINT; drains in-flight requests

  // ---- shutdown, reverse order ----
  poller.Stop();
  consumer.Stop();
  plumbing.Stop();
  stop_client();
  sql_pool.Stop();
  return service::ReportStopped(code);
}
