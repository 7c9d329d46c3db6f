#pragma once

#include <cstdint>
#include <vector>

#include "eda/core/result.hpp"
#include "search/domain/search_error.hpp"
#include "search/domain/search_index.hpp"
#include "search/domain/search_query.hpp"

namespace eda::search {

struct SearchPage {
  std::vector<ProductSummary> items;
  std::int64_t page = 0;
  std::int64_t size = 0;
  std::int64_t total = 0;
};

// The read-side use cases. Stateless over the index port; thread-safe; blocking (the index is
// synchronous): call from a worker thread.
class SearchService {
 public:
  explicit SearchService(SearchIndex& index) : index_(index) {}

  // The seed route: ids of the products in the tag's set, ascending. Members that are not decimal
  // integers (not written by any producer we know) are skipped.
  Result<std::vector<std::int64_t>, SearchError> ProductsByTag(const std::string& tag) const;

  // Plans, matches, ranks and pages a query; a query without tags and words (sort=newest) pages
  // through every product, newest first.
  Result<SearchPage, SearchError> Search(const SearchParams& params) const;

 private:
  Result<SearchPage, SearchError> Newest(const QueryPlan& plan) const;

  SearchIndex& index_;
};

// Maps an index error to the use-case error (connectivity -> kUnavailable, else kInternal).
SearchError FromIndexError(const Error& error);

}  // namespace eda::search
