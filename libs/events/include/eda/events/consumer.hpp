#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/events/envelope.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/events/retry_policy.hpp"

namespace eda::metrics {
class Registry;
}

namespace eda::events {

class Producer;

// One consumed event as a handler sees it. For a record re-consumed from `<topic>.retry.<group>`, `topic` is
// the ORIGINAL topic (the handler registered for it runs), and partition/offset are this delivery's.
struct IncomingEvent {
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  std::string key;
  std::string payload;   // protobuf bytes
  Headers headers;       // all record headers (envelope included)
  Envelope envelope;     // decoded envelope (synthesised for header-less records, see require_envelope)
  int attempt = 1;       // 1 for the first attempt, counting attempts across retry-topic hops
};

// A business handler. Return success only after the handler's effects are durable (its transaction
// committed): the offset is committed after that. Return a retryable Error to be retried, a permanent
// one (or "events.undecodable") to dead-letter at once. Exceptions count as retryable errors.
using Handler = std::function<Status(const IncomingEvent&)>;

// A handler of several events of one topic at once (at most the subscription's max_batch, each of
// another ordering key, in the order they became ready). Returns one Status per event, in the same
// order, each with Handler's meaning; an event that failed is retried alone (a batch of one), the
// others count as done. Fewer or more results than events, or an exception, fail the whole batch.
using BatchHandler = std::function<std::vector<Status>(std::span<const IncomingEvent>)>;

// The ordering key of an event: events with equal keys are handled one after another, in the order
// they were consumed; events with different keys may run in parallel. Default (empty function):
// the record key within its topic partition (a record without key: its partition), so one
// aggregate's events keep their order. A service may choose a coarser key (e.g. the product a stock
// request takes from, so one product's takes never contend). Called on the poll thread.
using OrderingKey = std::function<std::string(const IncomingEvent&)>;

struct ConsumerSettings {
  std::string brokers = std::string(kDevBrokers);  // bootstrap servers
  KafkaCredentials credentials;            // SASL/SCRAM user; empty: no authentication
  std::string group_id;                    // one group per service, e.g. "order-service"; required
  std::string client_id = "eda";           // shows up in broker logs
  RetrySettings retry;                     // in-place retries, retry topic, DLQ (see retry_policy.hpp)
  // true: a record without a valid envelope is dead-lettered at once. false: such records (e.g. from
  // the original Java services, which send no headers) get a synthetic envelope whose event id is
  // derived from topic/partition/offset, so inbox de-duplication still works on redelivery.
  bool require_envelope = true;
  // Create missing topics, the group's .retry.<group> and .DLQ at Start (needs the CREATE right; services run with topics
  // that `./eda` made, so they need not have it).
  bool create_topics = true;
  int topic_partitions = -1;               // for created topics (not .retry/.DLQ: kFailureTopicPartitions); -1: broker default
  int topic_replication = -1;              // for created topics; -1: the broker's default
  // How long a broker holds a fetch while it has no data. A record arriving answers a waiting fetch at
  // once, so the wait costs no latency; a short one makes every idle consumer ask each leader broker
  // 1000/wait times a second (at 10 ms the idle local stack spent a quarter of its two cores on
  // empty fetches). 500 ms would save a little more, but then a member of a shared group sometimes
  // stopped getting records of a partition it kept through a cooperative rebalance (events_kafkatest
  // "MembersThatShareAGroup…": 2 failures in 10 runs with librdkafka 2.0.2 and with 2.8.0, none in 10
  // at 100 ms); the group health check rejoins in that case, but a stall of seconds is not acceptable.
  int fetch_wait_max_ms = 100;
  std::chrono::milliseconds poll_timeout{100};       // poll granularity (also stop latency)
  // Async commits of finished offsets this often (each is a replicated write on the broker; a crash
  // redelivers at most this much, which the inbox drops).
  std::chrono::milliseconds commit_interval{1000};
  std::chrono::milliseconds session_timeout{10'000}; // group membership timeout (classic protocol only)
  // "classic" (JoinGroup/SyncGroup, librdkafka's cooperative-sticky assignor, decided by the group's
  // leader member) or "consumer" (KIP-848: the broker assigns, incrementally; session timeout and
  // assignor are the broker's group.consumer.* settings).
  std::string group_protocol = "classic";
  std::string auto_offset_reset = "earliest";        // for a group without committed offsets
  // Threads that run handlers. Events of different ordering keys run in parallel on them; 1 keeps
  // one handler call at a time (still in per-key order).
  int workers = 1;
  std::size_t max_in_flight = 1000;                  // consumed, not finished events; polling waits beyond
  // On revocation and Stop, how long to wait for running handlers before giving their partitions up
  // (an event still running then is not committed and is redelivered to the new owner).
  std::chrono::milliseconds drain_timeout{10'000};
  // Group health: this often the consumer checks that its partitions are fetched and that no records
  // wait where no member consumes; a problem that lasts stall_grace makes it rejoin (0: off). Another
  // member's progress shows as its committed offset moving, so keep stall_grace several times
  // commit_interval.
  std::chrono::milliseconds health_interval{5'000};
  std::chrono::milliseconds stall_grace{15'000};
  metrics::Registry* metrics = nullptr;    // optional; exports lag, latency, retry and DLQ counters
  KafkaProperties extra;                   // raw librdkafka overrides (applied last)
};

struct ConsumerStats {
  std::uint64_t processed = 0;        // records whose handler succeeded
  std::uint64_t failed_attempts = 0;  // handler failures (each attempt)
  std::uint64_t requeued = 0;         // records sent to <topic>.retry.<group>
  std::uint64_t dead_lettered = 0;    // records sent to <topic>.DLQ
  std::uint64_t handler_calls = 0;
  double handler_seconds_sum = 0;
  double handler_seconds_max = 0;
  std::uint64_t rejoins = 0;          // group rejoins after subscribed partitions went unconsumed
  std::size_t fetching_partitions = 0;  // assigned partitions librdkafka fetches (last health check)
  std::map<std::string, std::int64_t> lag;  // "topic/partition" -> messages behind the high watermark
};

// A Kafka consumer-group member that runs registered handlers with at-least-once delivery:
// - cooperative-sticky rebalancing; offsets committed only for records whose handler returned success
//   (or that were safely re-queued / dead-lettered, i.e. acknowledged by the broker);
// - events are handled on `workers` threads of the consumer's own (never on I/O threads): events of
//   one ordering key one after another in offset order, different keys in parallel; batch handlers
//   get up to max_batch ready events of one topic at once. A partition's offset is committed only up
//   to its contiguous prefix of finished events, so a crash or a rebalance never skips an unfinished
//   one (at-least-once; the inbox drops what had already taken effect). A revoked partition's queued
//   events are dropped and its running ones drained (drain_timeout) before its offset is committed;
// - failures follow RetryPolicy: quick in-place retries, then `<topic>.retry.<group>` (a not-before header;
//   this consumer pauses that retry partition until the head record is due, so the main topic keeps
//   flowing), then `<topic>.DLQ` with the failure headers of dead_letter.hpp. Undecodable records
//   (missing/invalid envelope) go to the DLQ at once.
// Each group has its own retry topic, `<topic>.retry.<group>` (dead_letter.hpp), and still handles only
// records that name it (eda-consumer header).
// - a health check (every health_interval) rejoins the group when, for stall_grace, a partition
//   assigned here is not fetched, or records wait in a partition no member consumes (librdkafka can
//   leave a just-created topic unassigned);
//   librdkafka's own log lines and errors go to eda::log.
//
// Thread-safety: Subscribe before Start; Stats() from any thread; Start/Stop from the owner. Handlers
// must be thread-safe when workers > 1.
// `producer` (for retry/DLQ records) must be started and outlive the consumer.
class Consumer {
 public:
  Consumer(ConsumerSettings settings, Producer& producer);
  ~Consumer();  // Stop()
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  // Registers the handler of `topic` (replaces an earlier one). Only before Start.
  void Subscribe(std::string topic, Handler handler, OrderingKey ordering = {});
  // Registers a batch handler of `topic` that gets up to `max_batch` (>= 1) events per call.
  void SubscribeBatch(std::string topic, BatchHandler handler, std::size_t max_batch, OrderingKey ordering = {});

  // Validates settings, creates topics if asked, subscribes, starts the poll thread.
  // Errors: "kafka.settings" (e.g. empty group_id), "kafka.admin"/"kafka.timeout" from topic creation.
  Status Start();
  // Stops polling, drops queued events, lets running handlers finish (in-place retry waits are cut
  // short and such an event is not committed, so it is redelivered), commits finished offsets
  // synchronously, leaves the group.
  void Stop();

  ConsumerStats Stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::events
