#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eda/core/result.hpp"
#include "search/domain/search_error.hpp"

namespace eda::search {

enum class TagMode { kAnd, kOr };
enum class SortOrder { kRelevance, kPriceAsc, kPriceDesc, kNewest };

// The raw query parameters of GET /search/products (nullopt: absent).
struct SearchParams {
  std::optional<std::string> tags;  // "a,b"
  std::optional<std::string> mode;  // and | or (default and)
  std::optional<std::string> q;     // free text
  std::optional<std::string> sort;  // relevance | price_asc | price_desc | newest (default relevance)
  std::optional<std::string> page;  // >= 0 (default 0)
  std::optional<std::string> size;  // 1..100 (default 20)
};

// A validated query: what the index must match and how to order and cut the result.
struct QueryPlan {
  std::vector<std::string> tags;   // normalized, de-duplicated
  TagMode mode = TagMode::kAnd;
  std::vector<std::string> terms;  // query terms (every one must prefix-match a word of the name)
  SortOrder sort = SortOrder::kRelevance;
  std::int64_t page = 0;
  std::int64_t size = 20;
  // No tag and no term (allowed with sort=newest only): every live product, newest first.
  bool lists_all() const noexcept { return tags.empty() && terms.empty(); }
  friend bool operator==(const QueryPlan&, const QueryPlan&) = default;
};

inline constexpr std::int64_t kMaxPageSize = 100;
inline constexpr std::size_t kMaxTags = 10;
inline constexpr std::size_t kMaxTerms = 8;
inline constexpr std::int64_t kMaxOffset = 10'000;  // page * size: deep paging is refused

// Validates and plans a query (pure). At least one tag or one query term is required, except with
// sort=newest, which without them lists every product (a shop's "new arrivals"). Errors:
// kInvalidQuery with one FieldProblem per bad parameter.
Result<QueryPlan, SearchError> PlanQuery(const SearchParams& params);

// One product that matched, with what ranking needs (computed by the index).
struct Candidate {
  std::int64_t product_id = 0;
  std::int64_t price = 0;
  int exact_words = 0;  // query terms equal to a whole word of the name
  int tag_hits = 0;     // query tags the product carries (mode=or ranks products with more first)
  friend bool operator==(const Candidate&, const Candidate&) = default;
};

// Orders candidates by the plan's sort and returns the ids of the requested page (pure).
// relevance: tag_hits + 2*exact_words + (number of terms) descending, then product id ascending (newer
// ids are not favoured: ties are stable and predictable); price_asc / price_desc: price, then id asc;
// newest: id descending (the catalog numbers products in creation order).
std::vector<std::int64_t> RankPage(std::vector<Candidate> candidates, const QueryPlan& plan);

}  // namespace eda::search
