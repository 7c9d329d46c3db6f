#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace eda::loadgen {

// A log-linear ("HDR-style") histogram of non-negative integer values (the load generator records
// microseconds). Values below 2^kSubBits are counted exactly; above that, each power-of-two range is
// split into 2^(kSubBits-1) equal sub-buckets, so any recorded value is reported within a relative
// error of 1/2^(kSubBits-1) (0.8 % with kSubBits = 7). Values above MaxTrackable() are clamped to it
// (and counted); Max() still reports the true maximum.
//
// Memory is fixed (about 18 KiB); Record is O(1) with no allocation. Not thread-safe: one owner
// thread, or merge per-thread copies with Merge.
class Histogram {
 public:
  static constexpr int kSubBits = 7;
  static constexpr int kMaxBits = 42;  // 2^42 us = 51 days

  Histogram();

  void Record(std::uint64_t value, std::uint64_t count = 1) noexcept;
  void Merge(const Histogram& other) noexcept;
  void Reset() noexcept;

  std::uint64_t Count() const noexcept { return count_; }
  // 0 when empty.
  std::uint64_t Min() const noexcept { return count_ ? min_ : 0; }
  std::uint64_t Max() const noexcept { return max_; }
  double Mean() const noexcept { return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0; }

  // The value at quantile q in [0, 1] (0.99 = p99): the representative value of the bucket holding
  // the ceil(q * Count())-th smallest recording, clamped to [Min(), Max()]. 0 when empty.
  std::uint64_t ValueAtQuantile(double q) const noexcept;

  // Non-empty buckets in ascending order: {highest value of the bucket, count}; for plots.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> Buckets() const;

  static std::uint64_t MaxTrackable() noexcept;
  // Exposed for the unit test: bucket index of a value and the [low, high] values of a bucket.
  static std::size_t IndexOf(std::uint64_t value) noexcept;
  static std::uint64_t LowestOf(std::size_t index) noexcept;
  static std::uint64_t HighestOf(std::size_t index) noexcept;
  static std::size_t BucketCount() noexcept;

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t min_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace eda::loadgen
