#include "search/domain/search_service.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "search/domain/testing/fake_search_index.hpp"

namespace eda::search {
namespace {

using ::testing::ElementsAre;

class SearchServiceTest : public ::testing::Test {
 protected:
  void Upsert(std::int64_t id, std::string name, std::int64_t price, std::vector<std::string> tags, std::int64_t v = 10) {
    ProductChange c;
    c.product = ProductSummary{id, std::move(name), price, 1, 1, std::move(tags)};
    c.version_ms = v;
    ASSERT_TRUE(index.ApplyUpsert(MakeDocument(c), {}).ok());
  }
  std::vector<std::int64_t> Ids(const SearchParams& p) {
    auto r = service.Search(p);
    EXPECT_TRUE(r.ok());
    std::vector<std::int64_t> ids;
    if (r) for (const auto& i : r->items) ids.push_back(i.product_id);
    return ids;
  }
  testing::FakeSearchIndex index;
  SearchService service{index};
};

TEST_F(SearchServiceTest, TagRouteSortsNumericallyAndSkipsForeignMembers) {
  index.seed["laptop"] = {"10", "9", "100", "abc", ""};
  auto r = service.ProductsByTag("laptop");
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(*r, ElementsAre(9, 10, 100));
  auto none = service.ProductsByTag("nothing");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(SearchServiceTest, TagsAndOrWithTextAndPaging) {
  Upsert(1, "게이밍 노트북", 2000, {"laptop", "gaming"});
  Upsert(2, "사무용 노트북", 1000, {"laptop"});
  Upsert(3, "Gaming Mouse", 50, {"gaming"});
  SearchParams p;
  p.tags = "laptop,gaming";
  EXPECT_THAT(Ids(p), ElementsAre(1));
  p.mode = "or";
  EXPECT_THAT(Ids(p), ElementsAre(1, 2, 3));  // product 1 matches both tags: most relevant
  p.sort = "price_asc";
  EXPECT_THAT(Ids(p), ElementsAre(3, 2, 1));
  p.q = "노트";
  EXPECT_THAT(Ids(p), ElementsAre(2, 1));
  p.size = "1";
  p.page = "1";
  auto r = service.Search(p);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 2);
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].product_id, 1);
  EXPECT_EQ(r->items[0].name, "게이밍 노트북");
}

TEST_F(SearchServiceTest, ExactWordsRankAbovePrefixes) {
  Upsert(1, "phones and cases", 10, {});
  Upsert(2, "phone", 10, {});
  SearchParams p;
  p.q = "phone";
  EXPECT_THAT(Ids(p), ElementsAre(2, 1));
}

TEST_F(SearchServiceTest, NewestListsEveryLiveProductHighestIdFirst) {
  Upsert(3, "Gaming Mouse", 50, {"gaming"});
  Upsert(12, "사무용 노트북", 1000, {"laptop"});
  Upsert(7, "Desk Lamp", 300, {});
  Upsert(9, "Old Chair", 80, {});
  ASSERT_TRUE(index.ApplyDelete(9, 20, {}).ok());
  SearchParams p;
  p.sort = "newest";
  EXPECT_THAT(Ids(p), ElementsAre(12, 7, 3));
  p.size = "2";
  p.page = "1";
  auto second = service.Search(p);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->total, 3);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].product_id, 3);
  p.page = "5";
  auto beyond = service.Search(p);
  ASSERT_TRUE(beyond.ok());
  EXPECT_TRUE(beyond->items.empty());
  EXPECT_EQ(beyond->total, 3);
  // With a tag the newest order ranks the tag's matches.
  Upsert(15, "Gaming Chair", 500, {"gaming"});
  p = {};
  p.sort = "newest";
  p.tags = "gaming";
  EXPECT_THAT(Ids(p), ElementsAre(15, 3));
  p = {};
  p.sort = "newest";
  index.fail_next = Error::Transient("redis.connection", "down");
  auto down = service.Search(p);
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().errc, SearchErrc::kUnavailable);
}

TEST_F(SearchServiceTest, InvalidQueryAndIndexFailuresAreTyped) {
  SearchParams p;
  auto bad = service.Search(p);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().errc, SearchErrc::kInvalidQuery);
  p.q = "x1";
  index.fail_next = Error::Transient("redis.connection", "down");
  auto down = service.Search(p);
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().errc, SearchErrc::kUnavailable);
  index.fail_next = Error::Permanent("redis.wrong_type", "WRONGTYPE");
  auto broken = service.ProductsByTag("t");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().errc, SearchErrc::kInternal);
}

}  // namespace
}  // namespace eda::search
