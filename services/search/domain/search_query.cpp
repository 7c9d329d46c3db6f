#include "search/domain/search_query.hpp"

#include <algorithm>
#include <charconv>

#include "search/domain/product_document.hpp"
#include "search/domain/tokenizer.hpp"

namespace eda::search {
namespace {

std::optional<std::int64_t> ParseInt(const std::string& s) {
  std::int64_t v = 0;
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

Result<QueryPlan, SearchError> PlanQuery(const SearchParams& params) {
  QueryPlan plan;
  std::vector<FieldProblem> problems;

  if (params.tags) {
    std::string_view rest = *params.tags;
    while (true) {
      const std::size_t comma = rest.find(',');
      std::string tag = NormalizeTag(rest.substr(0, comma));
      if (!tag.empty() && std::find(plan.tags.begin(), plan.tags.end(), tag) == plan.tags.end()) {
        plan.tags.push_back(std::move(tag));
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (plan.tags.size() > kMaxTags) problems.push_back({"tags", "at most 10 tags"});
    for (const auto& t : plan.tags) {
      if (t.size() > 200) problems.push_back({"tags", "a tag is longer than 200 bytes"});
    }
  }
  if (params.mode) {
    if (*params.mode == "and") plan.mode = TagMode::kAnd;
    else if (*params.mode == "or") plan.mode = TagMode::kOr;
    else problems.push_back({"mode", "must be and or or"});
  }
  if (params.q) {
    if (params.q->size() > 200) problems.push_back({"q", "at most 200 bytes"});
    for (const std::string& w : Words(*params.q)) {
      std::string term = QueryTerm(w);
      if (std::find(plan.terms.begin(), plan.terms.end(), term) == plan.terms.end()) plan.terms.push_back(std::move(term));
    }
    if (plan.terms.size() > kMaxTerms) problems.push_back({"q", "at most 8 words"});
  }
  if (params.sort) {
    if (*params.sort == "relevance") plan.sort = SortOrder::kRelevance;
    else if (*params.sort == "price_asc") plan.sort = SortOrder::kPriceAsc;
    else if (*params.sort == "price_desc") plan.sort = SortOrder::kPriceDesc;
    else if (*params.sort == "newest") plan.sort = SortOrder::kNewest;
    else problems.push_back({"sort", "must be relevance, price_asc, price_desc or newest"});
  }
  if (params.page) {
    auto v = ParseInt(*params.page);
    if (!v || *v < 0) problems.push_back({"page", "must be an integer >= 0"});
    else plan.page = *v;
  }
  if (params.size) {
    auto v = ParseInt(*params.size);
    if (!v || *v < 1 || *v > kMaxPageSize) problems.push_back({"size", "must be an integer from 1 to 100"});
    else plan.size = *v;
  }
  if (problems.empty() && plan.page > kMaxOffset / plan.size) {
    problems.push_back({"page", "page * size must not exceed 10000"});
  }
  if (problems.empty() && plan.lists_all() && plan.sort != SortOrder::kNewest) {
    problems.push_back({"q", "give at least one tag (tags) or one word (q), or sort=newest"});
  }
  if (!problems.empty()) {
    return SearchError{SearchErrc::kInvalidQuery, "invalid search parameters", std::move(problems)};
  }
  return plan;
}

std::vector<std::int64_t> RankPage(std::vector<Candidate> candidates, const QueryPlan& plan) {
  const auto by_id = [](const Candidate& a, const Candidate& b) { return a.product_id < b.product_id; };
  switch (plan.sort) {
    case SortOrder::kRelevance:
      std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
        const int sa = a.tag_hits + 2 * a.exact_words;
        const int sb = b.tag_hits + 2 * b.exact_words;
        return sa != sb ? sa > sb : by_id(a, b);
      });
      break;
    case SortOrder::kPriceAsc:
      std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
        return a.price != b.price ? a.price < b.price : by_id(a, b);
      });
      break;
    case SortOrder::kPriceDesc:
      std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
        return a.price != b.price ? a.price > b.price : by_id(a, b);
      });
      break;
    case SortOrder::kNewest:
      std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) { return by_id(b, a); });
      break;
  }
  std::vector<std::int64_t> page;
  const auto offset = static_cast<std::size_t>(plan.page * plan.size);
  for (std::size_t i = offset; i < candidates.size() && page.size() < static_cast<std::size_t>(plan.size); ++i) {
    page.push_back(candidates[i].product_id);
  }
  return page;
}

}  // namespace eda::search
