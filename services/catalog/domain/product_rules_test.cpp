#include "catalog/domain/product_rules.hpp"

#include <gtest/gtest.h>

namespace eda::catalog {
namespace {

ProductDraft ValidDraft() {
  return ProductDraft{SellerId{7}, "Pen", "blue ink", 1500, 10, {"Office", " pen "}};
}

bool HasField(const std::vector<FieldError>& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(NormalizeTags, TrimsLowersDeduplicatesSortsAndDropsEmpty) {
  std::vector<FieldError> errors;
  const auto tags = NormalizeTags({"  Pen", "office", "PEN ", "", "   ", "\tOffice\n", "b"}, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(tags, (std::vector<std::string>{"b", "office", "pen"}));
}

TEST(NormalizeTags, KeepsNonAsciiBytesAndCountsCodePoints) {
  std::vector<FieldError> errors;
  const auto tags = NormalizeTags({" 문구 ", "문구"}, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(tags, (std::vector<std::string>{"문구"}));
  std::string fifty_hangul;
  for (int i = 0; i < 50; ++i) fifty_hangul += "가";
  errors.clear();
  (void)NormalizeTags({fifty_hangul}, errors);
  EXPECT_TRUE(errors.empty()) << "50 code points (150 bytes) is allowed";
  (void)NormalizeTags({fifty_hangul + "가"}, errors);
  EXPECT_TRUE(HasField(errors, "tags"));
}

TEST(NormalizeTags, AtMostTwentyDistinctAfterDeduplication) {
  std::vector<std::string> raw;
  for (int i = 0; i < 20; ++i) raw.push_back("t" + std::to_string(i));
  raw.push_back("T0");  // duplicate after lower-casing: still 20
  std::vector<FieldError> errors;
  EXPECT_EQ(NormalizeTags(raw, errors).size(), 20U);
  EXPECT_TRUE(errors.empty());
  raw.push_back("t20");
  (void)NormalizeTags(raw, errors);
  EXPECT_TRUE(HasField(errors, "tags"));
}

TEST(ValidateDraft, AcceptsAValidDraft) { EXPECT_TRUE(ValidateDraft(ValidDraft()).empty()); }

TEST(ValidateDraft, RejectsEachBadField) {
  auto d = ValidDraft();
  d.price = 0;
  EXPECT_TRUE(HasField(ValidateDraft(d), "productPrice"));
  d = ValidDraft();
  d.price = -5;
  EXPECT_TRUE(HasField(ValidateDraft(d), "productPrice"));
  d = ValidDraft();
  d.stock = -1;
  EXPECT_TRUE(HasField(ValidateDraft(d), "stockCount"));
  d = ValidDraft();
  d.stock = 0;
  EXPECT_TRUE(ValidateDraft(d).empty()) << "stock 0 is allowed";
  d = ValidDraft();
  d.name = "   ";
  EXPECT_TRUE(HasField(ValidateDraft(d), "productName"));
  d.name = std::string(200, 'x');
  EXPECT_TRUE(ValidateDraft(d).empty());
  d.name = std::string(201, 'x');
  EXPECT_TRUE(HasField(ValidateDraft(d), "productName"));
  d = ValidDraft();
  d.seller_id = SellerId{0};
  EXPECT_TRUE(HasField(ValidateDraft(d), "sellerId"));
}

TEST(ValidateDraft, PriceAndStockHaveUpperLimits) {
  auto d = ValidDraft();
  d.price = kMaxPrice;
  d.stock = kMaxStock;
  EXPECT_TRUE(ValidateDraft(d).empty());
  d.price = kMaxPrice + 1;
  EXPECT_TRUE(HasField(ValidateDraft(d), "productPrice"));
  d.price = INT64_MAX;
  EXPECT_TRUE(HasField(ValidateDraft(d), "productPrice"));
  d = ValidDraft();
  d.stock = kMaxStock + 1;
  EXPECT_TRUE(HasField(ValidateDraft(d), "stockCount"));
  ProductPatch p;
  p.price = kMaxPrice + 1;
  EXPECT_TRUE(HasField(ValidatePatch(p), "productPrice"));
}

TEST(ValidatePatch, ChecksOnlyPresentFields) {
  EXPECT_TRUE(ValidatePatch(ProductPatch{}).empty());
  ProductPatch p;
  p.price = 0;
  EXPECT_TRUE(HasField(ValidatePatch(p), "productPrice"));
  p = ProductPatch{};
  p.name = "";
  EXPECT_TRUE(HasField(ValidatePatch(p), "productName"));
}

TEST(DiffTags, ReportsAddedAndRemoved) {
  const TagDiff d = DiffTags({"a", "b", "c"}, {"b", "c", "d", "e"});
  EXPECT_EQ(d.added, (std::vector<std::string>{"d", "e"}));
  EXPECT_EQ(d.removed, (std::vector<std::string>{"a"}));
  EXPECT_TRUE(DiffTags({"a"}, {"a"}).empty());
  EXPECT_EQ(DiffTags({}, {"x"}).added, (std::vector<std::string>{"x"}));
  EXPECT_EQ(DiffTags({"x"}, {}).removed, (std::vector<std::string>{"x"}));
}

}  // namespace
}  // namespace eda::catalog
