#pragma once

// The Kafka side every service wires the same way: a producer plus the relay of its outbox table, and
// consumer settings for its group, both as the service's own Kafka user. Services create no topics:
// `./eda` makes every saga topic with its .retry and .DLQ before they start, and a service's user
// has no right to create one.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "eda/events/outbox_relay.hpp"
#include "eda/events/producer.hpp"
#include "eda/metrics/registry.hpp"
#include "eda/service/periodic_task.hpp"
#include "eda/service/settings.hpp"

namespace eda::sql {
class Pool;
}

namespace eda::service {

// Handler threads of every service consumer (ConsumerSettings::workers).
inline constexpr int kConsumerWorkers = 8;

// How long a service remembers a processed event in its inbox. Kafka keeps records for 7 days
// (log.retention.hours=168 locally, the chart's retention on a cluster), so none older can be
// delivered again; the extra day covers a consumer group reset to the earliest offset just before
// the broker deletes a segment.
inline constexpr std::chrono::hours kInboxRetention{24 * 8};

// Consumer settings of service `service` in group `group_id` on `kafka`: client id "eda-<service>",
// no topic creation, envelope not required (the seed's Java producers send no headers; such records get a synthetic envelope, see
// eda::events::ConsumerSettings), metrics on `registry`, retries for about 4 minutes before a
// record is dead-lettered (longer than a store restart), and kConsumerWorkers handler threads (the
// handlers must be thread-safe). Other fields keep their defaults; callers adjust them on the
// returned value.
events::ConsumerSettings ConsumerSettingsFor(std::string_view service, std::string group_id,
                                             const KafkaSettings& kafka,
                                             metrics::Registry& registry = metrics::Registry::Default());

// A service's producer (client id "eda-<service>") and the relay that publishes its outbox table
// through it (metrics on `registry`), started in two steps and stopped together:
//
//   service::EventPlumbing events("order", kafka, outbox, sql_pool);
//   if (auto ok = events.StartProducer(); !ok) return service::FailStartup("kafka producer", ok.error());
//   events::Consumer consumer(settings, events.producer());   // retries / DLQ go through it
//   ...
//   if (settings.relay) events.StartRelay();
//   events.StartInboxCleanup(inbox);                          // optional: forgets old inbox rows
//   server.Run();
//   consumer.Stop();
//   events.Stop();                                            // relay, then producer
//
// Ownership: owns both; `pool` and `outbox` must outlive this object. Stop consumers (every user of
// producer()) before Stop(). Thread-safety: producer().Send from any thread; the rest from the owner.
class EventPlumbing {
 public:
  // Every commit that adds rows to `outbox` (or a copy of it) wakes the relay: events leave at once,
  // whichever use case wrote them; the relay's poll only finds what another instance wrote.
  EventPlumbing(std::string_view service, const KafkaSettings& kafka, events::Outbox& outbox, sql::Pool& pool,
                metrics::Registry& registry = metrics::Registry::Default());
  ~EventPlumbing();  // Stop()
  EventPlumbing(const EventPlumbing&) = delete;
  EventPlumbing& operator=(const EventPlumbing&) = delete;

  // Creates the producer (does not contact the brokers). Errors: "kafka.settings".
  Status StartProducer();
  // Starts relaying the outbox (its own thread). Call after StartProducer succeeded.
  void StartRelay();
  // Deletes the inbox's rows older than kInboxRetention, every 10 minutes, on one instance at a time
  // (PeriodicTask "<service>-inbox-cleanup" leading through the database): without it an inbox grows
  // with every event ever processed. `inbox` must outlive this object.
  void StartInboxCleanup(const events::Inbox& inbox);
  // Stops the inbox cleanup and the relay (finishing their rounds), then flushes and stops the
  // producer. Idempotent.
  void Stop();

  events::Producer& producer() { return producer_; }

 private:
  std::string service_;
  sql::Pool& pool_;
  metrics::Registry& registry_;
  events::Outbox& outbox_;
  events::Producer producer_;
  events::OutboxRelay relay_;  // after producer_: built on it, destroyed (stopped) before it
  std::unique_ptr<PeriodicTask> inbox_cleanup_;
};

}  // namespace eda::service
