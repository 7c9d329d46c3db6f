// eda-payment: composition root of the payment service. Reads settings, builds every part in dependency
// order, serves HTTP until SIGTERM/SIGINT, then stops in reverse order. No logic here.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>

#include "eda/config/reader.hpp"
#include "eda/events/consumer.hpp"
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
#include "eda/toss/client.hpp"
#include "eda/toss/settings.hpp"
#include "eda/toss/shop_client_key.hpp"
#include "eda/topology/ports.hpp"
#include "payment/api/openapi_document.hpp"
#include "payment/api/payment_routes.hpp"
#include "payment/domain/payment_service.hpp"
#include "payment/events/payment_handlers.hpp"
#include "payment/events/payment_step_runners.hpp"
#include "payment/store/schema.hpp"
#include "payment/store/sql_payment_store.hpp"

namespace {

using namespace eda;

// The payment service's own settings (the kernel libraries read theirs: EDA_HTTP_*, EDA_MYSQL_*,
// EDA_KAFKA_BROKERS, EDA_JWT_*; libs/toss reads EDA_TOSS_TIMEOUT, EDA_TOSS_LOOKUP_TIMEOUT, EDA_TOSS_ACCEPT_LANGUAGE).
struct PaymentSettings {
  std::uint16_t port = topology::kPaymentPort;  // EDA_PAYMENT_PORT (EDA_HTTP_PORT overrides)
  int workers = 4;                 // EDA_PAYMENT_WORKERS: threads for the blocking database/Toss calls of routes
  toss::Settings toss;             // EDA_TOSS_API_URL, EDA_TOSS_SECRET_KEY (see LoadPaymentSettings)
  payment::RetryPolicy toss_retry; // EDA_PAYMENT_TOSS_ATTEMPTS (3): Toss attempts per handler run
  std::chrono::milliseconds sweep_interval{15'000};  // EDA_PAYMENT_SWEEP_INTERVAL: how often the sweeper looks
  payment::SweepSettings sweep;    // EDA_PAYMENT_CANCEL_DEADLINE (60s): CANCEL_PENDING older than this is resumed
  bool relay = true;               // EDA_PAYMENT_RELAY: run the outbox relay in-process
  bool consume = true;             // EDA_PAYMENT_CONSUME: run the saga consumer (group "payment")
  bool sweeper = true;             // EDA_PAYMENT_SWEEPER
};

PaymentSettings LoadPaymentSettings(config::Reader& r) {
  PaymentSettings s;
  s.port = r.GetPort("EDA_PAYMENT_PORT", s.port);
  s.workers = static_cast<int>(r.GetInt("EDA_PAYMENT_WORKERS", s.workers, 1, 256));
  s.toss = toss::Settings::Load(r);
  // Without a real key, toss::Settings points at the local sandbox, whose windows (opened by the order
  // service with the widget client key test_gck_docs_…) are confirmed with libs/toss's default widget
  // secret key test_gsk_docs_….
  // 3 attempts of at most EDA_TOSS_TIMEOUT (60 s) plus lookups stay under librdkafka's 300 s poll interval.
  s.toss_retry.max_attempts = static_cast<int>(r.GetInt("EDA_PAYMENT_TOSS_ATTEMPTS", 3, 1, 20));
  s.sweep_interval = r.GetDuration("EDA_PAYMENT_SWEEP_INTERVAL", s.sweep_interval);
  s.sweep.deadline = r.GetDuration("EDA_PAYMENT_CANCEL_DEADLINE", s.sweep.deadline);
  if (s.sweep_interval.count() < 10) r.AddError("EDA_PAYMENT_SWEEP_INTERVAL", "must be at least 10ms");
  s.relay = r.GetBool("EDA_PAYMENT_RELAY", true);
  s.consume = r.GetBool("EDA_PAYMENT_CONSUME", true);
  s.sweeper = r.GetBool("EDA_PAYMENT_SWEEPER", true);
  return s;
}

constexpr std::string_view kUsage =
    "usage: eda-payment [--shop-client-key]\n"
    "  Without arguments: the payment service (settings from EDA_* variables: services/payment/README.md).\n"
    "  --shop-client-key  prints the Toss client key the shop may publish (EDA_TOSS_CLIENT_KEY checked\n"
    "                     against EDA_TOSS_SECRET_KEY or EDA_TOSS_SECRET_KEY_FILE), or nothing for the\n"
    "                     sandbox's window; exits 1 with the reason on stderr when the keys cannot work\n";

// The shop publishes a client key whose payments this service must then confirm with its secret key,
// so the pair is judged here, by the rule libs/toss holds (toss::ShopClientKey); ./eda asks before it
// writes the shop's config (deploy/lib/nginx.sh). Reads only the environment: no server is needed.
int PrintShopClientKey() {
  config::Reader env;
  const auto key = toss::LoadShopClientKey(env);
  if (!key) {
    std::cerr << "eda-payment: " << key.error().message << "\n";
    return 1;
  }
  if (*key) std::cout << **key << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--shop-client-key") return PrintShopClientKey();
  if (argc > 1) {
    std::cerr << kUsage;
    return 2;
  }
  service::StartLogging("payment");

  // ---- settings ----
  config::Reader env;
  const PaymentSettings settings = LoadPaymentSettings(env);
  const http::ServerSettings http_settings = http::ServerSettings::Load(env, "payment", settings.port);
  if (auto ok = env.Finish(); !ok) return service::FailStartup("settings", ok.error());
  auto sql_settings = service::LoadSqlSettings();
  if (!sql_settings) return service::FailStartup("mysql settings", sql_settings.error());
  auto access_tokens = service::AccessTokens::FromEnv("payment");
  if (!access_tokens) return service::FailStartup("access tokens", access_tokens.error());

  // ---- infrastructure ----
  events::Outbox outbox("payment_outbox");
  const events::Inbox inbox("payment_inbox");
  if (auto migrated = payment::ApplyPaymentSchema(*sql_settings, outbox, inbox); !migrated) {
    return service::FailStartup("migrations", migrated.error());
  }
  sql::Pool sql_pool(*sql_settings);
  auto kafka = service::LoadKafkaSettings();
  if (!kafka) return service::FailStartup("kafka settings", kafka.error());
  const payment::PaymentTopics topics;
  service::EventPlumbing plumbing("payment", *kafka, outbox, sql_pool);
  if (auto started = plumbing.StartProducer(); !started) return service::FailStartup("kafka producer", started.error());

  // The Toss client runs on its own I/O thread (its blocking calls come from consumer/worker threads).
  boost::asio::io_context toss_io;
  auto toss_work = boost::asio::make_work_guard(toss_io);
  auto toss_client = toss::Client::Create(toss_io.get_executor(), settings.toss);
  if (!toss_client) return service::FailStartup("toss client", toss_client.error());
  std::thread toss_thread([&] { toss_io.run(); });
  const auto stop_toss = [&] {
    toss_work.reset();
    toss_io.stop();
    if (toss_thread.joinable()) toss_thread.join();
  };

  // ---- metrics and the saga steps ----
  auto& registry = metrics::Registry::Default();
  auto& outcomes = registry.CounterFamily("eda_payment_outcomes_total",
                                          "Payment decisions by flow (confirm, refund, webhook) and outcome");
  auto& refused = registry.CounterFamily("eda_payment_refused_events_total",
                                         "Compensation events refused: their payment key or amount is not the payment's");
  auto& toss_calls = registry.CounterFamily("eda_payment_toss_calls_total", "Toss API calls by operation and HTTP status");
  (*toss_client)->SetObserver([&toss_calls](toss::Operation op, int status, std::chrono::microseconds) {
    const char* name = op == toss::Operation::kConfirm ? "confirm" : op == toss::Operation::kCancel ? "cancel" : "lookup";
    toss_calls.Add({{"operation", name}, {"status", std::to_string(status)}}).Increment();
  });
  const payment::OutcomeObserver observe = [&outcomes](std::string_view flow, std::string_view outcome,
                                                       std::string_view order_id) {
    outcomes.Add({{"flow", std::string(flow)}, {"outcome", std::string(outcome)}}).Increment();
    if (outcome == "duplicate" || outcome == "retry_later") {
      log::Warn("payment step not finished", {{"flow", flow}, {"outcome", outcome}, {"order_id", order_id}});
    }
  };
  payment::SqlPaymentStore store(sql_pool);
  const payment::PaymentCommit commit{sql_pool, outbox, topics};
  payment::PaymentService payments({.store = store, .toss = **toss_client, .transaction = commit.Transaction()},
                                  settings.toss_retry, observe);
  payment::HandlerSettings handler_settings;
  handler_settings.refused = [&refused](std::string_view topic, std::string_view, std::string_view reason) {
    refused.Add({{"topic", std::string(topic)}, {"reason", std::string(reason)}}).Increment();
  };
  payment::PaymentHandlers handlers(payments, commit, inbox, handler_settings);

  events::Consumer consumer(service::ConsumerSettingsFor("payment", "payment", *kafka, registry), plumbing.producer());
  handlers.Subscribe(consumer);
  // One instance sweeps at a time (the others stand by on the lock).
  service::PeriodicTask sweeper(
      {.name = "payment-sweeper", .interval = settings.sweep_interval, .round_at_start = false,
       .leader_pool = &sql_pool, .metrics = &registry},
      [&payments, &settings] {
        const payment::SweepReport r = payments.Sweep(settings.sweep);
        for (const payment::SweepFailure& f : r.failures) {
          const std::string order_id = f.order_id ? f.order_id->value() : std::string();
          if (f.error.code == "payment.cancel_refused") {
            log::Error("refund refused by Toss: operator needed", {{"order_id", order_id}, {"error", f.error.message}});
          } else {
            log::Warn(f.order_id ? "payment sweep: refund still pending" : "payment sweep: cannot list pending refunds",
                      {{"order_id", order_id}, {"code", f.error.code}, {"error", f.error.message}});
          }
        }
        const auto errors = static_cast<std::int64_t>(r.failures.size());
        if (r.resumed + errors > 0) log::Info("payment sweep", {{"resumed", r.resumed}, {"errors", errors}});
      });

  // ---- HTTP ----
  http::BlockingPool blocking(static_cast<std::size_t>(settings.workers));
  http::Router router;
  payment::AddPaymentRoutes(router, payments, blocking);
  http::Server server(http_settings, std::move(router));
  (*access_tokens)->Install(server);
  (*access_tokens)->Start();  // stopped by its destructor, after the server
  server.SetOpenApiDocument(std::string(payment::OpenApiDocument()));
  service::AddMariaDbReadiness(server, sql_pool);
  service::AddKafkaReadiness(server, blocking, plumbing.producer());

  if (settings.relay) plumbing.StartRelay();
  plumbing.StartInboxCleanup(inbox);
  if (settings.consume) {
    if (auto started = consumer.Start(); !started) {
      plumbing.Stop();
      stop_toss();
      return service::FailStartup("kafka consumer", started.error());
    }
  }
  if (settings.sweeper) sweeper.Start();
  log::Info("payment service starting", {{"port", http_settings.port}, {"workers", settings.workers},
                                         {"toss_api_url", settings.toss.base_url}});
  const int code = server.Run();  // until SIGTERM/SIGINT; drains in-flight requests

  // ---- shutdown, reverse order ----
  sweeper.Stop();
  consumer.Stop();
  plumbing.Stop();
  stop_toss();
  sql_pool.Stop();
  return service::ReportStopped(code);
}
