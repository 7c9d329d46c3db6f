#include "search/events/rebuilder.hpp"

#include <thread>

#include "eda/core/uuid.hpp"
#include "eda/log/log.hpp"
#include "search/domain/search_service.hpp"
#include "search/events/index_updater.hpp"

namespace eda::search {
namespace {

bool CaughtUp(const events::ConsumerStats& stats) {
  bool seen[3] = {false, false, false};
  for (const auto& [key, lag] : stats.lag) {
    if (lag != 0) return false;
    const std::string topic = key.substr(0, key.rfind('/'));
    if (topic == saga::kProductChanged) seen[0] = true;
    if (topic == saga::kProductTagsAdded) seen[1] = true;
    if (topic == saga::kProductTagsRemoved) seen[2] = true;
  }
  return seen[0] && seen[1] && seen[2];
}

}  // namespace

Rebuilder::~Rebuilder() {
  std::thread t;
  {
    std::lock_guard lock(mutex_);
    t = std::move(thread_);
  }
  if (t.joinable()) t.join();
}

Result<void, SearchError> Rebuilder::Start() {
  std::lock_guard lock(mutex_);
  if (running_.load()) return SearchError{SearchErrc::kRebuildRunning, "a rebuild is already running", {}};
  // Claimed before answering, so that a rebuild running on another instance is refused here and
  // not reported later as this one's failure.
  auto owner = Claim();
  if (!owner) return owner.error();
  if (thread_.joinable()) thread_.join();  // the previous one has finished
  running_ = true;  // claimed here so that a second Start() sees it at once; the thread resets it
  thread_ = std::thread([this, owner = *std::move(owner)] {
    auto r = Run(owner);
    std::lock_guard lock(mutex_);
    if (r) {
      last_.last_generation = r->new_generation;
      last_.last_error.reset();
      last_.last_events = r->events;
      last_.last_seconds = r->seconds;
    } else {
      last_.last_error = r.error().detail;
    }
    running_ = false;  // after last_ is written and the lock released: Start() may join at once
  });
  return {};
}

Result<std::string, SearchError> Rebuilder::Claim() {
  const std::string owner = NewUuid();
  // Lapses after the longest a rebuild may take, should its instance die in the middle.
  const auto ttl = std::chrono::duration_cast<std::chrono::milliseconds>(settings_.max_duration + settings_.after_swap) +
                   std::chrono::minutes(1);
  auto claimed = index_.ClaimRebuild(owner, ttl);
  if (!claimed) return FromIndexError(claimed.error());
  if (!*claimed) return SearchError{SearchErrc::kRebuildRunning, "a rebuild is already running on another instance", {}};
  return owner;
}

RebuildStatus Rebuilder::Status() {
  RebuildStatus s;
  {
    std::lock_guard lock(mutex_);
    s = last_;
  }
  s.running = running_.load();
  // Running here, or on another instance of the service.
  if (!s.running) {
    if (auto elsewhere = index_.RebuildClaimed(); elsewhere && *elsewhere) s.running = true;
  }
  auto active = index_.ActiveGeneration();
  if (active) s.active_generation = *active;
  return s;
}

Result<RebuildReport, SearchError> Rebuilder::Run() {
  bool expected = false;
  if (!running_.compare_exchange_strong(expected, true)) {
    return SearchError{SearchErrc::kRebuildRunning, "a rebuild is already running", {}};
  }
  struct Reset {
    std::atomic<bool>& flag;
    ~Reset() { flag = false; }
  } reset{running_};
  auto owner = Claim();
  if (!owner) return owner.error();
  return Run(*owner);
}

Result<RebuildReport, SearchError> Rebuilder::Run(const std::string& owner) {
  struct Unclaim {
    RedisSearchIndex& index;
    const std::string& owner;
    ~Unclaim() {
      if (auto s = index.ReleaseRebuild(owner); !s) log::Warn("search rebuild: claim not released (it lapses)", {{"error", s.error().message}});
    }
  } unclaim{index_, owner};
  const auto started = std::chrono::steady_clock::now();

  auto gen = index_.NewGeneration();
  if (!gen) return FromIndexError(gen.error());
  RebuildReport report;
  report.new_generation = *gen;
  log::Info("search rebuild started", {{"generation", *gen}});

  const IndexUpdater updater(index_, IndexTarget{*gen}, /*skip_invalid=*/true);
  events::ConsumerSettings cs;
  cs.brokers = settings_.brokers;
  cs.credentials = settings_.credentials;
  cs.group_id = settings_.group_prefix + *gen;
  cs.client_id = "eda-search-rebuild";
  cs.require_envelope = false;
  cs.create_topics = settings_.create_topics;
  cs.auto_offset_reset = "earliest";
  // A replay group lives for one rebuild: it retries in place and never re-queues (it has no retry
  // topic of its own, and skip_invalid drops what cannot be indexed).
  cs.retry.max_attempts = cs.retry.in_place_attempts;
  events::Consumer consumer(cs, producer_);
  updater.SubscribeAll(consumer);
  if (auto st = consumer.Start(); !st) {
    (void)index_.DropGeneration(*gen);
    return SearchError{SearchErrc::kUnavailable, "cannot start the replay: " + st.error().message, {}};
  }

  // Wait until caught up and quiet for `settle`.
  std::uint64_t last_processed = 0;
  auto quiet_since = std::chrono::steady_clock::now();
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto stats = consumer.Stats();
    const auto now = std::chrono::steady_clock::now();
    if (stats.processed != last_processed || !CaughtUp(stats)) {
      last_processed = stats.processed;
      quiet_since = now;
    } else if (now - quiet_since >= settings_.settle) {
      break;
    }
    if (now - started > settings_.max_duration) {
      consumer.Stop();
      (void)index_.DropGeneration(*gen);
      return SearchError{SearchErrc::kUnavailable, "the replay did not catch up in time; the old index stays live", {}};
    }
  }

  auto old = index_.Swap(*gen);
  if (!old) {
    consumer.Stop();
    (void)index_.DropGeneration(*gen);
    return FromIndexError(old.error());
  }
  report.old_generation = *old;
  std::this_thread::sleep_for(settings_.after_swap);
  consumer.Stop();
  report.events = consumer.Stats().processed;
  if (report.old_generation != report.new_generation) {
    auto dropped = index_.DropGeneration(report.old_generation);
    if (dropped) report.dropped_keys = *dropped;
    else log::Warn("cannot delete the old generation", {{"generation", report.old_generation}, {"error", dropped.error().message}});
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log::Info("search rebuild finished", {{"generation", report.new_generation}, {"old", report.old_generation},
                                        {"events", static_cast<std::int64_t>(report.events)}});
  return report;
}

}  // namespace eda::search
