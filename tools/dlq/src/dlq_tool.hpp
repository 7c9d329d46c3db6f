#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "eda/core/result.hpp"
#include "eda/events/kafka_settings.hpp"

namespace eda::dlq {

// `topic` may name the original topic ("delivery-request") or its DLQ ("delivery-request.DLQ").
std::string DlqTopicName(const std::string& topic);

struct ListOutcome {
  std::size_t count = 0;  // records in the DLQ (all partitions, from the beginning)
};

// Prints every record of the DLQ (up to `max` when given): partition/offset, event id and type, origin,
// attempts, consumer, failed-at and reason, then a count per reason. Reads up to the high watermarks
// taken at start, so it ends. Errors: "kafka.*".
Result<ListOutcome> List(const std::string& brokers, const events::KafkaCredentials& credentials, const std::string& topic, std::optional<std::size_t> max,
                         std::ostream& out, std::chrono::milliseconds timeout = std::chrono::seconds(30));

struct ReplayOutcome {
  std::size_t replayed = 0;
  std::size_t skipped = 0;  // records without a usable origin (stay where they are, reported)
};

// Re-publishes DLQ records (not yet replayed) to their original topic with the failure headers removed
// (fresh attempt count; the envelope and event id are kept, so consumers' inboxes drop records they had
// processed after all). Progress is the committed offset of consumer group `group` on the DLQ topic,
// committed after the broker acknowledged each batch: a second run does not replay the same records.
// At most `max` records when given. Errors: "kafka.*".
Result<ReplayOutcome> Replay(const std::string& brokers, const events::KafkaCredentials& credentials, const std::string& topic, std::optional<std::size_t> max,
                             std::ostream& out, const std::string& group = "eda-dlq-replay",
                             std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace eda::dlq
