#include "search/domain/product_document.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace eda::search {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

ProductChange Change() {
  ProductChange c;
  c.product = ProductSummary{42, "Gaming 노트북 Pro", 1500000, 7, 3, {" Laptop", "GAMING", "laptop", ""}};
  c.version_ms = 1'700'000'000'000;
  return c;
}

TEST(MakeDocument, NormalizesTagsAndDerivesTerms) {
  const IndexDocument d = MakeDocument(Change());
  EXPECT_THAT(d.product.tags, ElementsAre("laptop", "gaming"));
  EXPECT_THAT(d.words, ElementsAre("gaming", "노트북", "pro"));
  EXPECT_THAT(d.terms, Contains("ga"));
  EXPECT_THAT(d.terms, Contains("노트"));
  EXPECT_THAT(d.terms, Contains("북"));
  EXPECT_EQ(d.version_ms, 1'700'000'000'000);
  EXPECT_EQ(d.product.price, 1500000);
  EXPECT_EQ(d.product.stock, 7);
}

TEST(ValidateChange, RejectsWhatCannotBeIndexed) {
  EXPECT_FALSE(ValidateChange(Change()).has_value());
  auto c = Change();
  c.product.product_id = 0;
  EXPECT_TRUE(ValidateChange(c).has_value());
  c = Change();
  c.version_ms = 0;
  EXPECT_TRUE(ValidateChange(c).has_value());
  c = Change();
  c.product.tags.push_back(std::string("a\x1f" "b"));
  EXPECT_TRUE(ValidateChange(c).has_value());
  c = Change();
  c.product.price = -1;
  EXPECT_TRUE(ValidateChange(c).has_value());
  c = Change();
  c.kind = ChangeKind::kDelete;
  c.product.price = -1;  // a delete carries no usable product fields
  EXPECT_FALSE(ValidateChange(c).has_value());
}

TEST(ValidateTagChange, SeedTagsKeptRawButSafe) {
  TagChange t{TagOp::kAdd, 7, {"Laptop", "게이밍"}, 1};
  EXPECT_FALSE(ValidateTagChange(t).has_value());
  t.tags = {""};
  EXPECT_TRUE(ValidateTagChange(t).has_value());
  t.tags = {"search:active"};
  EXPECT_TRUE(ValidateTagChange(t).has_value());
  t.tags = {"ok"};
  t.product_id = -3;
  EXPECT_TRUE(ValidateTagChange(t).has_value());
}

}  // namespace
}  // namespace eda::search
