#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eda/core/result.hpp"
#include "search/domain/product_document.hpp"
#include "search/domain/search_query.hpp"

namespace eda::search {

// Which index a write goes to: the live one (seed tag sets at their original keys, read model in the
// active generation), or a generation being rebuilt (everything under that generation's prefix).
struct IndexTarget {
  std::string rebuild_generation;  // empty: live
  bool live() const noexcept { return rebuild_generation.empty(); }
};

// Candidates of a query plus the generation they came from (FetchSummaries reads the same one).
struct CandidateSet {
  std::vector<Candidate> candidates;
  std::string generation;
};

// One page of every live product, newest first, plus how many there are and the generation the ids
// came from (FetchSummaries reads the same one).
struct NewestPage {
  std::vector<std::int64_t> ids;
  std::int64_t total = 0;
  std::string generation;
};

// The port to the index store (Redis in production, a fake in unit tests). Every write is
// idempotent and version-checked: applying an event twice, or an older event after a newer one,
// leaves the index as the newest event made it. Errors: eda::Error (retryable for connectivity).
// Implementations are thread-safe.
class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // Upsert: applied when version_ms >= the product's recorded version (deleted products included:
  // an older upsert never resurrects a newer delete). Returns whether it was applied.
  virtual Result<bool> ApplyUpsert(const IndexDocument& doc, const IndexTarget& target) = 0;
  // Delete: removes the product from every index (read model and seed tag sets) and records a
  // tombstone with its version. Returns whether it was applied.
  virtual Result<bool> ApplyDelete(std::int64_t product_id, std::int64_t version_ms, const IndexTarget& target) = 0;
  // Seed tag sets: SADD/SREM of the product id per tag, each guarded by the (product, tag) version and
  // the product's tombstone. Returns how many tags were changed.
  virtual Result<int> ApplyTags(const TagChange& change, const IndexTarget& target) = 0;

  // Members of the seed tag set `tag` (raw key), as stored (decimal strings).
  virtual Result<std::vector<std::string>> TagMembers(const std::string& tag) = 0;
  // All products matching the plan's tags and terms, with ranking inputs.
  virtual Result<CandidateSet> FindCandidates(const QueryPlan& plan) = 0;
  // Live products by product id descending (the catalog numbers them in creation order): `count` ids
  // from position `offset`, read without going through every product.
  virtual Result<NewestPage> NewestProducts(std::int64_t offset, std::int64_t count) = 0;
  // Summaries of `ids` in that order (missing ones skipped).
  virtual Result<std::vector<ProductSummary>> FetchSummaries(const std::vector<std::int64_t>& ids,
                                                             const std::string& generation) = 0;
};

}  // namespace eda::search
