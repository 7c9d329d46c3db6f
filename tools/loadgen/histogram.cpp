#include "loadgen/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace eda::loadgen {
namespace {

constexpr std::uint64_t kLinear = std::uint64_t{1} << Histogram::kSubBits;  // exact values 0..kLinear-1
constexpr std::uint64_t kHalf = kLinear / 2;                                 // sub-buckets per power of two

}  // namespace

Histogram::Histogram() : counts_(BucketCount(), 0) {}

std::size_t Histogram::BucketCount() noexcept {
  return static_cast<std::size_t>(kLinear + kHalf * static_cast<std::uint64_t>(kMaxBits - kSubBits + 1));
}

std::uint64_t Histogram::MaxTrackable() noexcept { return HighestOf(BucketCount() - 1); }

std::size_t Histogram::IndexOf(std::uint64_t value) noexcept {
  if (value < kLinear) return static_cast<std::size_t>(value);
  const int msb = 63 - std::countl_zero(value);  // >= kSubBits
  const int shift = msb - (kSubBits - 1);         // >= 1; value >> shift is in [kHalf, kLinear)
  const std::uint64_t sub = value >> shift;
  const std::size_t index = static_cast<std::size_t>(kLinear + kHalf * static_cast<std::uint64_t>(shift - 1) + (sub - kHalf));
  return std::min(index, BucketCount() - 1);
}

std::uint64_t Histogram::LowestOf(std::size_t index) noexcept {
  if (index < kLinear) return index;
  const std::uint64_t rel = index - kLinear;
  const int shift = static_cast<int>(rel / kHalf) + 1;
  const std::uint64_t sub = kHalf + rel % kHalf;
  return sub << shift;
}

std::uint64_t Histogram::HighestOf(std::size_t index) noexcept {
  if (index < kLinear) return index;
  const std::uint64_t rel = index - kLinear;
  const int shift = static_cast<int>(rel / kHalf) + 1;
  const std::uint64_t sub = kHalf + rel % kHalf;
  return ((sub + 1) << shift) - 1;
}

void Histogram::Record(std::uint64_t value, std::uint64_t count) noexcept {
  if (count == 0) return;
  counts_[IndexOf(value)] += count;
  if (count_ == 0 || value < min_) min_ = value;
  if (value > max_) max_ = value;
  count_ += count;
  sum_ += value * count;
}

void Histogram::Merge(const Histogram& other) noexcept {
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  if (count_ == 0 || other.min_ < min_) min_ = other.min_;
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
}

void Histogram::Reset() noexcept {
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = sum_ = min_ = max_ = 0;
}

std::uint64_t Histogram::ValueAtQuantile(double q) const noexcept {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      // The middle of the bucket: at most half a bucket width (0.4 %) from any value in it.
      const std::uint64_t mid = LowestOf(i) + (HighestOf(i) - LowestOf(i)) / 2;
      return std::clamp(mid, min_, max_);
    }
  }
  return max_;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> Histogram::Buckets() const {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] != 0) out.emplace_back(HighestOf(i), counts_[i]);
  }
  return out;
}

}  // namespace eda::loadgen
