#include "search/domain/search_query.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace eda::search {
namespace {

using ::testing::ElementsAre;

SearchParams Params(std::optional<std::string> tags, std::optional<std::string> q = std::nullopt) {
  SearchParams p;
  p.tags = std::move(tags);
  p.q = std::move(q);
  return p;
}

std::vector<std::string> BadFields(const SearchParams& p) {
  auto r = PlanQuery(p);
  std::vector<std::string> out;
  if (r) return out;
  EXPECT_EQ(r.error().errc, SearchErrc::kInvalidQuery);
  for (const auto& f : r.error().fields) out.push_back(f.field);
  return out;
}

TEST(PlanQuery, DefaultsAndNormalization) {
  auto plan = PlanQuery(Params(" Laptop ,gaming,,laptop", "Gaming 노트북"));
  ASSERT_TRUE(plan.ok());
  EXPECT_THAT(plan->tags, ElementsAre("laptop", "gaming"));
  EXPECT_THAT(plan->terms, ElementsAre("gaming", "노트북"));
  EXPECT_EQ(plan->mode, TagMode::kAnd);
  EXPECT_EQ(plan->sort, SortOrder::kRelevance);
  EXPECT_EQ(plan->page, 0);
  EXPECT_EQ(plan->size, 20);
}

TEST(PlanQuery, AllOptions) {
  SearchParams p = Params("a", "x");
  p.mode = "or";
  p.sort = "price_desc";
  p.page = "3";
  p.size = "100";
  auto plan = PlanQuery(p);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->mode, TagMode::kOr);
  EXPECT_EQ(plan->sort, SortOrder::kPriceDesc);
  EXPECT_EQ(plan->page, 3);
  EXPECT_EQ(plan->size, 100);
}

TEST(PlanQuery, RejectsEachBadParameter) {
  SearchParams p = Params("a");
  p.mode = "xor";
  p.sort = "cheap";
  p.page = "-1";
  p.size = "0";
  EXPECT_THAT(BadFields(p), ElementsAre("mode", "sort", "page", "size"));
  p = Params("a");
  p.size = "101";
  EXPECT_THAT(BadFields(p), ElementsAre("size"));
  p = Params("a");
  p.page = "2x";
  EXPECT_THAT(BadFields(p), ElementsAre("page"));
  p = Params("a");
  p.page = "1000";
  p.size = "100";
  EXPECT_THAT(BadFields(p), ElementsAre("page"));  // deep paging
}

TEST(PlanQuery, NeedsATagOrAWord) {
  EXPECT_THAT(BadFields(Params(std::nullopt)), ElementsAre("q"));
  EXPECT_THAT(BadFields(Params(" , ", " !? ")), ElementsAre("q"));
  SearchParams cheapest = Params(std::nullopt);
  cheapest.sort = "price_asc";
  EXPECT_THAT(BadFields(cheapest), ElementsAre("q")) << "only the newest may list every product";
}

TEST(PlanQuery, NewestListsEveryProductOrNarrowsAQuery) {
  SearchParams all = Params(std::nullopt);
  all.sort = "newest";
  all.size = "8";
  auto plan = PlanQuery(all);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->sort, SortOrder::kNewest);
  EXPECT_TRUE(plan->lists_all());
  EXPECT_EQ(plan->size, 8);
  SearchParams tagged = Params("lamp", "gl");
  tagged.sort = "newest";
  auto narrowed = PlanQuery(tagged);
  ASSERT_TRUE(narrowed.ok());
  EXPECT_FALSE(narrowed->lists_all());
  all.page = "1000";
  all.size = "100";
  EXPECT_THAT(BadFields(all), ElementsAre("page")) << "deep paging is refused here too";
}

TEST(PlanQuery, Limits) {
  EXPECT_THAT(BadFields(Params("a,b,c,d,e,f,g,h,i,j,k")), ElementsAre("tags"));
  EXPECT_THAT(BadFields(Params(std::nullopt, "a1 b2 c3 d4 e5 f6 g7 h8 i9")), ElementsAre("q"));
  EXPECT_THAT(BadFields(Params(std::nullopt, std::string(201, 'a'))), ElementsAre("q"));
}

std::vector<Candidate> Sample() {
  return {{5, 300, 0, 1}, {2, 100, 1, 1}, {9, 200, 0, 2}, {1, 100, 0, 1}, {7, 500, 2, 0}};
}

TEST(RankPage, RelevanceThenId) {
  QueryPlan plan;
  // scores: 5->1, 2->3, 9->2, 1->1, 7->4
  EXPECT_THAT(RankPage(Sample(), plan), ElementsAre(7, 2, 9, 1, 5));
}

TEST(RankPage, PriceBothWaysTiesById) {
  QueryPlan plan;
  plan.sort = SortOrder::kPriceAsc;
  EXPECT_THAT(RankPage(Sample(), plan), ElementsAre(1, 2, 9, 5, 7));
  plan.sort = SortOrder::kPriceDesc;
  EXPECT_THAT(RankPage(Sample(), plan), ElementsAre(7, 5, 9, 1, 2));
}

TEST(RankPage, NewestIsTheHighestIdFirst) {
  QueryPlan plan;
  plan.sort = SortOrder::kNewest;
  EXPECT_THAT(RankPage(Sample(), plan), ElementsAre(9, 7, 5, 2, 1));
  plan.size = 2;
  plan.page = 1;
  EXPECT_THAT(RankPage(Sample(), plan), ElementsAre(5, 2));
}

TEST(RankPage, Paging) {
  QueryPlan plan;
  plan.sort = SortOrder::kPriceAsc;
  plan.size = 2;
  plan.page = 0;
  EXPECT_THAT(RankPage(Sample(), plan), ElementsAre(1, 2));
  plan.page = 2;
  EXPECT_THAT(RankPage(Sample(), plan), ElementsAre(7));
  plan.page = 3;
  EXPECT_TRUE(RankPage(Sample(), plan).empty());
}

}  // namespace
}  // namespace eda::search
