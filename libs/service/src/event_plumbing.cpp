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
  return s;
}

EventPlumbing::EventPlumbing(std::string_view service, const KafkaSettings& kafka, events::Outbox& outbox,
                             sql::Pool& pool, metrics::Registry& registry)
    : outbox_(outbox),
      producer_(ProducerSettingsFor(service, kafka)),
      relay_(RelaySettingsFor(outbox, registry), pool, producer_) {
  outbox_.WakeOnCommit([this] { relay_.Wake(); });
}

EventPlumbing::~EventPlumbing() { Stop(); }

Status EventPlumbing::StartProducer() { return producer_.Start(); }

void EventPlumbing::StartRelay() { relay_.Start(); }

void EventPlumbing::Stop() {
  outbox_.WakeOnCommit({});
  relay_.Stop();
  producer_.Stop();
}

}  // namespace eda::service
