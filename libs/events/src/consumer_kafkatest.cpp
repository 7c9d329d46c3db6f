#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <librdkafka/rdkafkacpp.h>

#include "eda/events/consumer.hpp"
#include "eda/events/dead_letter.hpp"
#include "eda/events/producer.hpp"
#include "eda/events/topic_admin.hpp"
#include "eda/metrics/registry.hpp"
#include "consumer_test_fixture.hpp"
#include "test_support.hpp"

namespace eda::events {
namespace {

using namespace std::chrono_literals;
using testing::Brokers;
using testing::ConsumerTest;

TEST_F(ConsumerTest, RoundTripKeepsHeadersAndPerKeyOrder) {
  const std::string topic = NewTopic(3);
  constexpr int kKeys = 10, kPerKey = 50;
  std::map<std::string, Envelope> sent;
  // Interleave keys; payload = sequence number within the key.
  for (int i = 0; i < kPerKey; ++i)
    for (int k = 0; k < kKeys; ++k) {
      auto m = Event(topic, "agg-" + std::to_string(k), std::to_string(i));
      sent[std::string(*FindHeader(m.headers, kEventIdHeader))] = *DecodeEnvelope(m.headers);
      producer_->Send(std::move(m), [](Result<Delivery> d) { ASSERT_TRUE(d.ok()) << d.error(); });
    }
  ASSERT_TRUE(producer_->Flush(30s));
  EXPECT_TRUE(producer_->Ping(5s).ok());  // the readiness probe of the services
  auto acked = producer_->SendAndWait(Event(topic, "agg-0", std::to_string(kPerKey)));
  ASSERT_TRUE(acked.ok()) << acked.error();
  EXPECT_GE(acked->offset, 0);

  std::mutex mu;
  std::map<std::string, std::vector<int>> seen;
  std::map<std::string, Envelope> envelopes;
  Consumer consumer(Settings("rt"), *producer_);
  consumer.Subscribe(topic, [&](const IncomingEvent& ev) -> Status {
    std::lock_guard lock(mu);
    seen[ev.key].push_back(std::stoi(ev.payload));
    envelopes[ev.envelope.event_id] = ev.envelope;
    return {};
  });
  ASSERT_TRUE(consumer.Start().ok());
  const std::size_t total = kKeys * kPerKey + 1;
  EXPECT_TRUE(testing::WaitFor([&] { return consumer.Stats().processed >= total; }, 60s));
  // The group health check reads librdkafka's statistics: every assigned partition is seen fetching
  // (at least the topic's 3; its retry topic's 1 too unless librdkafka left it out, see consumer.hpp),
  // and a group whose records all got consumed is never rejoined.
  EXPECT_TRUE(testing::WaitFor(
      [&] {
        const ConsumerStats st = consumer.Stats();
        return st.fetching_partitions >= 3 && st.fetching_partitions == st.lag.size();
      },
      20s))
      << consumer.Stats().fetching_partitions << " fetching of " << consumer.Stats().lag.size() << " assigned";
  EXPECT_EQ(consumer.Stats().rejoins, 0u);
  consumer.Stop();
  std::lock_guard lock(mu);
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kKeys));
  for (const auto& [key, seq] : seen) {
    const int n = key == "agg-0" ? kPerKey + 1 : kPerKey;
    ASSERT_EQ(seq.size(), static_cast<std::size_t>(n)) << key;
    for (int i = 0; i < n; ++i) EXPECT_EQ(seq[i], i) << key;
  }
  for (const auto& [id, env] : sent) {
    ASSERT_TRUE(envelopes.count(id)) << id;
    EXPECT_EQ(envelopes[id], env);
  }
}

TEST_F(ConsumerTest, AlwaysFailingHandlerRetriesThenOneDlqRecordWhileOthersFlow) {
  const std::string topic = NewTopic(1);  // one partition: the poison record shares it with the others
  ConsumerSettings s = Settings("dlq");
  s.retry.in_place_attempts = 2;
  s.retry.max_attempts = 4;
  s.retry.in_place_base = 10ms;
  s.retry.delayed_base = 2s;  // the delayed attempts (2 s, 4 s) come well after the good records
  metrics::Registry registry;
  s.metrics = &registry;
  std::atomic<int> poison_calls{0}, good{0};
  Consumer consumer(s, *producer_);
  consumer.Subscribe(topic, [&](const IncomingEvent& ev) -> Status {
    if (ev.key == "poison") {
      ++poison_calls;
      return Error::Transient("test.boom", "always fails, attempt " + std::to_string(ev.attempt));
    }
    ++good;
    return {};
  });
  ASSERT_TRUE(consumer.Start().ok());
  // The poison record first, then the good ones in one batch, so the good records' arrival does not
  // depend on how fast the brokers acknowledge one by one.
  auto poison = Event(topic, "poison", "x");
  const std::string poison_id(*FindHeader(poison.headers, kEventIdHeader));
  ASSERT_TRUE(producer_->SendAndWait(std::move(poison)).ok());
  for (int i = 0; i < 100; ++i)
    producer_->Send(Event(topic, "k" + std::to_string(i % 7), "y"), [](Result<Delivery> d) { ASSERT_TRUE(d.ok()) << d.error(); });
  ASSERT_TRUE(producer_->Flush(30s));

  // The good records do not wait for the poison record's delayed retries.
  EXPECT_TRUE(testing::WaitFor([&] { return good.load() == 100; }, 30s));
  EXPECT_LT(poison_calls.load(), 4);
  EXPECT_TRUE(testing::WaitFor([&] { return consumer.Stats().dead_lettered == 1; }, 60s));
  std::this_thread::sleep_for(1s);  // nothing more may arrive
  consumer.Stop();
  EXPECT_EQ(poison_calls.load(), 4);
  EXPECT_EQ(good.load(), 100);
  EXPECT_EQ(consumer.Stats().requeued, 2u);
  const std::string exposed = registry.Serialize();
  EXPECT_NE(exposed.find("eda_consumer_dead_lettered_total{group=\"" + s.group_id + "\",topic=\"" + topic + "\"} 1"),
            std::string::npos)
      << exposed;
  EXPECT_NE(exposed.find("eda_consumer_requeued_total"), std::string::npos);
  EXPECT_NE(exposed.find("eda_consumer_handler_seconds_count"), std::string::npos);
  EXPECT_NE(exposed.find("eda_consumer_lag{"), std::string::npos);

  auto dlq = testing::ReadAll(DlqTopicOf(topic), 2, 8s);
  ASSERT_EQ(dlq.size(), 1u);
  auto info = ReadFailureInfo(dlq[0].headers);
  ASSERT_TRUE(info.ok()) << info.error();
  EXPECT_EQ(info->original_topic, topic);
  EXPECT_EQ(info->original_partition, 0);
  EXPECT_EQ(info->original_offset, 0);
  EXPECT_EQ(info->attempts, 4);
  EXPECT_EQ(info->consumer, s.group_id);
  EXPECT_NE(info->reason.find("test.boom"), std::string::npos);
  EXPECT_EQ(FindHeader(dlq[0].headers, kEventIdHeader), poison_id);
  EXPECT_EQ(dlq[0].key, "poison");
}

TEST_F(ConsumerTest, GarbageGoesToDlqAtOnce) {
  const std::string topic = NewTopic(1);
  std::atomic<int> calls{0};
  Consumer consumer(Settings("garbage"), *producer_);
  consumer.Subscribe(topic, [&](const IncomingEvent&) -> Status {
    ++calls;
    return {};
  });
  ASSERT_TRUE(consumer.Start().ok());
  ASSERT_TRUE(producer_->SendAndWait(OutgoingMessage{topic, "g", std::string("\xff\x00\x13garbage", 10), {}}).ok());
  ASSERT_TRUE(producer_->SendAndWait(Event(topic, "g", "fine")).ok());
  EXPECT_TRUE(testing::WaitFor([&] { return consumer.Stats().dead_lettered == 1 && calls == 1; }, 30s));
  consumer.Stop();
  EXPECT_EQ(consumer.Stats().failed_attempts, 0u);
  auto dlq = testing::ReadAll(DlqTopicOf(topic), 2, 8s);
  ASSERT_EQ(dlq.size(), 1u);
  EXPECT_EQ(dlq[0].payload, std::string("\xff\x00\x13garbage", 10));
  auto info = ReadFailureInfo(dlq[0].headers);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->attempts, 1);
  EXPECT_NE(info->reason.find("events.bad_envelope"), std::string::npos);
}

// Group health, seen from one member: records that keep arriving in partitions another member of
// the group consumes are not a stall, however long the test runs.
TEST_F(ConsumerTest, MembersThatShareAGroupAndKeepUpNeverRejoin) {
  const std::string topic = NewTopic(2);
  auto settings = [&](const std::string& group) {
    ConsumerSettings s = Settings("shared");
    s.group_id = group;
    s.health_interval = 500ms;
    s.stall_grace = 2s;
    s.commit_interval = 200ms;  // a committed offset must move several times within the grace
    return s;
  };
  const std::string group = "shared-" + testing::Suffix();
  std::atomic<int> handled{0};
  auto handler = [&](const IncomingEvent&) -> Status {
    ++handled;
    return {};
  };
  Consumer a(settings(group), *producer_), b(settings(group), *producer_);
  a.Subscribe(topic, handler);
  b.Subscribe(topic, handler);
  ASSERT_TRUE(a.Start().ok());
  ASSERT_TRUE(b.Start().ok());
  ASSERT_TRUE(testing::WaitFor([&] { return !a.Stats().lag.empty() && !b.Stats().lag.empty(); }, 60s))
      << "both members should own partitions";
  constexpr int kRecords = 160;  // 8 s of traffic: 4 times the stall grace
  for (int i = 0; i < kRecords; ++i) {
    producer_->Send(Event(topic, "k" + std::to_string(i), "x"), [](Result<Delivery>) {});
    std::this_thread::sleep_for(50ms);
  }
  auto describe = [](const Consumer& c) {
    std::string out = "processed " + std::to_string(c.Stats().processed) + ", lag";
    for (const auto& [tp, lag] : c.Stats().lag) out += " " + tp + "=" + std::to_string(lag);
    return out;
  };
  EXPECT_TRUE(testing::WaitFor([&] { return handled.load() == kRecords; }, 30s))
      << handled.load() << " handled; a: " << describe(a) << "; b: " << describe(b);
  EXPECT_EQ(a.Stats().rejoins + b.Stats().rejoins, 0u);
  b.Stop();
  a.Stop();
}

// A member that fetches but never commits (here a bare librdkafka consumer) looks, from the others,
// exactly like a partition nobody owns: records wait past a committed offset that stands still.
TEST_F(ConsumerTest, RecordsWaitingWhereNoMemberCommitsMakeTheConsumerRejoin) {
  const std::string topic = NewTopic(2);
  ConsumerSettings s = Settings("stalled");
  s.health_interval = 500ms;
  s.stall_grace = 2s;
  s.retry.max_attempts = s.retry.in_place_attempts;  // no retry topic: the two members subscribe alike
  Consumer ours(s, *producer_);
  ours.Subscribe(topic, [](const IncomingEvent&) -> Status { return {}; });
  ASSERT_TRUE(ours.Start().ok());

  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  testing::ConnectAsAdmin(*conf);
  conf->set("group.id", s.group_id, err);
  conf->set("partition.assignment.strategy", "cooperative-sticky", err);
  conf->set("enable.auto.commit", "false", err);
  conf->set("auto.offset.reset", "earliest", err);
  std::unique_ptr<RdKafka::KafkaConsumer> silent(RdKafka::KafkaConsumer::create(conf.get(), err));
  ASSERT_TRUE(silent) << err;
  ASSERT_EQ(silent->subscribe({topic}), RdKafka::ERR_NO_ERROR);
  std::atomic<bool> stop{false};
  std::thread poller([&] {
    while (!stop) std::unique_ptr<RdKafka::Message>(silent->consume(100));
  });

  ASSERT_TRUE(testing::WaitFor([&] { return ours.Stats().lag.size() == 1; }, 60s))
      << "each member should own one partition, ours owns " << ours.Stats().lag.size();
  for (int i = 0; i < 40; ++i) producer_->Send(Event(topic, "k" + std::to_string(i), "x"), [](Result<Delivery>) {});
  ASSERT_TRUE(producer_->Flush(30s));
  EXPECT_TRUE(testing::WaitFor([&] { return ours.Stats().rejoins >= 1; }, 30s));

  stop = true;
  poller.join();
  silent->close();
  ours.Stop();
}

}  // namespace
}  // namespace eda::events
