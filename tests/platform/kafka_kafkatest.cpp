// Kafka is reachable with the cluster shape the project relies on: three brokers, topics with
// replication factor 3, idempotent acks=all produce, and consumption in a consumer group.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "kafka_admin.hpp"
#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

using namespace std::chrono_literals;

std::size_t BrokerCount() {
  const std::string b = KafkaBrokers();
  return static_cast<std::size_t>(std::count(b.begin(), b.end(), ',')) + 1;
}

TEST(KafkaPlatform, MetadataListsEveryBroker) {
  ClusterView view = Describe(KafkaBrokers(), "");
  ASSERT_EQ(view.error, "");
  EXPECT_EQ(view.broker_ids.size(), BrokerCount());
}

TEST(KafkaPlatform, ReplicatedTopicRoundTripsThroughConsumerGroup) {
  const std::string brokers = KafkaBrokers();
  const int rf = BrokerCount() >= 3 ? 3 : 1;
  const std::string topic = "platform-roundtrip-" + UniqueSuffix();
  ASSERT_EQ(CreateTopic(brokers, topic, 3, rf), "");

  ClusterView view = WaitForTopic(brokers, topic, 3, 15s);
  ASSERT_EQ(view.error, "");
  ASSERT_EQ(view.partitions.size(), 3u);
  for (const PartitionState& p : view.partitions) {
    EXPECT_EQ(p.replicas.size(), static_cast<std::size_t>(rf)) << "partition " << p.id;
    EXPECT_GE(p.leader, 0) << "partition " << p.id;
  }

  std::vector<std::string> payloads;
  for (int i = 0; i < 50; ++i) payloads.push_back("msg-" + std::to_string(i));
  ProduceOutcome produced = ProduceAll(brokers, topic, payloads, 30s);
  EXPECT_TRUE(produced.errors.empty()) << produced.errors.front();
  EXPECT_EQ(produced.delivered, 50);

  std::vector<std::string> consumed = ConsumeAll(brokers, topic, "platform-group-" + UniqueSuffix(), 50, 60s);
  EXPECT_EQ(std::set<std::string>(consumed.begin(), consumed.end()),
            std::set<std::string>(payloads.begin(), payloads.end()));
  EXPECT_EQ(consumed.size(), 50u) << "no duplicates expected from an idempotent producer";

  EXPECT_EQ(DeleteTopic(brokers, topic), "");
}

TEST(KafkaPlatform, ReplicationFactorAboveBrokerCountIsRefused) {
  // Proves the topic check above is real: the cluster rejects what it cannot place.
  const std::string topic = "platform-toowide-" + UniqueSuffix();
  const int too_many = static_cast<int>(BrokerCount()) + 1;
  EXPECT_NE(CreateTopic(KafkaBrokers(), topic, 1, too_many), "");
}

}  // namespace
}  // namespace eda::platform_test
