#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/events/kafka_settings.hpp"

namespace eda::events {

struct TopicSpec {
  std::string name;
  // -1: the broker's default (num.partitions / default.replication.factor), so one program works on
  // the 3-broker stack (3 and 3, as the seed system) and on a single-broker laptop run (RF 1).
  int partitions = -1;
  int replication_factor = -1;
};

// Creates the topics that do not exist yet (an existing topic is success, whatever its layout), as
// the user `credentials` names (it needs the CREATE right on them, and DESCRIBE).
// Blocking, bounded by `timeout`. Errors: "kafka.settings", "kafka.admin" (retryable when the
// cluster may heal, e.g. not enough brokers up; not retryable when an ACL denies it), "kafka.timeout".
// Returns once every broker of `brokers` lists them with partitions.
Status EnsureTopics(const std::string& brokers, const KafkaCredentials& credentials, const std::vector<TopicSpec>& topics,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Deletes topics (missing ones are ignored). For tests cleaning up after themselves.
Status DeleteTopics(const std::string& brokers, const KafkaCredentials& credentials, const std::vector<std::string>& topics,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace eda::events
