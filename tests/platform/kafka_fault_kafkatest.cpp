// With one of three brokers killed (SIGKILL), acks=all producing still succeeds (min ISR 2) and a
// consumer still reads everything; after the broker restarts it rejoins every partition's ISR.
// Drives the stack through `./eda infra kill|start kafka-2`; needs the 3-broker test stack.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "kafka_admin.hpp"
#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

using namespace std::chrono_literals;

constexpr int kVictim = 2;  // node id of kafka-2

// Restarts kafka-2 when the test leaves early, so one failure does not break later tests.
class BrokerRestartGuard {
 public:
  ~BrokerRestartGuard() {
    if (armed_) RunEda("infra start kafka-2");
  }
  void Disarm() { armed_ = false; }

 private:
  bool armed_ = true;
};

bool AllInSync(const ClusterView& view, std::size_t replicas) {
  return !view.partitions.empty() && std::all_of(view.partitions.begin(), view.partitions.end(),
                                                 [&](const PartitionState& p) { return p.isr.size() == replicas; });
}

std::vector<std::string> Batch(const std::string& prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

TEST(KafkaFault, SurvivesOneBrokerKilledAndBrokerRejoinsIsr) {
  const std::string brokers = KafkaBrokers();
  if (std::count(brokers.begin(), brokers.end(), ',') < 2) GTEST_SKIP() << "needs the 3-broker stack";
  ASSERT_TRUE(CanDriveInfra()) << "EDA_ROOT and EDA_PROFILE must be set (run through ./eda test)";

  const std::string topic = "platform-fault-" + UniqueSuffix();
  ASSERT_EQ(CreateTopic(brokers, topic, 3, 3), "");
  ASSERT_EQ(WaitForTopic(brokers, topic, 3, 15s).partitions.size(), 3u);
  const auto before = Batch("before-", 30);
  ProduceOutcome first = ProduceAll(brokers, topic, before, 30s);
  ASSERT_EQ(first.delivered, 30);

  BrokerRestartGuard guard;
  ASSERT_EQ(RunEda("infra kill kafka-2"), 0);

  // Leadership moves once the controller fences the dead broker (session timeout, ~9 s); the
  // producer retries until then, so acks=all with min ISR 2 must still deliver everything.
  const auto after = Batch("after-", 30);
  ProduceOutcome second = ProduceAll(brokers, topic, after, 90s);
  EXPECT_TRUE(second.errors.empty()) << second.errors.front();
  EXPECT_EQ(second.delivered, 30);

  ClusterView degraded = Describe(brokers, topic);
  ASSERT_EQ(degraded.error, "");
  for (const PartitionState& p : degraded.partitions) {
    EXPECT_NE(p.leader, kVictim) << "partition " << p.id << " still led by the killed broker";
    EXPECT_EQ(std::count(p.isr.begin(), p.isr.end(), kVictim), 0) << "partition " << p.id;
  }

  std::vector<std::string> all = before;
  all.insert(all.end(), after.begin(), after.end());
  std::vector<std::string> consumed = ConsumeAll(brokers, topic, "platform-fault-" + UniqueSuffix(), all.size(), 90s);
  EXPECT_EQ(std::set<std::string>(consumed.begin(), consumed.end()), std::set<std::string>(all.begin(), all.end()));

  ASSERT_EQ(RunEda("infra start kafka-2"), 0);
  guard.Disarm();

  const auto deadline = std::chrono::steady_clock::now() + 60s;
  ClusterView healed;
  while (std::chrono::steady_clock::now() < deadline) {
    healed = Describe(brokers, topic);
    if (healed.error.empty() && AllInSync(healed, 3)) break;
    std::this_thread::sleep_for(1s);
  }
  EXPECT_TRUE(AllInSync(healed, 3)) << "kafka-2 did not rejoin every ISR within 60 s";
  EXPECT_EQ(healed.broker_ids.size(), 3u);

  DeleteTopic(brokers, topic);
}

}  // namespace
}  // namespace eda::platform_test
