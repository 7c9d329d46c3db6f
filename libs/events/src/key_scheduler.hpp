#pragma once

// Hands consumed records to worker threads so that records of different keys run in parallel while
// the records of one key run one after another, in the order they were added (the key-ordering
// mode of Confluent's Parallel Consumer). Pure bookkeeping: no threads, no Kafka; consumer.cpp
// guards it with its own mutex.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace eda::events::detail {

// `T` is the work item. Each item has an ordering key (records of one key never run concurrently)
// and a batch group (only items of one group are handed out together: one handler per batch).
template <class T>
class KeyScheduler {
 public:
  struct Entry {
    std::string key;
    std::string group;
    T item;
  };

  // Queues an item behind the earlier items of its key.
  void Add(std::string key, std::string group, T item) {
    const std::uint64_t seq = next_seq_++;
    KeyState& state = keys_[key];
    state.queue.push_back(Queued{seq, Entry{key, std::move(group), std::move(item)}});
    ++queued_;
    if (!state.busy && state.queue.size() == 1) MarkReady(key, state);
  }

  // Up to `max` (at least one) items of one group, each of another key, taken from the keys whose
  // turn it is (the group of the oldest ready item goes first; within it, oldest first). Their keys
  // are busy until Done. Empty when nothing is ready.
  std::vector<Entry> Take(std::size_t max) {
    return Take([max](const std::string&) { return max; });
  }
  // The same with a limit per group (a batch handler's max_batch).
  std::vector<Entry> Take(const std::function<std::size_t(const std::string& group)>& max_for) {
    std::vector<Entry> out;
    const std::string* group = OldestReadyGroup();
    if (group == nullptr) return out;
    const std::size_t max = std::max<std::size_t>(1, max_for(*group));
    auto it = ready_.find(*group);
    std::deque<ReadyKey>& ready = it->second;
    while (!ready.empty() && out.size() < max) {
      KeyState& state = keys_.at(ready.front().key);
      ready.pop_front();
      Queued q = std::move(state.queue.front());
      state.queue.pop_front();
      state.busy = true;
      --queued_;
      ++running_;
      out.push_back(std::move(q.entry));
    }
    if (ready.empty()) ready_.erase(it);
    return out;
  }

  // The item taken for `key` finished (successfully or not): the key's next item becomes ready.
  void Done(const std::string& key) {
    auto it = keys_.find(key);
    if (it == keys_.end() || !it->second.busy) return;
    it->second.busy = false;
    --running_;
    if (it->second.queue.empty()) {
      keys_.erase(it);
    } else {
      MarkReady(key, it->second);
    }
  }

  // Removes the queued (not running) items for which `drop` returns true, e.g. those of revoked
  // partitions; returns them. Running items are not affected.
  std::vector<T> DropQueued(const std::function<bool(const T&)>& drop) {
    std::vector<T> out;
    for (auto it = keys_.begin(); it != keys_.end();) {
      KeyState& state = it->second;
      std::deque<Queued> keep;
      for (Queued& q : state.queue) {
        if (drop(q.entry.item)) {
          out.push_back(std::move(q.entry.item));
          --queued_;
        } else {
          keep.push_back(std::move(q));
        }
      }
      state.queue = std::move(keep);
      if (!state.busy && state.queue.empty()) {
        it = keys_.erase(it);
      } else {
        ++it;
      }
    }
    RebuildReady();
    return out;
  }

  std::size_t queued() const noexcept { return queued_; }
  std::size_t running() const noexcept { return running_; }
  bool HasReady() const noexcept { return !ready_.empty(); }

 private:
  struct Queued {
    std::uint64_t seq;
    Entry entry;
  };
  struct KeyState {
    std::deque<Queued> queue;  // not yet taken, in order
    bool busy = false;         // an item of this key is running
  };
  struct ReadyKey {
    std::uint64_t seq;  // of the key's head item
    std::string key;
  };

  void MarkReady(const std::string& key, const KeyState& state) {
    const Queued& head = state.queue.front();
    std::deque<ReadyKey>& ready = ready_[head.entry.group];
    // Keys become ready out of sequence order (a key freed by Done has an older head than keys
    // queued since): keep each group's ready list sorted so the oldest item runs first.
    auto pos = ready.end();
    while (pos != ready.begin() && std::prev(pos)->seq > head.seq) --pos;
    ready.insert(pos, ReadyKey{head.seq, key});
  }

  const std::string* OldestReadyGroup() const {
    const std::string* best = nullptr;
    std::uint64_t best_seq = 0;
    for (const auto& [group, keys] : ready_) {
      if (keys.empty()) continue;
      if (best == nullptr || keys.front().seq < best_seq) {
        best = &group;
        best_seq = keys.front().seq;
      }
    }
    return best;
  }

  void RebuildReady() {
    ready_.clear();
    for (const auto& [key, state] : keys_)
      if (!state.busy && !state.queue.empty()) MarkReady(key, state);
  }

  std::unordered_map<std::string, KeyState> keys_;
  std::map<std::string, std::deque<ReadyKey>> ready_;  // group -> keys whose head may run, oldest first
  std::uint64_t next_seq_ = 0;
  std::size_t queued_ = 0;
  std::size_t running_ = 0;
};

}  // namespace eda::events::detail
