#include "search/domain/tokenizer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace eda::search {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

TEST(Words, SplitsEnglishOnPunctuationAndLowerCases) {
  EXPECT_THAT(Words("Apple MacBook-Pro, 14\" (M3)!"), ElementsAre("apple", "macbook", "pro", "14", "m3"));
}

TEST(Words, KeepsHangulWordsWhole) {
  EXPECT_THAT(Words("삼성 갤럭시 노트북 · 15인치"), ElementsAre("삼성", "갤럭시", "노트북", "15인치"));
}

TEST(Words, MixedScriptsAndDuplicates) {
  EXPECT_THAT(Words("LG 그램 lg 그램 ＬＧ"), ElementsAre("lg", "그램"));  // full-width folded, duplicates dropped
}

TEST(Words, InvalidUtf8SeparatesWordsAndNeverCrashes) {
  EXPECT_THAT(Words(std::string("ab\xff" "cd\xe0\x80")), ElementsAre("ab", "cd"));
  EXPECT_TRUE(Words("").empty());
  EXPECT_TRUE(Words("   ,.;!?  ").empty());
}

TEST(Words, LongWordsAreCut) {
  TokenizerLimits limits;
  limits.max_word_chars = 5;
  EXPECT_THAT(Words("abcdefghij 가나다라마바사", limits), ElementsAre("abcde", "가나다라마"));
}

TEST(PrefixTerms, EnglishPrefixesStartAtTwoLetters) {
  EXPECT_THAT(PrefixTerms("phone"), ElementsAre("ph", "pho", "phon", "phone"));
  EXPECT_THAT(PrefixTerms("a"), ElementsAre("a"));
}

TEST(PrefixTerms, HangulSyllablePrefixesAndCompoundParts) {
  EXPECT_THAT(PrefixTerms("노트북"), ElementsAre("노", "노트", "노트북", "트", "트북", "북"));
  const auto terms = PrefixTerms("게이밍노트북");
  EXPECT_THAT(terms, Contains("게이밍"));
  EXPECT_THAT(terms, Contains("노트북"));  // the compound's second noun is findable
  EXPECT_THAT(terms, Contains("게이밍노트북"));
}

TEST(PrefixTerms, CappedAtMaxPrefix) {
  TokenizerLimits limits;
  limits.max_prefix_chars = 3;
  EXPECT_THAT(PrefixTerms("keyboard", limits), ElementsAre("ke", "key"));
}

TEST(IndexTerms, QueryTermOfAnyWordPrefixIsIndexed) {
  const auto terms = IndexTerms("Samsung 갤럭시북 Pro");
  for (const char* q : {"sa", "sams", "samsung", "갤", "갤럭", "갤럭시북", "pr", "pro"}) {
    EXPECT_THAT(terms, Contains(QueryTerm(q))) << q;
  }
  EXPECT_THAT(terms, Not(Contains("amsung")));  // no infixes for English
  EXPECT_THAT(terms, Not(Contains("s")));       // no one-letter English prefixes
}

TEST(QueryTerm, CutToPrefixLimit) {
  EXPECT_EQ(QueryTerm("abcdefghijklmnopqrstuvwxyz").size(), 20u);
  EXPECT_EQ(QueryTerm("노트북"), "노트북");
}

}  // namespace
}  // namespace eda::search
