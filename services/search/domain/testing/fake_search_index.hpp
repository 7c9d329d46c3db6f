#pragma once

// An in-memory SearchIndex for unit tests: same version rules as the Redis store, simple matching.

#include <algorithm>
#include <map>
#include <set>

#include "search/domain/search_index.hpp"

namespace eda::search::testing {

class FakeSearchIndex final : public SearchIndex {
 public:
  struct Stored {
    std::optional<IndexDocument> doc;  // nullopt: tombstone
    std::int64_t version = 0;
  };

  Result<bool> ApplyUpsert(const IndexDocument& doc, const IndexTarget&) override {
    ++writes;
    if (fail_next) return TakeFailure();
    auto& s = products[doc.product.product_id];
    if (s.version > doc.version_ms) return false;
    s.doc = doc;
    s.version = doc.version_ms;
    return true;
  }
  Result<bool> ApplyDelete(std::int64_t id, std::int64_t version, const IndexTarget&) override {
    ++writes;
    if (fail_next) return TakeFailure();
    auto& s = products[id];
    if (s.version > version) return false;
    s.doc.reset();
    s.version = version;
    for (auto& [tag, members] : seed) members.erase(std::to_string(id));
    return true;
  }
  Result<int> ApplyTags(const TagChange& c, const IndexTarget&) override {
    ++writes;
    if (fail_next) return TakeFailure();
    int changed = 0;
    for (const auto& t : c.tags) {
      auto& last = tag_versions[{c.product_id, t}];
      if (last > c.version_ms) continue;
      last = c.version_ms;
      if (c.op == TagOp::kAdd) seed[t].insert(std::to_string(c.product_id));
      else seed[t].erase(std::to_string(c.product_id));
      ++changed;
    }
    return changed;
  }
  Result<std::vector<std::string>> TagMembers(const std::string& tag) override {
    if (fail_next) return TakeFailure();
    auto it = seed.find(tag);
    if (it == seed.end()) return std::vector<std::string>{};
    return std::vector<std::string>(it->second.begin(), it->second.end());
  }
  Result<CandidateSet> FindCandidates(const QueryPlan& plan) override {
    if (fail_next) return TakeFailure();
    CandidateSet set;
    set.generation = "fake";
    for (const auto& [id, s] : products) {
      if (!s.doc) continue;
      const auto& d = *s.doc;
      int hits = 0;
      for (const auto& t : plan.tags) hits += std::count(d.product.tags.begin(), d.product.tags.end(), t) > 0;
      if (!plan.tags.empty() && plan.mode == TagMode::kAnd && hits != static_cast<int>(plan.tags.size())) continue;
      if (!plan.tags.empty() && plan.mode == TagMode::kOr && hits == 0) continue;
      bool all_terms = true;
      int exact = 0;
      for (const auto& term : plan.terms) {
        all_terms = all_terms && std::count(d.terms.begin(), d.terms.end(), term) > 0;
        exact += std::count(d.words.begin(), d.words.end(), term) > 0;
      }
      if (!all_terms) continue;
      set.candidates.push_back(Candidate{id, d.product.price, exact, hits});
    }
    return set;
  }
  Result<NewestPage> NewestProducts(std::int64_t offset, std::int64_t count) override {
    if (fail_next) return TakeFailure();
    NewestPage page;
    page.generation = "fake";
    for (auto it = products.rbegin(); it != products.rend(); ++it) {
      if (!it->second.doc) continue;
      if (page.total >= offset && page.total < offset + count) page.ids.push_back(it->first);
      ++page.total;
    }
    return page;
  }
  Result<std::vector<ProductSummary>> FetchSummaries(const std::vector<std::int64_t>& ids, const std::string&) override {
    std::vector<ProductSummary> out;
    for (auto id : ids) {
      auto it = products.find(id);
      if (it != products.end() && it->second.doc) out.push_back(it->second.doc->product);
    }
    return out;
  }

  std::map<std::int64_t, Stored> products;
  std::map<std::string, std::set<std::string>> seed;
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> tag_versions;
  std::optional<Error> fail_next;  // the next call fails with this error
  int writes = 0;

 private:
  Error TakeFailure() {
    Error e = *fail_next;
    fail_next.reset();
    return e;
  }
};

}  // namespace eda::search::testing
