#include "search/domain/search_service.hpp"

#include <algorithm>
#include <charconv>

namespace eda::search {

SearchError FromIndexError(const Error& error) {
  if (error.retryable) return SearchError{SearchErrc::kUnavailable, "the search index is unavailable", {}};
  return SearchError{SearchErrc::kInternal, "search index error: " + error.code, {}};
}

Result<std::vector<std::int64_t>, SearchError> SearchService::ProductsByTag(const std::string& tag) const {
  auto members = index_.TagMembers(tag);
  if (!members) return FromIndexError(members.error());
  std::vector<std::int64_t> ids;
  ids.reserve(members->size());
  for (const std::string& m : *members) {
    std::int64_t v = 0;
    const auto* end = m.data() + m.size();
    auto [p, ec] = std::from_chars(m.data(), end, v);
    if (ec == std::errc() && p == end && !m.empty()) ids.push_back(v);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<SearchPage, SearchError> SearchService::Search(const SearchParams& params) const {
  auto plan = PlanQuery(params);
  if (!plan) return plan.error();
  if (plan->lists_all()) return Newest(*plan);
  auto set = index_.FindCandidates(*plan);
  if (!set) return FromIndexError(set.error());
  SearchPage page;
  page.page = plan->page;
  page.size = plan->size;
  page.total = static_cast<std::int64_t>(set->candidates.size());
  const std::vector<std::int64_t> ids = RankPage(std::move(set->candidates), *plan);
  if (!ids.empty()) {
    auto items = index_.FetchSummaries(ids, set->generation);
    if (!items) return FromIndexError(items.error());
    page.items = std::move(*items);
  }
  return page;
}

Result<SearchPage, SearchError> SearchService::Newest(const QueryPlan& plan) const {
  auto newest = index_.NewestProducts(plan.page * plan.size, plan.size);
  if (!newest) return FromIndexError(newest.error());
  SearchPage page;
  page.page = plan.page;
  page.size = plan.size;
  page.total = newest->total;
  if (!newest->ids.empty()) {
    auto items = index_.FetchSummaries(newest->ids, newest->generation);
    if (!items) return FromIndexError(items.error());
    page.items = std::move(*items);
  }
  return page;
}

}  // namespace eda::search
