#pragma once

// Which offset a consumer may commit per partition when records finish out of order: only up to the
// contiguous prefix of finished records, so a crash never skips an unfinished one (it is
// redelivered; the inbox drops what had already taken effect). Pure bookkeeping; consumer.cpp guards
// it with its own mutex.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace eda::events::detail {

class OffsetTracker {
 public:
  // Starts (or restarts) tracking a partition ("topic/partition") on assignment and returns its
  // epoch: results reported with an older epoch belong to an earlier assignment and are ignored.
  std::uint64_t Assign(const std::string& tp);
  // Stops tracking a partition (revoked or lost). Later Finished calls for it are ignored.
  void Revoke(const std::string& tp);
  // The current epoch of `tp`; 0 when it is not tracked.
  std::uint64_t EpochOf(const std::string& tp) const;

  // A record was handed out (per partition in offset order). Ignored for a stale epoch.
  void Started(const std::string& tp, std::uint64_t epoch, std::int64_t offset);
  // A started record is finished: its effects are durable, or it was parked on a retry/DLQ topic.
  void Finished(const std::string& tp, std::uint64_t epoch, std::int64_t offset);

  // Partitions whose commit position (the offset after the contiguous finished prefix) moved since
  // the last call, with that position. Call before committing; the positions are then reported once.
  std::map<std::string, std::int64_t> TakeCommits();
  // The same for one partition only (on revocation); -1 when nothing new is committable.
  std::int64_t TakeCommit(const std::string& tp);

  // Records started and not finished, in all partitions / in one.
  std::size_t Open() const noexcept { return open_; }
  std::size_t OpenIn(const std::string& tp) const;

 private:
  struct Partition {
    std::uint64_t epoch = 0;
    std::map<std::int64_t, bool> started;  // offset -> finished; only the unfinished prefix and after
    std::int64_t position = -1;            // next offset to consume after the finished prefix
    std::int64_t reported = -1;            // the position last handed out by TakeCommit(s)
  };
  void Advance(Partition& p);

  std::map<std::string, Partition> partitions_;
  std::uint64_t next_epoch_ = 1;
  std::size_t open_ = 0;
};

}  // namespace eda::events::detail
