#include "eda/auth/revocation_list.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace eda::auth {
namespace {

using Verdict = RevocationList::Verdict;
using std::chrono::seconds;

struct ManualClock {
  std::shared_ptr<std::chrono::system_clock::time_point> now =
      std::make_shared<std::chrono::system_clock::time_point>(seconds{1'800'000'000});
  Clock AsClock() const {
    return [n = now] { return *n; };
  }
};

TEST(RevocationList, NotLoadedUntilTheFirstApply) {
  RevocationList list(seconds(930));
  EXPECT_FALSE(list.loaded());
  EXPECT_EQ(list.Check(1, 0), Verdict::kNotLoaded);
  list.Apply({});
  EXPECT_TRUE(list.loaded());
  EXPECT_EQ(list.Check(1, 0), Verdict::kValid);
  EXPECT_EQ(list.cursor(), 0);
}

TEST(RevocationList, HighestMinimumPerMemberWinsInAnyOrder) {
  RevocationList list(seconds(930));
  const RevocationList::Entry entries[] = {{7, 42, 3}, {5, 42, 2}, {6, 43, 1}};
  list.Apply(entries);
  EXPECT_EQ(list.cursor(), 7);
  EXPECT_EQ(list.Check(42, 2), Verdict::kRevoked);
  EXPECT_EQ(list.Check(42, 3), Verdict::kValid);
  EXPECT_EQ(list.Check(43, 0), Verdict::kRevoked);
  EXPECT_EQ(list.Check(44, 0), Verdict::kValid);
  // A late, lower entry (a repeat from the member's look-back) lowers nothing, nor the cursor.
  const RevocationList::Entry late[] = {{4, 42, 1}};
  list.Apply(late);
  EXPECT_EQ(list.Check(42, 2), Verdict::kRevoked);
  EXPECT_EQ(list.cursor(), 7);
}

TEST(RevocationList, ForgetsEntriesOnceEveryOlderTokenHasExpired) {
  ManualClock clock;
  RevocationList list(seconds(930), clock.AsClock());
  const RevocationList::Entry entries[] = {{1, 42, 1}};
  list.Apply(entries);
  *clock.now += seconds(929);
  list.Apply({});
  EXPECT_EQ(list.Check(42, 0), Verdict::kRevoked);
  *clock.now += seconds(1);
  list.Apply({});
  EXPECT_EQ(list.Check(42, 0), Verdict::kValid);
}

}  // namespace
}  // namespace eda::auth
