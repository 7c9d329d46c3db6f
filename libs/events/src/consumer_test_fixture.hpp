#pragma once

// The fixture of the consumer's integration tests (real brokers; not part of the public API): a
// started producer, fresh topics with their .retry and .DLQ (deleted after the test), and consumer
// settings with a fresh group.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "eda/events/consumer.hpp"
#include "eda/events/dead_letter.hpp"
#include "eda/events/producer.hpp"
#include "eda/events/topic_admin.hpp"
#include "test_support.hpp"

namespace eda::events::testing {

using namespace std::chrono_literals;

class ConsumerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ProducerSettings ps;
    ps.brokers = Brokers();
    ps.credentials = Credentials();
    ps.client_id = "eda-events-test";
    producer_ = std::make_unique<Producer>(ps);
    ASSERT_TRUE(producer_->Start().ok());
  }
  void TearDown() override {
    producer_->Stop();
    // Each group made its own retry topic of each test topic it consumed (some never existed: ignored).
    std::vector<std::string> all = created_;
    for (const auto& t : created_)
      for (const auto& g : groups_) all.push_back(RetryTopicOf(t, g));
    (void)DeleteTopics(Brokers(), Credentials(), all);
  }
  std::string NewTopic(int partitions) {
    std::string t = "eda-test-" + Suffix();
    EXPECT_TRUE(EnsureTopics(Brokers(), Credentials(), {{t, partitions, 3}}).ok());
    created_.insert(created_.end(), {t, DlqTopicOf(t)});
    return t;
  }
  ConsumerSettings Settings(std::string group) {
    ConsumerSettings s;
    s.brokers = Brokers();
    s.credentials = Credentials();
    s.group_id = std::move(group) + "-" + Suffix();
    groups_.push_back(s.group_id);
    s.topic_partitions = 1;
    s.session_timeout = 6s;
    return s;
  }
  OutgoingMessage Event(const std::string& topic, const std::string& key, const std::string& payload) {
    return OutgoingMessage{topic, key, payload, EncodeEnvelope(Envelope::New("test.Event", "events-test"))};
  }
  std::unique_ptr<Producer> producer_;
  std::vector<std::string> created_;
  std::vector<std::string> groups_;
};

}  // namespace eda::events::testing
