#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

namespace eda {

// A typed wrapper that keeps ids of different aggregates from being mixed up (an OrderId is not a
// MemberId). Tag is an empty struct per id kind; Rep is the underlying representation.
//   struct MemberIdTag {}; using MemberId = StrongId<MemberIdTag, std::int64_t>;
template <class Tag, class Rep>
class StrongId {
 public:
  using rep_type = Rep;
  StrongId() = default;
  explicit StrongId(Rep value) : value_(std::move(value)) {}

  const Rep& value() const noexcept { return value_; }
  auto operator<=>(const StrongId&) const = default;

 private:
  Rep value_{};
};

}  // namespace eda

template <class Tag, class Rep>
struct std::hash<eda::StrongId<Tag, Rep>> {
  std::size_t operator()(const eda::StrongId<Tag, Rep>& id) const noexcept { return std::hash<Rep>{}(id.value()); }
};
