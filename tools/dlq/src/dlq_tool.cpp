#include "dlq_tool.hpp"

#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <memory>
#include <vector>

#include "eda/events/dead_letter.hpp"
#include "eda/events/envelope.hpp"
#include "eda/events/producer.hpp"

namespace eda::dlq {
namespace {

using events::Headers;

Headers ReadHeaders(RdKafka::Message& m) {
  Headers out;
  if (auto* h = m.headers())
    for (const auto& hdr : h->get_all())
      out.push_back({hdr.key(), hdr.value() ? std::string(static_cast<const char*>(hdr.value()), hdr.value_size())
                                            : std::string()});
  return out;
}

Error KafkaErr(RdKafka::ErrorCode rc, const std::string& what) {
  return Error::Transient("kafka.error", what + ": " + RdKafka::err2str(rc));
}

// A consumer assigned to every partition of `topic` from the given start (committed offsets of the group,
// or the beginning), with the end offsets to stop at.
struct Reader {
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
  std::map<std::int32_t, std::int64_t> end;    // high watermark at start
  std::map<std::int32_t, std::int64_t> next;   // next offset to read per partition
};

Result<Reader> OpenReader(const std::string& brokers, const events::KafkaCredentials& credentials, const std::string& topic, const std::string& group,
                          bool from_committed, std::chrono::milliseconds timeout) {
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  conf->set("bootstrap.servers", brokers, err);
  for (const auto& [name, value] : events::CredentialProperties(credentials)) {
    if (conf->set(name, value, err) != RdKafka::Conf::CONF_OK) return Error::Permanent("kafka.settings", name + ": " + err);
  }
  conf->set("group.id", group, err);
  conf->set("enable.auto.commit", "false", err);
  conf->set("auto.offset.reset", "earliest", err);
  Reader r;
  r.consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!r.consumer) return Error::Permanent("kafka.settings", err);
  const int ms = static_cast<int>(timeout.count());

  std::unique_ptr<RdKafka::Topic> t(RdKafka::Topic::create(r.consumer.get(), topic, nullptr, err));
  RdKafka::Metadata* md_raw = nullptr;
  if (auto rc = r.consumer->metadata(false, t.get(), &md_raw, ms); rc != RdKafka::ERR_NO_ERROR)
    return KafkaErr(rc, "metadata of " + topic);
  std::unique_ptr<RdKafka::Metadata> md(md_raw);
  std::vector<std::int32_t> partitions;
  for (const auto* tm : *md->topics()) {
    if (tm->topic() != topic) continue;
    if (tm->err() != RdKafka::ERR_NO_ERROR) return KafkaErr(tm->err(), "topic " + topic);
    for (const auto* pm : *tm->partitions()) partitions.push_back(pm->id());
  }
  std::vector<RdKafka::TopicPartition*> tps;
  for (auto p : partitions) {
    int64_t low = 0, high = 0;
    if (auto rc = r.consumer->query_watermark_offsets(topic, p, &low, &high, ms); rc != RdKafka::ERR_NO_ERROR) {
      RdKafka::TopicPartition::destroy(tps);
      return KafkaErr(rc, "watermarks of " + topic);
    }
    r.end[p] = high;
    r.next[p] = low;
    tps.push_back(RdKafka::TopicPartition::create(topic, p, RdKafka::Topic::OFFSET_BEGINNING));
  }
  if (from_committed) {
    if (auto rc = r.consumer->committed(tps, ms); rc != RdKafka::ERR_NO_ERROR) {
      RdKafka::TopicPartition::destroy(tps);
      return KafkaErr(rc, "committed offsets");
    }
    for (auto* tp : tps) {
      if (tp->offset() < 0) tp->set_offset(RdKafka::Topic::OFFSET_BEGINNING);
      else r.next[tp->partition()] = std::max(r.next[tp->partition()], tp->offset());
    }
  }
  auto rc = r.consumer->assign(tps);
  RdKafka::TopicPartition::destroy(tps);
  if (rc != RdKafka::ERR_NO_ERROR) return KafkaErr(rc, "assign");
  return r;
}

bool Done(const Reader& r) {
  for (const auto& [p, end] : r.end)
    if (r.next.at(p) < end) return false;
  return true;
}

// Reads the next record below the end offsets; nullptr when all partitions are read or on timeout.
std::unique_ptr<RdKafka::Message> Next(Reader& r, std::chrono::steady_clock::time_point deadline) {
  while (!Done(r) && std::chrono::steady_clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(r.consumer->consume(200));
    if (!m || m->err() != RdKafka::ERR_NO_ERROR) continue;
    if (m->offset() >= r.end[m->partition()]) continue;
    r.next[m->partition()] = m->offset() + 1;
    return m;
  }
  return nullptr;
}

}  // namespace

std::string DlqTopicName(const std::string& topic) {
  const std::string suffix(events::kDlqSuffix);
  if (topic.size() > suffix.size() && topic.compare(topic.size() - suffix.size(), suffix.size(), suffix) == 0)
    return topic;
  return events::DlqTopicOf(topic);
}

Result<ListOutcome> List(const std::string& brokers, const events::KafkaCredentials& credentials, const std::string& topic, std::optional<std::size_t> max,
                         std::ostream& out, std::chrono::milliseconds timeout) {
  const std::string dlq = DlqTopicName(topic);
  auto reader = OpenReader(brokers, credentials, dlq, "eda-dlq-list", false, timeout);
  if (!reader) return std::move(reader).error();
  ListOutcome outcome;
  std::map<std::string, std::size_t> by_reason;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!max || outcome.count < *max) {
    auto m = Next(*reader, deadline);
    if (!m) break;
    ++outcome.count;
    Headers h = ReadHeaders(*m);
    auto info = events::ReadFailureInfo(h);
    out << dlq << "/" << m->partition() << "@" << m->offset()
        << " key=" << (m->key() ? *m->key() : std::string("-"))
        << " event_id=" << events::FindHeader(h, events::kEventIdHeader).value_or("-")
        << " event_type=" << events::FindHeader(h, events::kEventTypeHeader).value_or("-");
    if (info) {
      out << " origin=" << info->original_topic << "/" << info->original_partition << "@" << info->original_offset
          << " attempts=" << info->attempts << " consumer=" << info->consumer
          << " failed_at=" << events::FormatTimestamp(info->failed_at) << " reason=\"" << info->reason << "\"\n";
      ++by_reason[info->reason.substr(0, info->reason.find(':'))];
    } else {
      out << " (no failure headers)\n";
      ++by_reason["(none)"];
    }
  }
  reader->consumer->close();
  out << "total " << outcome.count << " record(s) in " << dlq << "\n";
  for (const auto& [reason, n] : by_reason) out << "  " << n << " x " << reason << "\n";
  return outcome;
}

Result<ReplayOutcome> Replay(const std::string& brokers, const events::KafkaCredentials& credentials, const std::string& topic, std::optional<std::size_t> max,
                             std::ostream& out, const std::string& group, std::chrono::milliseconds timeout) {
  const std::string dlq = DlqTopicName(topic);
  auto reader = OpenReader(brokers, credentials, dlq, group, true, timeout);
  if (!reader) return std::move(reader).error();
  events::ProducerSettings ps;
  ps.brokers = brokers;
  ps.credentials = credentials;
  ps.client_id = "eda-dlq";
  events::Producer producer(ps);
  if (auto s = producer.Start(); !s) return std::move(s).error();

  ReplayOutcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!max || outcome.replayed + outcome.skipped < *max) {
    auto m = Next(*reader, deadline);
    if (!m) break;
    Headers h = ReadHeaders(*m);
    auto info = events::ReadFailureInfo(h);
    if (!info) {
      ++outcome.skipped;
      out << "skip " << dlq << "/" << m->partition() << "@" << m->offset() << ": " << info.error().message << "\n";
    } else {
      events::OutgoingMessage msg;
      msg.topic = info->original_topic;
      msg.key = m->key() ? *m->key() : std::string();
      msg.payload.assign(static_cast<const char*>(m->payload()), m->len());
      msg.headers = events::StripFailureHeaders(std::move(h));
      auto sent = producer.SendAndWait(std::move(msg));
      if (!sent) return std::move(sent).error();  // earlier records are committed; this one is retried next run
      ++outcome.replayed;
      out << "replayed " << dlq << "/" << m->partition() << "@" << m->offset() << " -> " << info->original_topic
          << "/" << sent->partition << "@" << sent->offset << "\n";
    }
    // Progress is committed per record, after the broker acknowledged the copy.
    std::vector<RdKafka::TopicPartition*> done{RdKafka::TopicPartition::create(dlq, m->partition(), m->offset() + 1)};
    auto rc = reader->consumer->commitSync(done);
    RdKafka::TopicPartition::destroy(done);
    if (rc != RdKafka::ERR_NO_ERROR) return KafkaErr(rc, "commit replay progress");
  }
  producer.Stop();
  reader->consumer->close();
  out << "replayed " << outcome.replayed << " record(s) from " << dlq << ", skipped " << outcome.skipped << "\n";
  return outcome;
}

}  // namespace eda::dlq
