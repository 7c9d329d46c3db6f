#include "eda/service/event_plumbing.hpp"

#include "eda/config/reader.hpp"
#include "eda/log/log.hpp"

namespace eda::service {
namespace {

std::string ClientId(std::string_view service) { return "eda-" + std::string(service); }

// Tuning knobs of the Kafka side, the same for every service: EDA_KAFKA_FETCH_WAIT (a consumer's
// fetch wait on the broker, ConsumerSettings::fetch_wait_max_ms) and EDA_OUTBOX_MARK_INTERVAL
// (OutboxRelaySettings::mark_interval). A bad value is logged and the default kept.
std::chrono::milliseconds DurationKnob(std::string_view key, std::chrono::milliseconds def,
                                       std::chrono::milliseconds min, std::chrono::milliseconds max) {
  config::Reader r;
  auto v = r.GetDuration(key, def);
  if (v < min || v > max) r.AddError(key, "must be between " + std::to_string(min.count()) + " ms and " +
                                              std::to_string(max.count()) + " ms");
  if (auto ok = r.Finish(); !ok) {
    log::Warn("ignoring a bad setting", {{"error", ok.error().message}});
    return def;
  }
  return v;
}

events::ProducerSettings ProducerSettingsFor(std::string_view service, const KafkaSettings& kafka) {
  events::ProducerSettings s;
  s.brokers = kafka.brokers;
  s.credentials = kafka.credentials;
  s.client_id = ClientId(service);
  return s;
}

events::OutboxRelaySettings RelaySettingsFor(const events::Outbox& outbox, metrics::Registry& registry) {
  events::OutboxRelaySettings s;
  s.table = outbox.table();
  s.local_writes_open = [&outbox] { return outbox.HasOpenWrites(); };
  s.metrics = &registry;
  s.mark_interval = DurationKnob("EDA_OUTBOX_MARK_INTERVAL", s.mark_interval, std::chrono::milliseconds(0),
                                 std::chrono::milliseconds(5000));
  return s;
}

}  // namespace

events::ConsumerSettings ConsumerSettingsFor(std::string_view service, std::string group_id,
                                             const KafkaSettings& kafka, metrics::Registry& registry) {
  events::ConsumerSettings s;
  s.brokers = kafka.brokers;
  s.credentials = kafka.credentials;
  s.create_topics = false;
  s.group_id = std::move(group_id);
  s.client_id = ClientId(service);
  s.require_envelope = false;
  s.metrics = &registry;
  // A saga step that dead-letters is lost until someone replays it, so a service's consumer rides out
  // a store or broker outage of several minutes first: 3 attempts in place, then re-queued after
  // 1, 2, 4, 8, 16, 32, 60, 60, 60 s (about 4 minutes in all).
  s.retry.max_attempts = 12;
  // Records of different orders (products, members) are handled in parallel, each key in order;
  // enough workers to overlap the round trips of one step (database commit, broker ack).
  s.workers = kConsumerWorkers;
  s.fetch_wait_max_ms = static_cast<int>(DurationKnob("EDA_KAFKA_FETCH_WAIT", std::chrono::milliseconds(s.fetch_wait_max_ms),
                                                      std::chrono::milliseconds(1), std::chrono::milliseconds(5000))
                                             .count());
  // EDA_KAFKA_GROUP_PROTOCOL: classic (default) or consumer (KIP-848); the consumer refuses others.
  s.group_protocol = config::Reader().GetString("EDA_KAFKA_GROUP_PROTOCOL", s.group_protocol);
  return s;
}

EventPlumbing::EventPlumbing(std::string_view service, const KafkaSettings& kafka, events::Outbox& outbox,
                             sql::Pool& pool, metrics::Registry& registry)
    : service_(service),
      pool_(pool),
      registry_(registry),
      outbox_(outbox),
      producer_(ProducerSettingsFor(service, kafka)),
      relay_(RelaySettingsFor(outbox, registry), pool, producer_) {
  outbox_.WakeOnCommit([this] { relay_.Wake(); });
}

EventPlumbing::~EventPlumbing() { Stop(); }

Status EventPlumbing::StartProducer() { return producer_.Start(); }

void EventPlumbing::StartRelay() { relay_.Start(); }

void EventPlumbing::StartInboxCleanup(const events::Inbox& inbox) {
  if (inbox_cleanup_) return;
  inbox_cleanup_ = std::make_unique<PeriodicTask>(
      PeriodicTaskSettings{.name = service_ + "-inbox-cleanup",
                           .interval = std::chrono::minutes(10),
                           .leader_pool = &pool_,
                           .metrics = &registry_},
      [this, &inbox] {
        // Batches keep each delete's locks and undo log small; a round stops after 200,000 rows so
        // that a first cleanup of a large backlog does not hold the task for long.
        constexpr int kBatch = 5000;
        std::uint64_t forgotten = 0;
        for (int i = 0; i < 40; ++i) {
          auto conn = pool_.Acquire();
          if (!conn) {
            log::Warn("inbox cleanup: no database connection", {{"error", conn.error().message}});
            return;
          }
          auto n = inbox.Forget(*conn, kInboxRetention, kBatch);
          if (!n) {
            log::Warn("inbox cleanup failed", {{"table", inbox.table()}, {"error", n.error().message}});
            return;
          }
          forgotten += *n;
          if (*n < static_cast<std::uint64_t>(kBatch)) break;
        }
        if (forgotten > 0) log::Info("inbox cleanup", {{"table", inbox.table()}, {"deleted", forgotten}});
      });
  inbox_cleanup_->Start();
}

void EventPlumbing::Stop() {
  if (inbox_cleanup_) inbox_cleanup_->Stop();
  outbox_.WakeOnCommit({});
  relay_.Stop();
  producer_.Stop();
}

}  // namespace eda::service
