#include "offset_tracker.hpp"

namespace eda::events::detail {

std::uint64_t OffsetTracker::Assign(const std::string& tp) {
  Revoke(tp);
  Partition& p = partitions_[tp];
  p.epoch = next_epoch_++;
  return p.epoch;
}

void OffsetTracker::Revoke(const std::string& tp) {
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) return;
  for (const auto& [offset, finished] : it->second.started)
    if (!finished) --open_;
  partitions_.erase(it);
}

std::uint64_t OffsetTracker::EpochOf(const std::string& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? 0 : it->second.epoch;
}

void OffsetTracker::Started(const std::string& tp, std::uint64_t epoch, std::int64_t offset) {
  auto it = partitions_.find(tp);
  if (it == partitions_.end() || it->second.epoch != epoch) return;
  auto [pos, inserted] = it->second.started.emplace(offset, false);
  if (inserted) ++open_;
}

void OffsetTracker::Finished(const std::string& tp, std::uint64_t epoch, std::int64_t offset) {
  auto it = partitions_.find(tp);
  if (it == partitions_.end() || it->second.epoch != epoch) return;
  auto rec = it->second.started.find(offset);
  if (rec == it->second.started.end() || rec->second) return;
  rec->second = true;
  --open_;
  Advance(it->second);
}

void OffsetTracker::Advance(Partition& p) {
  while (!p.started.empty() && p.started.begin()->second) {
    p.position = p.started.begin()->first + 1;
    p.started.erase(p.started.begin());
  }
}

std::map<std::string, std::int64_t> OffsetTracker::TakeCommits() {
  std::map<std::string, std::int64_t> out;
  for (auto& [tp, p] : partitions_) {
    if (p.position > p.reported) {
      out[tp] = p.position;
      p.reported = p.position;
    }
  }
  return out;
}

std::int64_t OffsetTracker::TakeCommit(const std::string& tp) {
  auto it = partitions_.find(tp);
  if (it == partitions_.end() || it->second.position <= it->second.reported) return -1;
  it->second.reported = it->second.position;
  return it->second.position;
}

std::size_t OffsetTracker::OpenIn(const std::string& tp) const {
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) return 0;
  std::size_t n = 0;
  for (const auto& [offset, finished] : it->second.started)
    if (!finished) ++n;
  return n;
}

}  // namespace eda::events::detail
