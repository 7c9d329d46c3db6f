#pragma once

// Notices a group member that the group protocol left without work it should have, so the consumer
// can join its group again (which heals both cases below; restarting the process did too):
// - a partition of a subscribed topic that no member consumes: a topic that appears while the group
//   is joining is not always assigned (librdkafka issue 3008). Seen from one member as records that
//   wait past the group's committed offset while that offset stands still. (The coordinator's own
//   view, DescribeConsumerGroups, is not used: in librdkafka 2.0 an admin request in flight while a
//   broker dies fails an assertion and aborts the process.)
// - a partition this member owns whose fetcher does not start: its committed-offset lookup can be
//   lost to a coordinator that moved or was still loading (librdkafka issue 5586).
// Pure logic plus the parser of librdkafka's statistics document; consumer.cpp feeds both.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"

namespace eda::events::detail {

using PartitionSet = std::set<std::string>;  // "topic/partition"

// This client's view, from its statistics JSON (statistics.interval.ms).
struct ClientSnapshot {
  bool group_steady = false;                       // cgrp state "up", join_state "steady"
  std::map<std::string, std::string> fetch_state;  // partitions of the subscribed topics it has state for
};
Result<ClientSnapshot> ParseClientStats(std::string_view json, const std::vector<std::string>& topics);

class StallDetector {
 public:
  explicit StallDetector(std::chrono::milliseconds grace) : grace_(grace) {}

  // `mine`: this member's assignment; `paused`: partitions this consumer paused on purpose (a retry
  // record not due yet); `waiting`: partitions of the subscribed topics NOT assigned here that hold
  // records past the group's committed offset, with that offset (another member owns them, or no
  // one does). Returns what is wrong once a condition has held for the whole grace period while the
  // group was steady; a waiting partition whose committed offset moves is someone's, so it restarts.
  std::optional<std::string> Observe(std::chrono::steady_clock::time_point now, const ClientSnapshot& client,
                                     const PartitionSet& mine, const PartitionSet& paused,
                                     const std::map<std::string, std::int64_t>& waiting);
  void Reset() { since_.clear(); }

 private:
  std::chrono::milliseconds grace_;
  std::map<std::string, std::chrono::steady_clock::time_point> since_;  // condition -> first seen
};

}  // namespace eda::events::detail
