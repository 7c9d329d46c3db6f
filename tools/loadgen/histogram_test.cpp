#include "loadgen/histogram.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace eda::loadgen {
namespace {

TEST(Histogram, EmptyAnswersZero) {
  Histogram h;
  EXPECT_EQ(h.Count(), 0u);
  EXPECT_EQ(h.ValueAtQuantile(0.5), 0u);
  EXPECT_EQ(h.Min(), 0u);
  EXPECT_EQ(h.Max(), 0u);
  EXPECT_TRUE(h.Buckets().empty());
}

TEST(Histogram, SmallValuesAreExact) {
  Histogram h;
  for (std::uint64_t v = 0; v < 128; ++v) h.Record(v);
  EXPECT_EQ(h.Count(), 128u);
  EXPECT_EQ(h.ValueAtQuantile(0.5), 63u);   // 64th smallest
  EXPECT_EQ(h.ValueAtQuantile(1.0), 127u);
  EXPECT_EQ(h.ValueAtQuantile(0.0), 0u);
  EXPECT_EQ(h.Min(), 0u);
  EXPECT_EQ(h.Max(), 127u);
  EXPECT_DOUBLE_EQ(h.Mean(), 63.5);
}

TEST(Histogram, BucketsTileTheRangeWithoutGapsOrOverlap) {
  for (std::size_t i = 1; i < Histogram::BucketCount(); ++i) {
    ASSERT_EQ(Histogram::LowestOf(i), Histogram::HighestOf(i - 1) + 1) << "bucket " << i;
    ASSERT_EQ(Histogram::IndexOf(Histogram::LowestOf(i)), i);
    ASSERT_EQ(Histogram::IndexOf(Histogram::HighestOf(i)), i);
  }
  EXPECT_GE(Histogram::MaxTrackable(), std::uint64_t{1} << 42);
}

TEST(Histogram, RelativeErrorBelowOnePercent) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::uint64_t> dist(1, 50'000'000);
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t v = dist(rng);
    const std::size_t b = Histogram::IndexOf(v);
    ASSERT_LE(Histogram::LowestOf(b), v);
    ASSERT_GE(Histogram::HighestOf(b), v);
    const double width = static_cast<double>(Histogram::HighestOf(b) - Histogram::LowestOf(b) + 1);
    ASSERT_LE(width / static_cast<double>(v), 1.0 / 64 + 1e-12);
  }
}

TEST(Histogram, PercentilesMatchSortedData) {
  std::mt19937_64 rng(11);
  std::lognormal_distribution<double> dist(8.0, 1.2);  // latencies around 3 ms with a long tail
  std::vector<std::uint64_t> values;
  Histogram h;
  for (int i = 0; i < 200000; ++i) {
    const auto v = static_cast<std::uint64_t>(dist(rng));
    values.push_back(v);
    h.Record(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    const auto exact = values[static_cast<std::size_t>(std::ceil(q * values.size())) - 1];
    const auto got = h.ValueAtQuantile(q);
    EXPECT_NEAR(static_cast<double>(got), static_cast<double>(exact), static_cast<double>(exact) * 0.01 + 1)
        << "q=" << q;
  }
  EXPECT_EQ(h.Max(), values.back());
  EXPECT_EQ(h.Min(), values.front());
  EXPECT_EQ(h.ValueAtQuantile(1.0), values.back());
}

TEST(Histogram, MergeEqualsRecordingEverything) {
  Histogram a, b, all;
  for (std::uint64_t v = 1; v < 100000; v += 7) {
    (v % 2 ? a : b).Record(v);
    all.Record(v);
  }
  a.Merge(b);
  EXPECT_EQ(a.Count(), all.Count());
  EXPECT_EQ(a.Min(), all.Min());
  EXPECT_EQ(a.Max(), all.Max());
  EXPECT_EQ(a.ValueAtQuantile(0.99), all.ValueAtQuantile(0.99));
  EXPECT_EQ(a.Buckets(), all.Buckets());
  a.Reset();
  EXPECT_EQ(a.Count(), 0u);
  EXPECT_EQ(a.ValueAtQuantile(0.5), 0u);
}

TEST(Histogram, HugeValuesAreClampedButCounted) {
  Histogram h;
  h.Record(std::uint64_t{1} << 60);
  h.Record(10, 3);
  EXPECT_EQ(h.Count(), 4u);
  EXPECT_EQ(h.Max(), std::uint64_t{1} << 60);
  EXPECT_EQ(h.ValueAtQuantile(0.5), 10u);
  EXPECT_EQ(Histogram::IndexOf(std::uint64_t{1} << 60), Histogram::BucketCount() - 1);
}

}  // namespace
}  // namespace eda::loadgen
