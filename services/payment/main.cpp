// eda-payment: composition root of the payment service. Reads settings, builds every part in dependency
// order, serves HTTP until SIGTERM/SIGINT, then stops in reverse order. No logic here.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "eda/auth/http_token_verifier.hpp"
#include "eda/auth/settings.hpp"
#include "eda/auth/token_verifier.hpp"
#include "eda/config/reader.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/events/outbox.hpp"
#include "eda/events/outbox_relay.hpp"
#include "eda/events/producer.hpp"
#include "eda/events/topic_admin.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/server.hpp"
#include "eda/log/log.hpp"
#include "eda/metrics/registry.hpp"
#include "eda/sql/pool.hpp"
#include "eda/toss/client.hpp"
#include "eda/toss/settings.hpp"
#include "payment/api/openapi_document.hpp"
#include "payment/api/payment_routes.hpp"
#include "payment/events/payment_processor.hpp"
#include "payment/events/payment_sweeper.hpp"
#include "payment/store/schema.hpp"

namespace {

using namespace eda;

// The payment service's own settings (the kernel libraries read theirs: EDA_HTTP_*, EDA_MYSQL_*,
// EDA_KAFKA_BROKERS, EDA_JWT_*; libs/toss reads EDA_TOSS_TIMEOUT, EDA_TOSS_LOOKUP_TIMEOUT, EDA_TOSS_ACCEPT_LANGUAGE).
struct PaymentSettings {
  std::uint16_t port = 8082;       // EDA_PAYMENT_PORT (EDA_HTTP_PORT overrides)
  int workers = 4;                 // EDA_PAYMENT_WORKERS: threads for the blocking database/Toss calls of routes
  toss::Settings toss;             // EDA_TOSS_API_URL, EDA_TOSS_SECRET_KEY (see LoadPaymentSettings)
  payment::RetryPolicy toss_retry; // EDA_PAYMENT_TOSS_ATTEMPTS (3): Toss attempts per handler run
  payment::SweepSettings sweep;    // EDA_PAYMENT_SWEEP_INTERVAL (15s), EDA_PAYMENT_CANCEL_DEADLINE (60s)
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
  s.sweep.interval = r.GetDuration("EDA_PAYMENT_SWEEP_INTERVAL", s.sweep.interval);
  s.sweep.deadline = r.GetDuration("EDA_PAYMENT_CANCEL_DEADLINE", s.sweep.deadline);
  if (s.sweep.interval.count() < 10) r.AddError("EDA_PAYMENT_SWEEP_INTERVAL", "must be at least 10ms");
  s.relay = r.GetBool("EDA_PAYMENT_RELAY", true);
  s.consume = r.GetBool("EDA_PAYMENT_CONSUME", true);
  s.sweeper = r.GetBool("EDA_PAYMENT_SWEEPER", true);
  return s;
}

int Fail(std::string_view what, const Error& error) {
  log::Error("payment start-up failed", {{"step", what}, {"code", error.code}, {"error", error.message}});
  log::Flush();
  return 1;
}

}  // namespace

int main() {
  log::Options log_options;
  log_options.service = "payment";
  (void)log::Init(log_options);

  // ---- settings ----
  config::Reader env;
  const PaymentSettings settings = LoadPaymentSettings(env);
  const http::ServerSettings http_settings = http::ServerSettings::Load(env, "payment", settings.port);
  if (auto ok = env.Finish(); !ok) return Fail("settings", ok.error());
  sql::Settings sql_defaults;  // the DEV profile: 127.0.0.1:3306, root/1234, my_db
  sql_defaults.password = sql::Secret("1234");
  auto sql_settings = sql::Settings::FromEnv(sql_defaults);
  if (!sql_settings) return Fail("mysql settings", sql_settings.error());
  auto auth_settings = auth::LoadSettings(auth::KeyUse::kVerify);
  if (!auth_settings) return Fail("jwt settings", auth_settings.error());
  auto verifier = auth::TokenVerifier::Create(*auth_settings);
  if (!verifier) return Fail("jwt verifier", verifier.error());

  // ---- infrastructure ----
  const events::Outbox outbox("payment_outbox");
  const events::Inbox inbox("payment_inbox");
  if (auto migrated = payment::ApplyPaymentSchema(*sql_settings, outbox, inbox); !migrated) {
    return Fail("migrations", migrated.error());
  }
  sql::Pool sql_pool(*sql_settings);
  const std::string brokers = events::BrokersFromEnv(events::kDevBrokers);
  const payment::PaymentTopics topics;
  {
    std::vector<events::TopicSpec> produced;
    for (const std::string& t : {topics.confirm_response, topics.failed, topics.refunded}) produced.push_back({t});
    if (auto ok = events::EnsureTopics(brokers, produced); !ok) {
      log::Warn("cannot ensure the payment topics", {{"code", ok.error().code}, {"error", ok.error().message}});
    }
  }
  events::ProducerSettings producer_settings;
  producer_settings.brokers = brokers;
  producer_settings.client_id = "eda-payment";
  events::Producer producer(producer_settings);
  if (auto started = producer.Start(); !started) return Fail("kafka producer", started.error());
  events::OutboxRelaySettings relay_settings;
  relay_settings.table = outbox.table();
  relay_settings.metrics = &metrics::Registry::Default();
  events::OutboxRelay relay(relay_settings, sql_pool, producer);

  // The Toss client runs on its own I/O thread (its blocking calls come from consumer/worker threads).
  boost::asio::io_context toss_io;
  auto toss_work = boost::asio::make_work_guard(toss_io);
  auto toss_client = toss::Client::Create(toss_io.get_executor(), settings.toss);
  if (!toss_client) return Fail("toss client", toss_client.error());
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
  payment::ProcessorSettings processor_settings;
  processor_settings.topics = topics;
  processor_settings.toss_retry = settings.toss_retry;
  payment::PaymentProcessor processor(sql_pool, outbox, inbox, **toss_client, processor_settings, observe,
                                      [&relay] { relay.Wake(); });

  events::ConsumerSettings consumer_settings;
  consumer_settings.brokers = brokers;
  consumer_settings.group_id = "payment";
  consumer_settings.client_id = "eda-payment";
  consumer_settings.require_envelope = false;  // the seed's Java producers send no headers
  consumer_settings.metrics = &registry;
  events::Consumer consumer(consumer_settings, producer);
  processor.Subscribe(consumer);
  payment::PaymentSweeper sweeper(processor, settings.sweep, [](const payment::SweepReport& r) {
    if (r.resumed + r.errors > 0) log::Info("payment sweep", {{"resumed", r.resumed}, {"errors", r.errors}});
  });

  // ---- HTTP ----
  http::BlockingPool blocking(static_cast<std::size_t>(settings.workers));
  http::Router router;
  payment::AddPaymentRoutes(router, processor, blocking);
  http::Server server(http_settings, std::move(router));
  server.SetTokenVerifier(auth::MakeHttpTokenVerifier(*verifier));
  server.SetOpenApiDocument(std::string(payment::OpenApiDocument()));
  server.AddReadinessCheck("mariadb", [&]() -> boost::asio::awaitable<Status> {
    co_return co_await sql_pool.Offload([&] { return sql_pool.Ping(); });
  });
  server.AddReadinessCheck("kafka", [&]() -> boost::asio::awaitable<Status> {
    co_return co_await blocking.Run([&] { return events::EnsureTopics(brokers, {}, std::chrono::seconds(2)); });
  });

  if (settings.relay) relay.Start();
  if (settings.consume) {
    if (auto started = consumer.Start(); !started) {
      relay.Stop();
      stop_toss();
      return Fail("kafka consumer", started.error());
    }
  }
  if (settings.sweeper) sweeper.Start();
  log::Info("payment service starting", {{"port", http_settings.port}, {"workers", settings.workers},
                                         {"toss_api_url", settings.toss.base_url}});
  const int code = server.Run();  // until SIGTERM/SIGINT; drains in-flight requests

  // ---- shutdown, reverse order ----
  sweeper.Stop();
  consumer.Stop();
  relay.Stop();
  producer.Stop();
  stop_toss();
  sql_pool.Stop();
  log::Info("payment service stopped", {{"exit_code", code}});
  log::Flush();
  return code;
}
