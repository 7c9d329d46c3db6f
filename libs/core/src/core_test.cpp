#include <gtest/gtest.h>

#include <set>
#include <string>

#include "eda/core/result.hpp"
#include "eda/core/strong_id.hpp"
#include "eda/core/text.hpp"
#include "eda/core/uuid.hpp"

namespace eda {
namespace {

TEST(Result, HoldsValueOrError) {
  Result<int> good = 7;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad = Error::Transient("x.timeout", "slow");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.error().retryable);
  EXPECT_THROW((void)bad.value(), BadResultAccess);
}

TEST(Result, VoidStatus) {
  Status s;
  EXPECT_TRUE(s.ok());
  Status f = Error::Permanent("x.bad", "no");
  EXPECT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, "x.bad");
}

TEST(StrongId, DistinctTypesCompareByValue) {
  struct ATag {};
  using AId = StrongId<ATag, long>;
  EXPECT_EQ(AId(3), AId(3));
  EXPECT_LT(AId(2), AId(3));
}

TEST(Text, ControlCharactersAreFoundInAsciiAndUtf8) {
  EXPECT_FALSE(HasControlCharacter(""));
  EXPECT_FALSE(HasControlCharacter("plain text, 상품 \u00a0 ü €"));
  for (const std::string_view bad : {std::string_view("a\0b", 3), std::string_view("a\rb"), std::string_view("a\nb"),
                                     std::string_view("a\tb"), std::string_view("a\x7f"), std::string_view("c1 \xc2\x85")}) {
    EXPECT_TRUE(HasControlCharacter(bad)) << bad;
  }
}

TEST(Uuid, Version4FormatAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto u = NewUuid();
    ASSERT_EQ(u.size(), 36u);
    EXPECT_EQ(u[14], '4');
    EXPECT_TRUE(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace eda
