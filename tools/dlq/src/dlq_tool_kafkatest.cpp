#include "dlq_tool.hpp"

#include <librdkafka/rdkafkacpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "eda/core/uuid.hpp"
#include "eda/events/dead_letter.hpp"
#include "eda/events/producer.hpp"
#include "eda/events/topic_admin.hpp"

namespace eda::dlq {
namespace {

using namespace std::chrono_literals;

std::string Brokers() { return events::BrokersFromEnv(events::kTestBrokers); }
// The test profile's admin user (./eda infra env): the test makes topics and writes dead letters.
events::KafkaCredentials Credentials() { return events::CredentialsFromEnv().value(); }

// Counts records of `topic` (all partitions from the beginning) with the given event id.
int CountEvent(const std::string& topic, const std::string& event_id) {
  std::ostringstream sink;
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  conf->set("bootstrap.servers", Brokers(), err);
  for (const auto& [name, value] : events::CredentialProperties(Credentials())) conf->set(name, value, err);
  conf->set("group.id", "dlq-test-" + NewUuid(), err);
  conf->set("auto.offset.reset", "earliest", err);
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  c->subscribe({topic});
  int n = 0;
  const auto deadline = std::chrono::steady_clock::now() + 8s;
  while (std::chrono::steady_clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(c->consume(100));
    if (!m || m->err() != RdKafka::ERR_NO_ERROR) continue;
    auto* h = m->headers();
    if (h == nullptr) continue;
    auto id = h->get_last("event-id");
    bool has_failure = h->get_last("eda-attempt").err() == RdKafka::ERR_NO_ERROR;
    if (id.err() == RdKafka::ERR_NO_ERROR &&
        std::string(static_cast<const char*>(id.value()), id.value_size()) == event_id) {
      EXPECT_FALSE(has_failure) << "replayed record still carries failure headers";
      ++n;
    }
  }
  c->close();
  return n;
}

TEST(DlqTool, ListAndReplayOnce) {
  const std::string topic = "eda-test-dlqtool-" + NewUuid().substr(0, 8);
  const std::string dlq = events::DlqTopicOf(topic);
  ASSERT_TRUE(events::EnsureTopics(Brokers(), Credentials(), {{topic, 1, 3}, {dlq, 1, 3}}).ok());
  events::ProducerSettings ps;
  ps.brokers = Brokers();
  ps.credentials = Credentials();
  events::Producer producer(ps);
  ASSERT_TRUE(producer.Start().ok());
  events::Envelope env = events::Envelope::New("test.E", "dlq-test");
  events::FailureInfo info{topic, 0, 42, "test.boom: broken", 6, events::NowMs(), "some-group"};
  // A broker may still show the just-created topic without partitions for a moment ("partition
  // count changed from 1 to 0"): the send is repeated until the metadata has settled.
  const auto send = [&](events::OutgoingMessage m) {
    for (int attempt = 1;; ++attempt) {
      auto r = producer.SendAndWait(m);
      if (r.ok() || attempt == 20) return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  };
  auto first = send({dlq, "k1", "payload", events::BuildDeadLetterHeaders(events::EncodeEnvelope(env), info)});
  ASSERT_TRUE(first.ok()) << first.error();
  auto second = send({dlq, "k2", "other", events::EncodeEnvelope(events::Envelope::New("t", "s"))});
  ASSERT_TRUE(second.ok()) << second.error();
  producer.Stop();

  std::ostringstream listed;
  auto l = List(Brokers(), Credentials(), topic, std::nullopt, listed, 20s);
  ASSERT_TRUE(l.ok()) << l.error();
  EXPECT_EQ(l->count, 2u);
  EXPECT_NE(listed.str().find("reason=\"test.boom: broken\""), std::string::npos) << listed.str();
  EXPECT_NE(listed.str().find("attempts=6"), std::string::npos);

  const std::string group = "eda-dlq-replay-test-" + NewUuid().substr(0, 8);
  std::ostringstream log;
  auto r = Replay(Brokers(), Credentials(), dlq, std::nullopt, log, group, 20s);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->replayed, 1u);
  EXPECT_EQ(r->skipped, 1u);  // no origin headers: cannot be replayed
  auto again = Replay(Brokers(), Credentials(), dlq, std::nullopt, log, group, 10s);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->replayed, 0u);
  EXPECT_EQ(CountEvent(topic, env.event_id), 1);
  (void)events::DeleteTopics(Brokers(), Credentials(), {topic, dlq});
}

}  // namespace
}  // namespace eda::dlq
