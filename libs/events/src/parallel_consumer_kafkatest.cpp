// The consumer's parallel and batched modes against a real cluster: per-key order under
// parallelism, a poison event isolated from its batch, offsets never committed past an unfinished
// event, and a stop in the middle of a batch that loses and doubles nothing.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <librdkafka/rdkafkacpp.h>

#include "consumer_test_fixture.hpp"
#include "test_support.hpp"

namespace eda::events {
namespace {

using namespace std::chrono_literals;
using testing::Brokers;
using testing::ConsumerTest;

// The group's committed offset of partition 0 of `topic` (-1 if none), as the broker reports it.
std::int64_t CommittedOffset(const std::string& group, const std::string& topic) {
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  testing::ConnectAsAdmin(*conf);
  conf->set("group.id", group, err);
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  std::vector<RdKafka::TopicPartition*> tps{RdKafka::TopicPartition::create(topic, 0)};
  std::int64_t out = -2;
  if (c->committed(tps, 5000) == RdKafka::ERR_NO_ERROR) out = tps[0]->offset();
  RdKafka::TopicPartition::destroy(tps);
  c->close();
  return out;
}

TEST_F(ConsumerTest, ParallelWorkersKeepEachKeysOrderAndRunKeysTogether) {
  const std::string topic = NewTopic(3);
  constexpr int kKeys = 24, kPerKey = 40;
  for (int i = 0; i < kPerKey; ++i)
    for (int k = 0; k < kKeys; ++k)
      producer_->Send(Event(topic, "agg-" + std::to_string(k), std::to_string(i)),
                      [](Result<Delivery> d) { ASSERT_TRUE(d.ok()) << d.error(); });
  ASSERT_TRUE(producer_->Flush(30s));

  std::mutex mu;
  std::map<std::string, std::vector<int>> seen;
  std::set<std::string> running;
  std::atomic<int> overlaps{0}, concurrent{0}, max_concurrent{0};
  ConsumerSettings s = Settings("parallel");
  s.workers = 6;
  Consumer consumer(s, *producer_);
  consumer.Subscribe(topic, [&](const IncomingEvent& ev) -> Status {
    {
      std::lock_guard lock(mu);
      if (!running.insert(ev.key).second) ++overlaps;
    }
    const int now = ++concurrent;
    for (int m = max_concurrent.load(); now > m && !max_concurrent.compare_exchange_weak(m, now);) {
    }
    std::this_thread::sleep_for(2ms);
    --concurrent;
    std::lock_guard lock(mu);
    running.erase(ev.key);
    seen[ev.key].push_back(std::stoi(ev.payload));
    return {};
  });
  ASSERT_TRUE(consumer.Start().ok());
  EXPECT_TRUE(testing::WaitFor([&] { return consumer.Stats().processed >= kKeys * kPerKey; }, 60s));
  consumer.Stop();
  EXPECT_EQ(overlaps.load(), 0) << "two events of one key ran at the same time";
  EXPECT_GT(max_concurrent.load(), 1) << "different keys never ran in parallel";
  std::lock_guard lock(mu);
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kKeys));
  for (const auto& [key, seq] : seen) {
    ASSERT_EQ(seq.size(), static_cast<std::size_t>(kPerKey)) << key;
    for (int i = 0; i < kPerKey; ++i) ASSERT_EQ(seq[i], i) << key;
  }
}

TEST_F(ConsumerTest, APoisonEventLeavesItsBatchAndGoesToTheDlqAlone) {
  const std::string topic = NewTopic(1);
  ConsumerSettings s = Settings("batch");
  s.workers = 2;
  s.retry.in_place_attempts = 2;
  s.retry.max_attempts = 2;  // no retry topic: straight to the DLQ after two attempts
  s.retry.in_place_base = 10ms;
  std::mutex mu;
  std::map<std::string, int> applied;  // payload -> times applied
  std::vector<std::size_t> batch_sizes;
  Consumer consumer(s, *producer_);
  consumer.SubscribeBatch(
      topic,
      [&](std::span<const IncomingEvent> events) {
        std::vector<Status> out;
        std::lock_guard lock(mu);
        batch_sizes.push_back(events.size());
        for (const auto& ev : events) {
          if (ev.payload == "poison") {
            out.push_back(Error::Transient("test.poison", "never works"));
          } else {
            ++applied[ev.payload];
            out.push_back(Status{});
          }
        }
        return out;
      },
      16);
  // Everything is in the topic before the consumer starts, so batches fill up.
  for (int i = 0; i < 60; ++i)
    producer_->Send(Event(topic, "k" + std::to_string(i), i == 17 ? "poison" : "e" + std::to_string(i)),
                    [](Result<Delivery> d) { ASSERT_TRUE(d.ok()) << d.error(); });
  ASSERT_TRUE(producer_->Flush(30s));
  ASSERT_TRUE(consumer.Start().ok());
  EXPECT_TRUE(testing::WaitFor(
      [&] { return consumer.Stats().processed == 59 && consumer.Stats().dead_lettered == 1; }, 60s));
  std::this_thread::sleep_for(500ms);
  consumer.Stop();
  std::lock_guard lock(mu);
  EXPECT_EQ(applied.size(), 59u);
  for (const auto& [payload, times] : applied) EXPECT_EQ(times, 1) << payload;
  std::size_t largest = 0;
  for (std::size_t n : batch_sizes) largest = std::max(largest, n);
  EXPECT_GT(largest, 1u) << "events were never handed over in batches";
  EXPECT_LE(largest, 16u);
  auto dlq = testing::ReadAll(DlqTopicOf(topic), 2, 8s);
  ASSERT_EQ(dlq.size(), 1u);
  EXPECT_EQ(dlq[0].payload, "poison");
  EXPECT_EQ(CommittedOffset(s.group_id, topic), 60);
}

TEST_F(ConsumerTest, TheOffsetNeverPassesAnUnfinishedEvent) {
  const std::string topic = NewTopic(1);
  ConsumerSettings s = Settings("prefix");
  s.workers = 4;
  s.commit_interval = 20ms;
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  std::atomic<int> done{0};
  Consumer consumer(s, *producer_);
  consumer.Subscribe(topic, [&](const IncomingEvent& ev) -> Status {
    if (ev.key == "slow") {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return release; });
    }
    ++done;
    return {};
  });
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(producer_->SendAndWait(Event(topic, i == 3 ? "slow" : "k" + std::to_string(i), "x")).ok());
  ASSERT_TRUE(consumer.Start().ok());
  EXPECT_TRUE(testing::WaitFor([&] { return done.load() == 9; }, 30s)) << "the other keys must not wait";
  std::this_thread::sleep_for(300ms);  // several commit intervals
  EXPECT_EQ(CommittedOffset(s.group_id, topic), 3) << "committed past the unfinished event at offset 3";
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  EXPECT_TRUE(testing::WaitFor([&] { return CommittedOffset(s.group_id, topic) == 10; }, 10s));
  consumer.Stop();
}

TEST_F(ConsumerTest, AStopInTheMiddleOfABatchLosesAndDoublesNothing) {
  const std::string topic = NewTopic(1);
  ConsumerSettings s = Settings("crash");
  s.workers = 3;
  s.drain_timeout = 2s;
  s.retry.in_place_attempts = 1000;  // e5 stays in place (never parked) until the stop
  s.retry.max_attempts = 1000;
  s.retry.in_place_base = 100ms;
  std::mutex mu;
  std::map<std::string, int> effects;  // payload -> effects that "committed"
  std::atomic<bool> failing{true};
  auto handler = [&](std::span<const IncomingEvent> events) {
    std::vector<Status> out;
    for (const auto& ev : events) {
      // The blocked event keeps failing (an outage) until the first consumer is gone.
      if (ev.payload == "e5" && failing.load()) {
        out.push_back(Error::Transient("test.outage", "store down"));
        continue;
      }
      std::lock_guard lock(mu);
      ++effects[ev.payload];
      out.push_back(Status{});
    }
    return out;
  };
  for (int i = 0; i < 20; ++i)
    producer_->Send(Event(topic, "k" + std::to_string(i), "e" + std::to_string(i)),
                    [](Result<Delivery> d) { ASSERT_TRUE(d.ok()) << d.error(); });
  ASSERT_TRUE(producer_->Flush(30s));
  {
    Consumer first(s, *producer_);
    first.SubscribeBatch(topic, handler, 8);
    ASSERT_TRUE(first.Start().ok());
    EXPECT_TRUE(testing::WaitFor([&] { return first.Stats().processed == 19; }, 30s));
    first.Stop();  // e5 is in an in-place retry wait: cut short, not committed
    EXPECT_EQ(CommittedOffset(s.group_id, topic), 5);
  }
  failing = false;
  // A second member of the same group takes over from the committed offset: e5 and everything after
  // it come again. A real handler's inbox drops the repeats; here the repeats are counted.
  std::map<std::string, int> first_run;
  {
    std::lock_guard lock(mu);
    first_run = effects;
  }
  Consumer second(s, *producer_);
  second.SubscribeBatch(topic, handler, 8);
  ASSERT_TRUE(second.Start().ok());
  EXPECT_TRUE(testing::WaitFor([&] { return CommittedOffset(s.group_id, topic) == 20; }, 30s));
  second.Stop();
  std::lock_guard lock(mu);
  EXPECT_EQ(effects.size(), 20u) << "an event was lost";
  EXPECT_EQ(first_run.count("e5"), 0u);
  EXPECT_EQ(effects["e5"], 1);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(effects["e" + std::to_string(i)], 1) << "redelivered below the commit";
}

}  // namespace
}  // namespace eda::events
