#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "eda/core/result.hpp"
#include "eda/events/envelope.hpp"

namespace eda::events {

// Headers added to messages re-queued to `<topic>.retry.<group>` or parked in `<topic>.DLQ`. They always name
// the ORIGINAL topic/partition/offset (where the event was first consumed), also after several retries.
inline constexpr std::string_view kAttemptHeader = "eda-attempt";                 // failed attempts so far
inline constexpr std::string_view kNotBeforeHeader = "eda-not-before";            // RFC 3339; retry topic only
inline constexpr std::string_view kOriginalTopicHeader = "eda-original-topic";
inline constexpr std::string_view kOriginalPartitionHeader = "eda-original-partition";
inline constexpr std::string_view kOriginalOffsetHeader = "eda-original-offset";
inline constexpr std::string_view kErrorHeader = "eda-error";                     // last error, <= 1000 bytes
inline constexpr std::string_view kFailedAtHeader = "eda-failed-at";              // RFC 3339
inline constexpr std::string_view kConsumerHeader = "eda-consumer";               // consumer group that failed

inline constexpr std::string_view kRetrySuffix = ".retry";
inline constexpr std::string_view kDlqSuffix = ".DLQ";
// Each consumer group re-queues into a retry topic of its own, "<topic>.retry.<group>": only the
// group's service may write it (Kafka ACLs), so no other service can slip a record into that group's
// handler through a retry topic (with one shared "<topic>.retry", any consumer of the topic could).
std::string RetryTopicOf(std::string_view topic, std::string_view group);
// The dead-letter topic stays one per topic: nothing consumes it automatically (tools/dlq replays).
std::string DlqTopicOf(std::string_view topic);
// Partitions of every retry and dead-letter topic. They carry failures only, so they need no
// parallelism; but a consumer's retry partitions ride in each of its fetch requests, and librdkafka
// sends every assigned partition in every fetch (it has no incremental fetch sessions): at three
// partitions each, retry topics were half of the partitions a broker walked per fetch of the order
// service. Ordering is unaffected: a retried record is out of its key's order whatever the layout.
inline constexpr int kFailureTopicPartitions = 1;

// Where a failing message came from and why it failed.
struct FailureInfo {
  std::string original_topic;
  std::int32_t original_partition = -1;
  std::int64_t original_offset = -1;
  std::string reason;         // error code and message
  int attempts = 0;           // failed attempts so far
  TimePoint failed_at{};
  std::string consumer;       // consumer group id
  friend bool operator==(const FailureInfo&, const FailureInfo&) = default;
};

// The origin of a consumed record: the original-* headers if present (the record is itself a retry),
// else the record's own coordinates. Pure.
struct Origin {
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
};
Origin OriginOf(std::string_view topic, std::int32_t partition, std::int64_t offset, const Headers& headers);

// Failed attempts recorded on the record (0 when absent or malformed). Pure.
int AttemptsOf(const Headers& headers);
// The not-before time of a retry record, if any. Pure.
std::optional<TimePoint> NotBeforeOf(const Headers& headers);

// `original` headers (envelope kept) + failure headers for `<topic>.retry.<group>`, due at `not_before`. Pure.
Headers BuildRetryHeaders(const Headers& original, const FailureInfo& info, TimePoint not_before);
// `original` headers (envelope kept) + failure headers for `<topic>.DLQ` (no not-before). Pure.
Headers BuildDeadLetterHeaders(const Headers& original, const FailureInfo& info);
// Reads the failure headers of a retry or DLQ record. Error "events.bad_failure_headers" if the
// original topic is missing or a number is malformed.
Result<FailureInfo> ReadFailureInfo(const Headers& headers);
// The headers with every eda-* failure header removed: a DLQ record made fresh for replay. Pure.
Headers StripFailureHeaders(Headers headers);

}  // namespace eda::events
