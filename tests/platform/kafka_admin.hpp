#pragma once

// Small synchronous Kafka helpers for the platform tests, written straight on librdkafka (C API
// for admin and metadata, C++ API for produce/consume). Each call opens and closes its own client.

#include <chrono>
#include <string>
#include <vector>

namespace eda::platform_test {

struct PartitionState {
  int id = 0;
  int leader = -1;
  std::vector<int> replicas;
  std::vector<int> isr;
};

struct ClusterView {
  std::vector<int> broker_ids;           // brokers the cluster metadata lists
  std::vector<PartitionState> partitions;  // of the topic asked for (empty if it does not exist)
  std::string error;                     // non-empty when the metadata request failed
};

// The Kafka bootstrap list from EDA_KAFKA_BROKERS (default: the test profile's three brokers).
std::string KafkaBrokers();

// Creates `topic` with the given partitions and replication factor; returns "" or the error text.
std::string CreateTopic(const std::string& brokers, const std::string& topic, int partitions, int replication);

// Deletes `topic`; best effort (for test clean-up), returns "" or the error text.
std::string DeleteTopic(const std::string& brokers, const std::string& topic);

// Cluster metadata with the state of `topic`'s partitions.
ClusterView Describe(const std::string& brokers, const std::string& topic);

// Polls Describe until `topic` shows `partitions` partitions, each with a leader (new topics take a
// moment to reach every broker's metadata). Returns the last view seen.
ClusterView WaitForTopic(const std::string& brokers, const std::string& topic, std::size_t partitions,
                         std::chrono::milliseconds timeout);

struct ProduceOutcome {
  int delivered = 0;
  std::vector<std::string> errors;  // one entry per failed delivery report or produce call
};

// Produces every payload (key = payload) with acks=all and idempotence on, then waits for all
// delivery reports (up to `timeout`).
ProduceOutcome ProduceAll(const std::string& brokers, const std::string& topic,
                          const std::vector<std::string>& payloads, std::chrono::milliseconds timeout);

// Subscribes in consumer group `group` from the earliest offset and returns the payloads read,
// stopping when `expected` were read or `timeout` passed. Commits offsets, then closes the group.
std::vector<std::string> ConsumeAll(const std::string& brokers, const std::string& topic, const std::string& group,
                                    std::size_t expected, std::chrono::milliseconds timeout);

}  // namespace eda::platform_test
