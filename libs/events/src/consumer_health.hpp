#pragma once

// Notices a group member that the group protocol left without work it should have, so the consumer
// can join its group again (which heals both cases below; restarting the process did too):
// - a partition of a subscribed topic that no member owns: a topic that appears while the group is
//   joining is not always assigned (librdkafka issue 3008);
// - a partition this member owns whose fetcher does not start: its committed-offset lookup can be
//   lost to a coordinator that moved or was still loading (librdkafka issue 5586).
// Pure logic plus the parser of librdkafka's statistics document; consumer.cpp feeds both.

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"

namespace eda::events::detail {

using PartitionSet = std::set<std::string>;  // "topic/partition"

// This client's view: group state and fetch states from its statistics JSON
// (statistics.interval.ms), the subscribed topics' partitions from its cluster metadata.
struct ClientSnapshot {
  bool group_steady = false;                       // cgrp state "up", join_state "steady"
  std::map<std::string, std::string> fetch_state;  // partitions of the subscribed topics it has state for
  PartitionSet subscribed;                         // every partition of the subscribed topics
};
// Fills group_steady and fetch_state (subscribed is left to the caller).
Result<ClientSnapshot> ParseClientStats(std::string_view json, const std::vector<std::string>& topics);

// The coordinator's view (DescribeConsumerGroups).
struct GroupSnapshot {
  bool stable = false;
  PartitionSet owned;  // partitions assigned to any member
};

class StallDetector {
 public:
  explicit StallDetector(std::chrono::milliseconds grace) : grace_(grace) {}

  // `mine`: this member's assignment; `paused`: partitions this consumer paused on purpose (a retry
  // record not due yet); `group`: the latest coordinator view, if any. Returns what is wrong once a
  // condition has held for the whole grace period while the group was steady.
  std::optional<std::string> Observe(std::chrono::steady_clock::time_point now, const ClientSnapshot& client,
                                     const PartitionSet& mine, const PartitionSet& paused,
                                     const std::optional<GroupSnapshot>& group);
  void Reset() { since_.clear(); }

 private:
  std::chrono::milliseconds grace_;
  std::map<std::string, std::chrono::steady_clock::time_point> since_;  // condition -> first seen
};

}  // namespace eda::events::detail
