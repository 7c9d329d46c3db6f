#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "eda/core/result.hpp"

namespace eda::events {

struct TopicSpec {
  std::string name;
  int partitions = 3;          // the seed system's num.partitions
  int replication_factor = 3;  // the seed system's default.replication.factor
};

// Creates the topics that do not exist yet (an existing topic is success, whatever its layout).
// Blocking, bounded by `timeout`. Errors: "kafka.settings", "kafka.admin" (retryable when the
// cluster may heal, e.g. not enough brokers up), "kafka.timeout".
Status EnsureTopics(const std::string& brokers, const std::vector<TopicSpec>& topics,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Deletes topics (missing ones are ignored). For tests cleaning up after themselves.
Status DeleteTopics(const std::string& brokers, const std::vector<std::string>& topics,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace eda::events
