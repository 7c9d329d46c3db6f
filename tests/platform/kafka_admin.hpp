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

// A SASL/SCRAM-SHA-512 user of the brokers; an empty name connects without credentials. With
// `ca_file` (PEM) the client speaks TLS and trusts only that CA; `tls` alone speaks TLS trusting the
// system's CAs.
struct KafkaUser {
  std::string name;
  std::string password;
  bool tls = false;
  std::string ca_file;
};

// The profile's administrator, a super user: EDA_KAFKA_USERNAME with the password in the file
// EDA_KAFKA_PASSWORD_FILE names (`./eda infra env` exports both), over TLS when EDA_KAFKA_CA_FILE is
// set. Every helper below logs in as it unless told otherwise.
KafkaUser AdminUser();

// The user `name` that ./eda made (a service, dlq, loadgen), its password read from
// $EDA_STATE_DIR/secrets/kafka-<name>.password (empty when that file is missing); TLS as AdminUser.
KafkaUser ProfileUser(const std::string& name);

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
  std::vector<std::string> errors;         // one entry per failed delivery report or produce call
  std::vector<std::string> client_errors;  // the client's own error events (e.g. authentication failed)
};

// Produces every payload (key = payload) as `user` with acks=all and idempotence on, then waits for
// all delivery reports (up to `timeout`).
ProduceOutcome ProduceAll(const std::string& brokers, const std::string& topic,
                          const std::vector<std::string>& payloads, std::chrono::milliseconds timeout,
                          const KafkaUser& user = AdminUser());

// Subscribes as `user` in consumer group `group` from the earliest offset and returns the payloads
// read, stopping when `expected` were read or `timeout` passed. Commits offsets, then closes the
// group. The consumer's errors (records it could not fetch, client errors) go to `errors` if given.
std::vector<std::string> ConsumeAll(const std::string& brokers, const std::string& topic, const std::string& group,
                                    std::size_t expected, std::chrono::milliseconds timeout,
                                    const KafkaUser& user = AdminUser(), std::vector<std::string>* errors = nullptr);

}  // namespace eda::platform_test
