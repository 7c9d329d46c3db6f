// eda-outbox-bench: fills an outbox table with N events, then measures how fast one OutboxRelay
// publishes them to Kafka (acks=all, idempotent) and marks them. Uses a fresh table and topic and
// removes both afterwards.
//   eda-outbox-bench [--events N] [--batch B] [--payload-bytes P] [--keys K] [--json]
// Servers from EDA_KAFKA_BROKERS and EDA_MYSQL_* (defaults: the test profile).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "eda/core/uuid.hpp"
#include "eda/events/outbox.hpp"
#include "eda/events/outbox_relay.hpp"
#include "eda/events/producer.hpp"
#include "eda/events/topic_admin.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/retry.hpp"

namespace {

using namespace eda;
using Clock = std::chrono::steady_clock;

long Arg(int argc, char** argv, const std::string& name, long fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return std::strtol(argv[i + 1], nullptr, 10);
  return fallback;
}
bool Flag(int argc, char** argv, const std::string& name) {
  for (int i = 1; i < argc; ++i)
    if (argv[i] == name) return true;
  return false;
}

int Fail(const std::string& what, const Error& e) {
  std::cerr << "eda-outbox-bench: " << what << ": " << e << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const long events_n = Arg(argc, argv, "--events", 100'000);
  const long batch = Arg(argc, argv, "--batch", 2000);
  const long payload_bytes = Arg(argc, argv, "--payload-bytes", 200);
  const long keys = Arg(argc, argv, "--keys", 1000);
  const bool json = Flag(argc, argv, "--json");

  sql::Settings defaults;
  defaults.port = 23306;
  defaults.password = decltype(defaults.password)("1234");
  defaults.pool_size = 4;
  auto sql_settings = sql::Settings::FromEnv(defaults);
  if (!sql_settings) return Fail("sql settings", sql_settings.error());
  const std::string brokers = events::BrokersFromEnv(events::kTestBrokers);
  auto credentials = events::CredentialsFromEnv();
  if (!credentials) return Fail("kafka credentials", credentials.error());
  const std::string suffix = NewUuid().substr(0, 8);
  const std::string topic = "eda-bench-outbox-" + suffix;
  events::Outbox outbox("outbox_bench_" + suffix);

  if (auto s = events::EnsureTopics(brokers, *credentials, {{topic, 3, 3}}); !s) return Fail("create topic", s.error());
  auto applied = sql::ApplyMigrations(*sql_settings, "outbox-bench-" + suffix, {outbox.Migration(1)});
  if (!applied) return Fail("migration", applied.error());
  sql::Pool pool(*sql_settings);

  // Fill: 1,000 events per transaction (the fill rate is not what is measured).
  const std::string payload(static_cast<std::size_t>(payload_bytes), 'p');
  const auto fill_start = Clock::now();
  for (long done = 0; done < events_n;) {
    const long n = std::min(1000L, events_n - done);
    auto s = sql::RetryTransaction(pool, [&](sql::Transaction& tx) -> Status {
      for (long i = 0; i < n; ++i) {
        events::OutgoingEvent ev;
        ev.topic = topic;
        ev.key = "key-" + std::to_string((done + i) % keys);
        ev.event_type = "bench.Event";
        ev.payload = payload;
        ev.source = "outbox-bench";
        if (auto r = outbox.Add(tx, ev); !r) return std::move(r).error();
      }
      return {};
    });
    if (!s) return Fail("fill", s.error());
    done += n;
  }
  const double fill_s = std::chrono::duration<double>(Clock::now() - fill_start).count();

  events::ProducerSettings ps;
  ps.brokers = brokers;
  ps.credentials = *credentials;
  ps.client_id = "eda-outbox-bench";
  events::Producer producer(ps);
  if (auto s = producer.Start(); !s) return Fail("producer", s.error());
  events::OutboxRelaySettings rs;
  rs.table = outbox.table();
  rs.batch_size = static_cast<int>(batch);
  events::OutboxRelay relay(rs, pool, producer);

  const auto start = Clock::now();
  relay.Start();
  const auto deadline = start + std::chrono::minutes(5);
  while (relay.Stats().published < static_cast<std::uint64_t>(events_n) && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const double relay_s = std::chrono::duration<double>(Clock::now() - start).count();
  relay.Stop();
  const auto stats = relay.Stats();
  producer.Stop();

  if (auto conn = pool.Acquire(); conn.ok()) {
    (void)conn->Execute("DROP TABLE IF EXISTS " + outbox.table());
    (void)conn->Execute("DROP TABLE IF EXISTS " + outbox.table() + "_lock");
    (void)conn->Execute("DROP TABLE IF EXISTS `outbox-bench-" + suffix + "_schema_migrations`");
  }
  (void)events::DeleteTopics(brokers, *credentials, {topic});

  const double rate = static_cast<double>(stats.published) / relay_s;
  const bool complete = stats.published == static_cast<std::uint64_t>(events_n);
  if (json) {
    std::printf(
        "{\"benchmark\":\"outbox\",\"events\":%ld,\"published\":%llu,\"complete\":%s,\"batch\":%ld,"
        "\"payload_bytes\":%ld,\"keys\":%ld,\"partitions\":3,\"replication\":3,\"acks\":\"all\","
        "\"relay_seconds\":%.3f,\"events_per_second\":%.0f,\"fill_seconds\":%.3f,\"relay_failures\":%llu,"
        "\"brokers\":\"%s\"}\n",
        events_n, static_cast<unsigned long long>(stats.published), complete ? "true" : "false", batch, payload_bytes,
        keys, relay_s, rate, fill_s, static_cast<unsigned long long>(stats.failures), brokers.c_str());
  } else {
    std::printf("outbox relay: %llu/%ld events in %.3f s = %.0f events/s (batch %ld, %ld-byte payloads, %ld keys,\n"
                "  topic 3 partitions x RF 3, acks=all, idempotent producer; %llu failed rounds)\n"
                "  outbox fill (not the measured part): %.3f s\n",
                static_cast<unsigned long long>(stats.published), events_n, relay_s, rate, batch, payload_bytes, keys,
                static_cast<unsigned long long>(stats.failures), fill_s);
  }
  return complete ? 0 : 1;
}
