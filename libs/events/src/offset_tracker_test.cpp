#include "offset_tracker.hpp"

#include <gtest/gtest.h>

namespace eda::events::detail {
namespace {

TEST(OffsetTracker, CommitsOnlyTheContiguousFinishedPrefix) {
  OffsetTracker t;
  const auto e = t.Assign("t/0");
  for (std::int64_t o = 10; o < 15; ++o) t.Started("t/0", e, o);
  EXPECT_EQ(t.Open(), 5u);
  t.Finished("t/0", e, 12);
  t.Finished("t/0", e, 13);
  EXPECT_TRUE(t.TakeCommits().empty()) << "10 and 11 are unfinished: nothing may be committed";
  t.Finished("t/0", e, 10);
  EXPECT_EQ(t.TakeCommits(), (std::map<std::string, std::int64_t>{{"t/0", 11}}));
  t.Finished("t/0", e, 11);
  EXPECT_EQ(t.TakeCommits(), (std::map<std::string, std::int64_t>{{"t/0", 14}}))
      << "11 closes the gap: 12 and 13 were finished already; 14 is still open";
  EXPECT_TRUE(t.TakeCommits().empty()) << "a position is reported once";
  EXPECT_EQ(t.Open(), 1u);
  EXPECT_EQ(t.OpenIn("t/0"), 1u);
}

TEST(OffsetTracker, PartitionsAreIndependent) {
  OffsetTracker t;
  const auto a = t.Assign("t/0"), b = t.Assign("t/1");
  t.Started("t/0", a, 0);
  t.Started("t/1", b, 0);
  t.Started("t/1", b, 1);
  t.Finished("t/1", b, 1);
  t.Finished("t/1", b, 0);
  EXPECT_EQ(t.TakeCommits(), (std::map<std::string, std::int64_t>{{"t/1", 2}}));
  EXPECT_EQ(t.OpenIn("t/0"), 1u);
}

TEST(OffsetTracker, ResultsOfAnEarlierAssignmentAreIgnored) {
  OffsetTracker t;
  const auto old_epoch = t.Assign("t/0");
  t.Started("t/0", old_epoch, 5);
  t.Revoke("t/0");
  EXPECT_EQ(t.Open(), 0u);
  EXPECT_EQ(t.EpochOf("t/0"), 0u);
  const auto now = t.Assign("t/0");
  EXPECT_NE(now, old_epoch);
  t.Started("t/0", now, 5);
  t.Finished("t/0", old_epoch, 5);  // the old worker finishing late
  EXPECT_TRUE(t.TakeCommits().empty());
  EXPECT_EQ(t.OpenIn("t/0"), 1u);
  t.Finished("t/0", now, 5);
  EXPECT_EQ(t.TakeCommit("t/0"), 6);
  EXPECT_EQ(t.TakeCommit("t/0"), -1);
}

TEST(OffsetTracker, GapsBetweenOffsetsDoNotBlock) {
  // Offsets need not be dense (transaction markers, compaction, a paused record that is not started).
  OffsetTracker t;
  const auto e = t.Assign("t/0");
  t.Started("t/0", e, 3);
  t.Started("t/0", e, 7);
  t.Finished("t/0", e, 3);
  t.Finished("t/0", e, 7);
  EXPECT_EQ(t.TakeCommit("t/0"), 8);
}

TEST(OffsetTracker, UnknownPartitionsAndRepeatsAreHarmless) {
  OffsetTracker t;
  t.Started("x/0", 1, 1);
  t.Finished("x/0", 1, 1);
  EXPECT_EQ(t.Open(), 0u);
  const auto e = t.Assign("t/0");
  t.Started("t/0", e, 1);
  t.Started("t/0", e, 1);
  EXPECT_EQ(t.Open(), 1u);
  t.Finished("t/0", e, 1);
  t.Finished("t/0", e, 1);
  EXPECT_EQ(t.Open(), 0u);
  EXPECT_EQ(t.TakeCommit("t/0"), 2);
}

}  // namespace
}  // namespace eda::events::detail
