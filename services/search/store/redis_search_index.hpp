#pragma once

#include <chrono>

#include <cstdint>
#include <string>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/redis/pool.hpp"
#include "search/domain/search_index.hpp"

namespace eda::search {

// Redis key layout (README "Data owned"):
//   <tag>                      seed tag set (live generation): product ids as decimal strings
//   search:active              the live generation number (absent: "0")
//   search:generation          counter that numbers new generations (INCR)
//   search:g<N>:p:<id>         product hash: name price stock seller tags words terms v [deleted]
//   search:g<N>:t:<tag>        read-model tag index (normalized tags)
//   search:g<N>:tok:<term>     name prefix-term index;  search:g<N>:w:<word> whole-word index
//   search:g<N>:price          sorted set id -> price (every live product)
//   search:g<N>:byid           sorted set id -> id (every live product; the newest-first listing)
//   search:g<N>:tv:<id>        hash seed tag -> version of the last add/remove of (product, tag)
//   search:g<N>:seedtags       seed tags written through this generation
//   search:g<N>:seed:<tag>     seed tag set of a generation being rebuilt (renamed onto <tag> at swap)
// Every write is one Lua script (atomic, version-checked); a write whose target generation is the
// active one writes the seed tag sets at their original keys.
//
// Thread-safe (the pool is). Blocking: call from worker threads.
class RedisSearchIndex final : public SearchIndex {
 public:
  explicit RedisSearchIndex(redis::Pool& pool) : pool_(pool) {}

  Result<bool> ApplyUpsert(const IndexDocument& doc, const IndexTarget& target) override;
  Result<bool> ApplyDelete(std::int64_t product_id, std::int64_t version_ms, const IndexTarget& target) override;
  Result<int> ApplyTags(const TagChange& change, const IndexTarget& target) override;
  Result<std::vector<std::string>> TagMembers(const std::string& tag) override;
  Result<CandidateSet> FindCandidates(const QueryPlan& plan) override;
  Result<NewestPage> NewestProducts(std::int64_t offset, std::int64_t count) override;
  Result<std::vector<ProductSummary>> FetchSummaries(const std::vector<std::int64_t>& ids,
                                                     const std::string& generation) override;

  // ---- rebuild support ----
  // A fresh generation number (never used before).
  Result<std::string> NewGeneration();
  Result<std::string> ActiveGeneration();
  // Atomically makes `generation` the live one: renames its seed tag sets onto the original keys,
  // deletes seed tag keys only the old generation knew, sets search:active. Returns the old generation.
  Result<std::string> Swap(const std::string& generation);
  // Deletes every key of a generation (SCAN + UNLINK; not atomic, the generation is no longer read).
  Result<std::int64_t> DropGeneration(const std::string& generation);
  // The claim every instance of the service asks for before a rebuild, so that one runs at a time:
  // true when `owner` got it (it lapses after `ttl`, should its holder die).
  Result<bool> ClaimRebuild(const std::string& owner, std::chrono::milliseconds ttl);
  // Drops the claim if `owner` still holds it.
  Status ReleaseRebuild(const std::string& owner);
  // Whether any instance holds the claim.
  Result<bool> RebuildClaimed();

 private:
  redis::Pool& pool_;
};

}  // namespace eda::search
