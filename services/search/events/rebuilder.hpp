#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "eda/core/result.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/producer.hpp"
#include "search/domain/rebuild_trigger.hpp"
#include "search/domain/search_error.hpp"
#include "search/store/redis_search_index.hpp"

namespace eda::search {

struct RebuildSettings {
  std::string brokers;                                 // Kafka bootstrap servers
  events::KafkaCredentials credentials;                // the search service's Kafka user
  std::string group_prefix = "search-rebuild-";        // replay group = prefix + generation (new, so from offset 0)
  std::chrono::milliseconds max_duration{std::chrono::minutes(10)};  // give up (old index stays live)
  std::chrono::milliseconds settle{std::chrono::milliseconds(1500)}; // caught-up must hold this long
  std::chrono::milliseconds after_swap{std::chrono::seconds(2)};     // keep replaying after the swap
  bool create_topics = true;                           // create the product topics if missing
};

struct RebuildReport {
  std::string old_generation;
  std::string new_generation;
  std::uint64_t events = 0;      // events the replay handled
  std::int64_t dropped_keys = 0; // keys of the old generation deleted
  double seconds = 0;
};

// Replays the product topics from the beginning into a fresh generation, then swaps it in.
//  1. NewGeneration() -> G; a consumer in the NEW group "<prefix>G" (auto.offset.reset=earliest, so
//     every record from offset 0) applies the events to generation G (seed tag sets under G's prefix).
//  2. When every assigned partition has lag 0 and no event was handled for `settle`: Swap(G)
//     atomically (seed sets renamed onto the original keys, search:active = G).
//  3. The replay keeps running `after_swap`: events produced between its last read and the swap land
//     in G, which is live now (the live consumer also writes to the active generation, so nothing
//     falls between the two). Then the old generation's keys are deleted.
// One rebuild at a time, in this process and across the instances of the service (a claim in Redis;
// kRebuildRunning otherwise). Blocking: run on a background thread.
class Rebuilder final : public RebuildTrigger {
 public:
  Rebuilder(RebuildSettings settings, RedisSearchIndex& index, events::Producer& producer)
      : settings_(std::move(settings)), index_(index), producer_(producer) {}
  ~Rebuilder() override;  // joins a background rebuild

  // Runs a rebuild on the calling thread (eda-search --rebuild).
  Result<RebuildReport, SearchError> Run();

  // RebuildTrigger: Run() on a background thread (the admin route).
  Result<void, SearchError> Start() override;
  RebuildStatus Status() override;

 private:
  // The claim shared with the other instances (RedisSearchIndex::ClaimRebuild): its owner id.
  Result<std::string, SearchError> Claim();
  Result<RebuildReport, SearchError> Run(const std::string& owner);

  RebuildSettings settings_;
  RedisSearchIndex& index_;
  events::Producer& producer_;
  std::atomic<bool> running_{false};
  std::mutex mutex_;   // guards thread_ and last_
  std::thread thread_;
  RebuildStatus last_;
};

}  // namespace eda::search
