#include "eda/events/consumer.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "eda/events/dead_letter.hpp"
#include "eda/events/producer.hpp"
#include "eda/events/topic_admin.hpp"
#include "eda/log/log.hpp"
#include "eda/metrics/registry.hpp"

#include "consumer_health.hpp"
#include "key_scheduler.hpp"
#include "offset_tracker.hpp"
#include "kafka_util.hpp"

namespace eda::events {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::string TpKey(const std::string& topic, std::int32_t partition) {
  return topic + "/" + std::to_string(partition);
}

// A stable UUID-shaped id from a record's coordinates (two FNV-1a 64-bit hashes), for records that
// carry no envelope: a redelivery of the same record gets the same id, so the inbox de-duplicates it.
std::string SyntheticEventId(const std::string& topic, std::int32_t partition, std::int64_t offset) {
  const std::string text = topic + "\x1f" + std::to_string(partition) + "\x1f" + std::to_string(offset);
  auto fnv = [&](std::uint64_t h) {
    for (unsigned char c : text) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    return h;
  };
  std::uint64_t a = fnv(14695981039346656037ULL), b = fnv(0x9e3779b97f4a7c15ULL);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    std::uint64_t w = i < 16 ? a : b;
    out.push_back(kHex[(w >> ((15 - (i % 16)) * 4)) & 0xF]);
  }
  return out;
}

// The partition ids of those `topics` that the cluster metadata (asked through `consumer`) shows with
// partitions; empty when the brokers do not answer within `timeout`.
std::map<std::string, std::vector<std::int32_t>> PartitionsOf(RdKafka::KafkaConsumer& consumer,
                                                              const std::vector<std::string>& topics,
                                                              std::chrono::milliseconds timeout) {
  std::map<std::string, std::vector<std::int32_t>> out;
  RdKafka::Metadata* md = nullptr;
  if (consumer.metadata(true, nullptr, &md, static_cast<int>(timeout.count())) == RdKafka::ERR_NO_ERROR && md != nullptr) {
    for (const RdKafka::TopicMetadata* tm : *md->topics()) {
      if (tm->err() != RdKafka::ERR_NO_ERROR || tm->partitions()->empty() ||
          std::find(topics.begin(), topics.end(), tm->topic()) == topics.end())
        continue;
      for (const RdKafka::PartitionMetadata* pm : *tm->partitions()) out[tm->topic()].push_back(pm->id());
    }
  }
  delete md;
  return out;
}

// Polls until every topic has partitions, or the deadline passes (then the subscription still works,
// only a late topic may wait for a metadata refresh).
void WaitUntilVisible(RdKafka::KafkaConsumer& consumer, const std::vector<std::string>& topics,
                      std::chrono::milliseconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  for (;;) {
    const std::size_t visible = PartitionsOf(consumer, topics, std::chrono::seconds(5)).size();
    if (visible == topics.size()) return;
    if (std::chrono::steady_clock::now() >= deadline) {
      log::Warn("subscribed topics not all visible yet", {{"topics", std::to_string(topics.size())},
                                                           {"visible", std::to_string(visible)}});
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// "topic[0,1,2] other[1]" for a log line.
std::string Describe(const std::vector<RdKafka::TopicPartition*>& partitions) {
  std::map<std::string, std::string> by_topic;
  for (const auto* tp : partitions) {
    std::string& list = by_topic[tp->topic()];
    list += (list.empty() ? "" : ",") + std::to_string(tp->partition());
  }
  std::string out;
  for (const auto& [topic, list] : by_topic) out += (out.empty() ? "" : " ") + topic + "[" + list + "]";
  return out;
}

}  // namespace

// One consumed event on its way through the workers.
struct Work {
  IncomingEvent ev;
  std::string tp;              // "record topic/partition" (the .retry topic for a re-queued event)
  std::uint64_t epoch = 0;     // the assignment of tp it was consumed under (OffsetTracker)
  Origin origin;               // where it was first consumed (for retry/DLQ headers)
  int failed = 0;              // attempts that failed before this delivery
  std::optional<Error> dead;   // undecodable: dead-letter without calling the handler
};

struct Subscription {
  Handler handler;             // set for Subscribe
  BatchHandler batch_handler;  // set for SubscribeBatch
  std::size_t max_batch = 1;
  OrderingKey ordering;
};

struct Consumer::Impl : public RdKafka::RebalanceCb, public RdKafka::EventCb {
  Impl(ConsumerSettings s, Producer& p)
      : settings(std::move(s)), producer(p), policy(settings.retry), detector(settings.stall_grace) {}

  // ---- librdkafka's log lines, errors and statistics (statistics arrive inside consume()) ----
  void event_cb(RdKafka::Event& e) override {
    switch (e.type()) {
      case RdKafka::Event::EVENT_STATS:
        latest_stats = e.str();
        return;
      case RdKafka::Event::EVENT_ERROR:
        log::Warn("kafka client error", {{"group", settings.group_id}, {"error", RdKafka::err2str(e.err())},
                                         {"detail", e.str()}});
        return;
      case RdKafka::Event::EVENT_LOG: {
        const int sev = static_cast<int>(e.severity());
        const log::Level level = sev <= 3 ? log::Level::kError : sev == 4 ? log::Level::kWarn
                                 : sev <= 6 ? log::Level::kInfo : log::Level::kDebug;
        if (log::Enabled(level))
          log::Write(level, nullptr, "kafka client", {{"group", settings.group_id}, {"facility", e.fac()},
                                                      {"detail", e.str()}});
        return;
      }
      default:
        return;
    }
  }

  // ---- rebalancing (runs inside consume() on the poll thread) ----
  void rebalance_cb(RdKafka::KafkaConsumer* c, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override {
    const bool cooperative = c->rebalance_protocol() == "COOPERATIVE";
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      if (!partitions.empty())
        log::Info("kafka partitions assigned", {{"group", settings.group_id}, {"partitions", Describe(partitions)}});
      {
        std::lock_guard lock(mu);
        for (const auto* tp : partitions) tracker.Assign(TpKey(tp->topic(), tp->partition()));
      }
      // A partition this member paused before losing it must not come back still paused: the
      // bookkeeping that would resume it was dropped with the revocation.
      c->resume(partitions);
      if (cooperative) {
        if (RdKafka::Error* e = c->incremental_assign(partitions)) {
          log::Error("kafka incremental_assign failed", {{"group", settings.group_id}, {"error", e->str()}});
          delete e;
        }
      } else {
        c->assign(partitions);
      }
      return;
    }
    // Revoked (or lost): drain, commit what finished on these partitions, forget their local state.
    if (!partitions.empty())
      log::Info(err == RdKafka::ERR__REVOKE_PARTITIONS ? "kafka partitions revoked" : "kafka partitions lost",
                {{"group", settings.group_id}, {"partitions", Describe(partitions)}});
    std::set<std::string> revoked;
    for (const auto* tp : partitions) revoked.insert(TpKey(tp->topic(), tp->partition()));
    std::vector<RdKafka::TopicPartition*> to_commit;
    {
      std::unique_lock lock(mu);
      Drain(lock, [&](const std::string& tp) { return revoked.count(tp) != 0; });
      for (const auto* tp : partitions) {
        const std::string key = TpKey(tp->topic(), tp->partition());
        if (const std::int64_t at = tracker.TakeCommit(key); at >= 0)
          to_commit.push_back(RdKafka::TopicPartition::create(tp->topic(), tp->partition(), at));
        tracker.Revoke(key);
      }
    }
    for (const std::string& key : revoked) {
      paused.erase(key);
      expect.erase(key);
      std::lock_guard lock(stats_mutex);
      stats.lag.erase(key);
    }
    if (!to_commit.empty() && err == RdKafka::ERR__REVOKE_PARTITIONS) c->commitSync(to_commit);
    RdKafka::TopicPartition::destroy(to_commit);
    if (cooperative) {
      if (RdKafka::Error* e = c->incremental_unassign(partitions)) delete e;
    } else {
      c->unassign();
    }
  }

  // Drops the queued events of the partitions `which` selects (they stay uncommitted and come back
  // to whoever owns the partition next) and waits, up to drain_timeout, until none of theirs runs.
  void Drain(std::unique_lock<std::mutex>& lock, const std::function<bool(const std::string&)>& which) {
    (void)scheduler.DropQueued([&](const Work& w) { return which(w.tp); });
    auto busy = [&] {
      for (const auto& [tp, n] : running_by_tp)
        if (n > 0 && which(tp)) return true;
      return false;
    };
    if (!done_cv.wait_for(lock, settings.drain_timeout, [&] { return !busy(); }))
      log::Warn("handlers still running after the drain timeout; their events will be redelivered",
                {{"group", settings.group_id}});
  }

  // ---- the poll loop ----
  void Run() {
    auto last_commit = SteadyClock::now();
    auto last_lag = SteadyClock::now();
    while (!stopping.load(std::memory_order_acquire)) {
      ResumeDuePartitions();
      bool full = false;
      {
        std::unique_lock lock(mu);
        if (tracker.Open() >= settings.max_in_flight) {
          full = true;
          done_cv.wait_for(lock, settings.poll_timeout);
        }
      }
      if (!full) {
        std::unique_ptr<RdKafka::Message> msg(consumer->consume(static_cast<int>(settings.poll_timeout.count())));
        if (msg) Dispatch(*msg);
      }
      const auto now = SteadyClock::now();
      if (now - last_commit >= settings.commit_interval) {
        CommitPending(false);
        last_commit = now;
      }
      if (now - last_lag >= std::chrono::seconds(1)) {
        UpdateLag();
        last_lag = now;
      }
      if (settings.health_interval.count() > 0 && now >= next_health_check) {
        CheckHealth(now);
        next_health_check = now + settings.health_interval;
      }
      if (resubscribe_at && now >= *resubscribe_at) Resubscribe();
    }
    StopWorkers();
    if (elsewhere.valid()) elsewhere.wait();  // its lookups end early once `stopping` is set
    CommitPending(true);
    consumer->close();  // leaves the group (revocation runs the rebalance callback once more)
  }

  void StartWorkers() {
    workers_exit = false;
    for (int i = 0; i < std::max(1, settings.workers); ++i) workers.emplace_back([this] { WorkerLoop(); });
  }

  // Queued events are dropped (uncommitted: redelivered after a restart); running ones finish.
  void StopWorkers() {
    {
      std::unique_lock lock(mu);
      Drain(lock, [](const std::string&) { return true; });
      workers_exit = true;
    }
    work_cv.notify_all();
    for (auto& t : workers)
      if (t.joinable()) t.join();
    workers.clear();
  }

  // ---- group health: partitions nobody consumes get a fresh group join (consumer_health.hpp) ----
  void CheckHealth(SteadyClock::time_point now) {
    if (latest_stats.empty() || resubscribe_at) return;
    auto client = detail::ParseClientStats(latest_stats, topics);
    if (!client) return;
    detail::PartitionSet mine, paused_now;
    std::vector<RdKafka::TopicPartition*> assigned;
    if (consumer->assignment(assigned) == RdKafka::ERR_NO_ERROR)
      for (const auto* tp : assigned) mine.insert(TpKey(tp->topic(), tp->partition()));
    RdKafka::TopicPartition::destroy(assigned);
    for (const auto& [key, p] : paused) paused_now.insert(key);
    std::size_t fetching = 0;
    for (const std::string& tp : mine)
      if (auto it = client->fetch_state.find(tp); it != client->fetch_state.end() && it->second == "active") ++fetching;
    {
      std::lock_guard lock(stats_mutex);
      stats.fetching_partitions = fetching;
    }
    const auto why = detector.Observe(now, *client, mine, paused_now, client->group_steady ? LatestWaitingElsewhere(mine) : Waiting{});
    if (!why || now < next_rejoin_allowed) return;
    log::Warn("consumer rejoins its group: subscribed partitions are not being consumed",
              {{"group", settings.group_id}, {"why", *why}});
    {
      std::lock_guard lock(stats_mutex);
      ++stats.rejoins;
    }
    if (rejoin_counter != nullptr) rejoin_counter->Increment();
    // Leaving drops every assignment (and the offset lookups stuck with it); the subscription comes
    // back once the revocation ran, so the next join starts clean.
    CommitPending(true);
    consumer->unsubscribe();
    resubscribe_at = now + std::chrono::seconds(1);
    next_rejoin_allowed = now + 2 * settings.stall_grace;
    detector.Reset();
    last_elsewhere.clear();
  }

  // Partitions of the subscribed topics that are not assigned here but hold records past this
  // group's committed offset -> that offset. Asks the brokers only about partitions owned elsewhere
  // (none in a group of one whose assignment is whole).
  using Waiting = std::map<std::string, std::int64_t>;

  // The answer of the last finished WaitingElsewhere, which runs on a thread of its own: its lookups
  // are a metadata request, an offset fetch and one watermark query per partition owned elsewhere,
  // each a blocking round trip. On the poll thread they held every record back for up to 1.5 s once
  // per health_interval as soon as a group had two members (the order service's 18 foreign
  // partitions: finish -> PAID p90 680 ms at 10 purchases/s). The detector then sees the other
  // members' state one health_interval late, well inside stall_grace.
  Waiting LatestWaitingElsewhere(const detail::PartitionSet& mine) {
    if (elsewhere.valid() && elsewhere.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
      last_elsewhere = elsewhere.get();
    if (!elsewhere.valid()) elsewhere = std::async(std::launch::async, [this, mine] { return WaitingElsewhere(mine); });
    return last_elsewhere;
  }

  Waiting WaitingElsewhere(const detail::PartitionSet& mine) {
    std::vector<RdKafka::TopicPartition*> others;
    for (const auto& [topic, ids] : PartitionsOf(*consumer, topics, std::chrono::seconds(2)))
      for (const std::int32_t id : ids)
        if (mine.count(TpKey(topic, id)) == 0) others.push_back(RdKafka::TopicPartition::create(topic, id));
    Waiting out;
    if (!others.empty() && consumer->committed(others, 2000) == RdKafka::ERR_NO_ERROR) {
      for (const auto* tp : others) {
        if (stopping.load(std::memory_order_acquire)) break;
        int64_t low = 0, high = 0;
        if (tp->err() != RdKafka::ERR_NO_ERROR ||
            consumer->query_watermark_offsets(tp->topic(), tp->partition(), &low, &high, 1000) != RdKafka::ERR_NO_ERROR)
          continue;
        // No committed offset yet: the group starts at auto.offset.reset ("earliest": the low mark).
        const int64_t from = tp->offset() >= 0 ? tp->offset() : settings.auto_offset_reset == "earliest" ? low : high;
        if (high > from) out[TpKey(tp->topic(), tp->partition())] = tp->offset();
      }
    }
    RdKafka::TopicPartition::destroy(others);
    return out;
  }

  void Resubscribe() {
    resubscribe_at.reset();
    if (RdKafka::ErrorCode rc = consumer->subscribe(topics); rc != RdKafka::ERR_NO_ERROR) {
      log::Error("kafka re-subscribe failed; retrying", {{"group", settings.group_id}, {"error", RdKafka::err2str(rc)}});
      resubscribe_at = SteadyClock::now() + std::chrono::seconds(1);
    }
  }

  void Dispatch(RdKafka::Message& msg) {
    switch (msg.err()) {
      case RdKafka::ERR_NO_ERROR:
        break;
      case RdKafka::ERR__TIMED_OUT:
      case RdKafka::ERR__PARTITION_EOF:
        return;
      default:
        log::Warn("kafka consumer error", {{"group", settings.group_id}, {"error", msg.errstr()}});
        return;
    }
    const std::string key = TpKey(msg.topic_name(), msg.partition());
    // A paused partition was rewound to the record it waits for; anything still buffered is dropped
    // and fetched again after resume.
    if (paused.count(key) != 0) return;
    // After a resume the partition must continue exactly at the record that waited. If the rewind did
    // not take (seek on a partition that was not fetching yet), rewind again; drop anything older.
    if (auto it = expect.find(key); it != expect.end()) {
      if (msg.offset() < it->second) return;
      if (msg.offset() > it->second) {
        std::unique_ptr<RdKafka::TopicPartition> at(
            RdKafka::TopicPartition::create(msg.topic_name(), msg.partition(), it->second));
        consumer->seek(*at, 1000);
        return;
      }
      expect.erase(it);
    }
    Admit(msg, key);
  }

  // On the poll thread: decides whether a record needs a handler at all (or must wait: a retry not
  // due yet pauses its partition), decodes it and queues it behind its ordering key.
  void Admit(RdKafka::Message& msg, const std::string& tp_key) {
    const std::string record_topic = msg.topic_name();
    Headers headers = detail::ReadHeaders(msg);
    std::string topic = record_topic;
    if (auto origin = retry_origin.find(record_topic); origin != retry_origin.end()) {
      topic = origin->second;
      auto owner = FindHeader(headers, kConsumerHeader);
      if (!owner || *owner != settings.group_id) {
        FinishAtOnce(tp_key, msg.offset());  // another group's retry
        return;
      }
      if (auto due = NotBeforeOf(headers); due && *due > NowMs()) {
        Pause(msg, tp_key, *due);
        return;
      }
    }
    auto sub = subscriptions.find(topic);
    if (sub == subscriptions.end()) {
      FinishAtOnce(tp_key, msg.offset());
      return;
    }

    Work w;
    w.tp = tp_key;
    w.ev.topic = topic;
    w.ev.partition = msg.partition();
    w.ev.offset = msg.offset();
    if (const std::string* k = msg.key()) w.ev.key = *k;
    w.ev.payload.assign(static_cast<const char*>(msg.payload()), msg.len());
    w.origin = OriginOf(record_topic, msg.partition(), msg.offset(), headers);
    w.failed = AttemptsOf(headers);
    auto envelope = DecodeEnvelope(headers);
    if (envelope.ok()) {
      w.ev.envelope = std::move(envelope).value();
    } else if (!settings.require_envelope && !FindHeader(headers, kEventIdHeader)) {
      w.ev.envelope.event_id = SyntheticEventId(w.origin.topic, w.origin.partition, w.origin.offset);
      w.ev.envelope.event_type = topic;
      w.ev.envelope.source = "unknown";
      w.ev.envelope.produced_at = TimePoint(std::chrono::milliseconds(msg.timestamp().timestamp));
    } else {
      w.dead = envelope.error();
    }
    w.ev.headers = std::move(headers);
    std::string ordering = sub->second.ordering && !w.dead ? sub->second.ordering(w.ev) : std::string();
    if (ordering.empty())
      ordering = tp_key + (msg.key() != nullptr ? "\x1f" + *msg.key() : std::string());
    {
      std::lock_guard lock(mu);
      w.epoch = EpochFor(tp_key);
      tracker.Started(tp_key, w.epoch, msg.offset());
      scheduler.Add(std::move(ordering), topic, std::move(w));
    }
    work_cv.notify_one();
  }

  void FinishAtOnce(const std::string& tp_key, std::int64_t offset) {
    std::lock_guard lock(mu);
    const std::uint64_t epoch = EpochFor(tp_key);
    tracker.Started(tp_key, epoch, offset);
    tracker.Finished(tp_key, epoch, offset);
  }

  // The current assignment of a partition a record came from (assigned in the rebalance callback;
  // tracked here too should a record ever precede it). Callers hold `mu`.
  std::uint64_t EpochFor(const std::string& tp_key) {
    const std::uint64_t epoch = tracker.EpochOf(tp_key);
    return epoch != 0 ? epoch : tracker.Assign(tp_key);
  }

  // ---- workers ----
  void WorkerLoop() {
    std::unique_lock lock(mu);
    for (;;) {
      work_cv.wait(lock, [&] { return workers_exit || scheduler.HasReady(); });
      if (!scheduler.HasReady()) return;  // workers_exit: nothing left to run
      auto batch = scheduler.Take([&](const std::string& topic) { return subscriptions.at(topic).max_batch; });
      for (const auto& entry : batch) ++running_by_tp[entry.item.tp];
      lock.unlock();
      RunBatch(batch);
      lock.lock();
    }
  }

  // An event of a running batch is through (finished: handled or parked; else it comes back after a
  // restart): its key's next event may run and its offset may be committed. Takes the lock.
  void Complete(const detail::KeyScheduler<Work>::Entry& entry, bool finished) {
    {
      std::lock_guard lock(mu);
      const Work& w = entry.item;
      scheduler.Done(entry.key);
      if (--running_by_tp[w.tp] == 0) running_by_tp.erase(w.tp);
      if (finished) tracker.Finished(w.tp, w.epoch, w.ev.offset);
    }
    done_cv.notify_all();
    work_cv.notify_one();
  }

  // Runs one batch (one topic). Events that succeed are completed at once; the failed ones are then
  // retried one by one, so a failing event never holds back the rest of its batch.
  void RunBatch(std::vector<detail::KeyScheduler<Work>::Entry>& batch) {
    const Subscription& sub = subscriptions.at(batch.front().group);
    std::vector<std::size_t> live;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      Work& w = batch[i].item;
      if (w.dead) {
        Complete(batch[i], Park(w, w.failed + 1, *w.dead, /*dead=*/true));
      } else {
        live.push_back(i);
      }
    }
    if (sub.batch_handler && live.size() > 1) {
      std::vector<IncomingEvent> events;
      events.reserve(live.size());
      for (std::size_t i : live) events.push_back(std::move(batch[i].item.ev));
      std::vector<Status> results = CallBatch(sub.batch_handler, events);
      std::vector<std::pair<std::size_t, Status>> failed;
      for (std::size_t j = 0; j < live.size(); ++j) {
        Work& w = batch[live[j]].item;
        w.ev = std::move(events[j]);
        if (results[j].ok()) {
          Complete(batch[live[j]], Settle(sub, w, std::move(results[j])));
        } else {
          failed.emplace_back(live[j], std::move(results[j]));
        }
      }
      for (auto& [i, result] : failed) Complete(batch[i], Settle(sub, batch[i].item, std::move(result)));
      return;
    }
    for (std::size_t i : live) Complete(batch[i], Settle(sub, batch[i].item, std::nullopt));
  }

  // Handles one event until it succeeded or was parked (true), or the consumer stops during an
  // in-place retry wait (false: not finished, redelivered later). `first` is the outcome of an
  // attempt already made in a batch.
  bool Settle(const Subscription& sub, Work& w, std::optional<Status> first) {
    log::Context ctx{w.ev.envelope.event_id, w.ev.envelope.trace_id};
    log::ScopedContext scoped(ctx);
    int failed = w.failed;
    for (;;) {
      w.ev.attempt = failed + 1;
      Status result = first ? std::move(*first) : CallOne(sub, w.ev);
      first.reset();
      if (result.ok()) {
        {
          std::lock_guard lock(stats_mutex);
          ++stats.processed;
        }
        Count(processed_counters, processed_family, w.ev.topic);
        return true;
      }
      ++failed;
      {
        std::lock_guard lock(stats_mutex);
        ++stats.failed_attempts;
      }
      const RetryDecision d = policy.Decide(failed, result.error().retryable);
      log::Warn("event handler failed", {{"group", settings.group_id}, {"topic", w.ev.topic},
                                         {"attempt", failed}, {"error", result.error().code},
                                         {"detail", result.error().message}});
      if (d.action == RetryAction::kRetryInPlace) {
        if (!SleepUnlessStopping(d.delay)) return false;
        continue;
      }
      return Park(w, failed, result.error(), d.action == RetryAction::kDeadLetter, d.delay);
    }
  }

  Status CallOne(const Subscription& sub, const IncomingEvent& ev) {
    if (sub.handler) return Timed(ev.topic, 1, [&] { return sub.handler(ev); });
    std::vector<Status> results = CallBatch(sub.batch_handler, std::span<const IncomingEvent>(&ev, 1));
    return std::move(results.front());
  }

  std::vector<Status> CallBatch(const BatchHandler& handler, std::span<const IncomingEvent> events) {
    std::vector<Status> results;
    const Status whole = Timed(events.front().topic, events.size(), [&]() -> Status {
      results = handler(events);
      if (results.size() != events.size())
        return Error::Transient("events.batch_result", "batch handler returned " + std::to_string(results.size()) +
                                                           " results for " + std::to_string(events.size()) + " events");
      return {};
    });
    if (!whole) results.assign(events.size(), whole);
    return results;
  }

  // Runs `call`, turning exceptions into retryable errors, and records its latency once per event.
  template <class F>
  Status Timed(const std::string& topic, std::size_t events, F&& call) {
    const auto start = SteadyClock::now();
    Status result;
    try {
      result = call();
    } catch (const std::exception& e) {
      result = Error::Transient("events.handler_exception", e.what());
    } catch (...) {
      result = Error::Transient("events.handler_exception", "unknown exception");
    }
    const double secs = std::chrono::duration<double>(SteadyClock::now() - start).count();
    {
      std::lock_guard lock(stats_mutex);
      stats.handler_calls += events;
      stats.handler_seconds_sum += secs;
      stats.handler_seconds_max = std::max(stats.handler_seconds_max, secs);
    }
    if (settings.metrics != nullptr) {
      std::lock_guard lock(metrics_mutex);
      LatencyOf(topic).Observe(secs);
    }
    return result;
  }

  // Publishes the event to <topic>.retry (due after `delay`) or <topic>.DLQ; true once the broker
  // acknowledged. Retries the publish until it succeeds or the consumer stops (then false: the
  // record is not committed and comes back: at-least-once).
  bool Park(const Work& w, int attempts, const Error& error, bool dead, std::chrono::milliseconds delay = {}) {
    FailureInfo info{w.origin.topic, w.origin.partition, w.origin.offset, error.code + ": " + error.message,
                     attempts, NowMs(), settings.group_id};
    OutgoingMessage out;
    out.topic = dead ? DlqTopicOf(w.ev.topic) : RetryTopicOf(w.ev.topic, settings.group_id);
    out.key = w.ev.key;
    out.payload = w.ev.payload;
    out.headers = dead ? BuildDeadLetterHeaders(w.ev.headers, info) : BuildRetryHeaders(w.ev.headers, info, NowMs() + delay);
    for (std::chrono::milliseconds backoff{100};; backoff = std::min(backoff * 2, std::chrono::milliseconds(5000))) {
      auto sent = producer.SendAndWait(out);
      if (sent.ok()) break;
      log::Error("cannot park failed event", {{"topic", out.topic}, {"error", sent.error().code}});
      if (!SleepUnlessStopping(backoff)) return false;
    }
    {
      std::lock_guard lock(stats_mutex);
      ++(dead ? stats.dead_lettered : stats.requeued);
    }
    if (dead) {
      Count(dlq_counters, dlq_family, w.ev.topic);
    } else {
      Count(requeue_counters, requeue_family, w.ev.topic);
    }
    if (dead)
      log::Error("event dead-lettered", {{"group", settings.group_id}, {"topic", w.ev.topic}, {"attempts", attempts},
                                         {"reason", info.reason}});
    return true;
  }

  void Pause(RdKafka::Message& msg, const std::string& tp_key, TimePoint due) {
    std::vector<RdKafka::TopicPartition*> tps{RdKafka::TopicPartition::create(msg.topic_name(), msg.partition())};
    consumer->pause(tps);
    RdKafka::TopicPartition::destroy(tps);
    // Rewind to the waiting record so it is fetched again once the partition resumes.
    std::unique_ptr<RdKafka::TopicPartition> at(
        RdKafka::TopicPartition::create(msg.topic_name(), msg.partition(), msg.offset()));
    consumer->seek(*at, 1000);
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(due - NowMs());
    paused[tp_key] = PausedPartition{msg.topic_name(), msg.partition(), msg.offset(), SteadyClock::now() + wait};
  }

  void ResumeDuePartitions() {
    const auto now = SteadyClock::now();
    for (auto it = paused.begin(); it != paused.end();) {
      if (it->second.resume_at > now) {
        ++it;
        continue;
      }
      std::vector<RdKafka::TopicPartition*> tps{RdKafka::TopicPartition::create(it->second.topic, it->second.partition)};
      consumer->resume(tps);
      RdKafka::TopicPartition::destroy(tps);
      expect[it->first] = it->second.offset;
      it = paused.erase(it);
    }
  }

  void CommitPending(bool sync) {
    std::map<std::string, std::int64_t> positions;
    {
      std::lock_guard lock(mu);
      positions = tracker.TakeCommits();
    }
    if (positions.empty()) return;
    std::vector<RdKafka::TopicPartition*> offsets;
    for (const auto& [key, offset] : positions) {
      const auto slash = key.rfind('/');
      offsets.push_back(
          RdKafka::TopicPartition::create(key.substr(0, slash), std::stoi(key.substr(slash + 1)), offset));
    }
    RdKafka::ErrorCode rc = sync ? consumer->commitSync(offsets) : consumer->commitAsync(offsets);
    if (rc != RdKafka::ERR_NO_ERROR)
      log::Warn("kafka commit failed", {{"group", settings.group_id}, {"error", RdKafka::err2str(rc)}});
    RdKafka::TopicPartition::destroy(offsets);
  }

  void UpdateLag() {
    std::vector<RdKafka::TopicPartition*> assigned;
    if (consumer->assignment(assigned) != RdKafka::ERR_NO_ERROR) return;
    consumer->position(assigned);
    std::map<std::string, std::int64_t> lag;
    for (auto* tp : assigned) {
      int64_t low = 0, high = 0;
      if (consumer->get_watermark_offsets(tp->topic(), tp->partition(), &low, &high) != RdKafka::ERR_NO_ERROR) continue;
      if (high < 0) continue;
      const int64_t pos = tp->offset() >= 0 ? tp->offset() : low;
      const std::string key = TpKey(tp->topic(), tp->partition());
      lag[key] = std::max<int64_t>(0, high - pos);
      if (settings.metrics != nullptr)
        lag_family->Add({{"group", settings.group_id}, {"topic", tp->topic()}, {"partition", std::to_string(tp->partition())}})
            .Set(static_cast<double>(lag[key]));
    }
    RdKafka::TopicPartition::destroy(assigned);
    std::lock_guard lock(stats_mutex);
    stats.lag = std::move(lag);
  }

  bool SleepUnlessStopping(std::chrono::milliseconds d) {
    std::unique_lock lock(stop_mutex);
    return !stop_cv.wait_for(lock, d, [&] { return stopping.load(); });
  }

  // Callers hold metrics_mutex.
  metrics::Histogram& LatencyOf(const std::string& topic) {
    auto it = latency.find(topic);
    if (it == latency.end())
      it = latency.emplace(topic, &latency_family->Add({{"group", settings.group_id}, {"topic", topic}},
                                                       metrics::Registry::LatencyBuckets())).first;
    return *it->second;
  }
  void Count(std::unordered_map<std::string, metrics::Counter*>& cache, metrics::Family<metrics::Counter>* family,
             const std::string& topic) {
    if (settings.metrics == nullptr) return;
    std::lock_guard lock(metrics_mutex);
    auto it = cache.find(topic);
    if (it == cache.end())
      it = cache.emplace(topic, &family->Add({{"group", settings.group_id}, {"topic", topic}})).first;
    it->second->Increment();
  }

  struct PausedPartition {
    std::string topic;
    std::int32_t partition;
    std::int64_t offset;  // the record that waits
    SteadyClock::time_point resume_at;
  };

  ConsumerSettings settings;
  Producer& producer;
  RetryPolicy policy;
  std::map<std::string, Subscription> subscriptions;  // by topic; fixed once started
  std::map<std::string, std::string> retry_origin;     // this group's retry topic -> its topic; set by Start
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
  std::thread thread;
  std::atomic<bool> stopping{false};
  std::atomic<bool> running{false};
  std::mutex stop_mutex;
  std::condition_variable stop_cv;

  // Shared by the poll thread and the workers, under `mu`.
  std::mutex mu;
  std::condition_variable work_cv;  // an event became ready, or the workers must exit
  std::condition_variable done_cv;  // an event finished
  detail::KeyScheduler<Work> scheduler;
  detail::OffsetTracker tracker;
  std::map<std::string, int> running_by_tp;  // "topic/partition" -> events running on workers
  bool workers_exit = false;
  std::vector<std::thread> workers;

  // Poll-thread state.
  std::map<std::string, PausedPartition> paused;
  std::map<std::string, std::int64_t> expect;  // resumed partitions: the offset that must come next
  std::vector<std::string> topics;             // the subscription (handled topics and their .retry)
  std::string latest_stats;                    // librdkafka's last statistics document
  detail::StallDetector detector;
  std::future<std::map<std::string, std::int64_t>> elsewhere;  // LatestWaitingElsewhere's running lookup
  std::map<std::string, std::int64_t> last_elsewhere;          // and its last answer
  SteadyClock::time_point next_health_check{}, next_rejoin_allowed{};
  std::optional<SteadyClock::time_point> resubscribe_at;

  mutable std::mutex stats_mutex;
  ConsumerStats stats;

  std::mutex metrics_mutex;  // the per-topic caches below
  metrics::Family<metrics::Gauge>* lag_family = nullptr;
  metrics::Family<metrics::Histogram>* latency_family = nullptr;
  metrics::Family<metrics::Counter>* processed_family = nullptr;
  metrics::Family<metrics::Counter>* requeue_family = nullptr;
  metrics::Family<metrics::Counter>* dlq_family = nullptr;
  metrics::Counter* rejoin_counter = nullptr;
  std::unordered_map<std::string, metrics::Histogram*> latency;
  std::unordered_map<std::string, metrics::Counter*> processed_counters, requeue_counters, dlq_counters;
};

Consumer::Consumer(ConsumerSettings settings, Producer& producer)
    : impl_(std::make_unique<Impl>(std::move(settings), producer)) {}

Consumer::~Consumer() { Stop(); }

void Consumer::Subscribe(std::string topic, Handler handler, OrderingKey ordering) {
  Subscription& sub = impl_->subscriptions[std::move(topic)];
  sub = Subscription{};
  sub.handler = std::move(handler);
  sub.ordering = std::move(ordering);
}

void Consumer::SubscribeBatch(std::string topic, BatchHandler handler, std::size_t max_batch, OrderingKey ordering) {
  Subscription& sub = impl_->subscriptions[std::move(topic)];
  sub = Subscription{};
  sub.batch_handler = std::move(handler);
  sub.max_batch = std::max<std::size_t>(1, max_batch);
  sub.ordering = std::move(ordering);
}

Status Consumer::Start() {
  auto& s = impl_->settings;
  if (impl_->running) return {};
  if (s.group_id.empty()) return Error::Permanent("kafka.settings", "consumer group_id is empty");
  if (impl_->subscriptions.empty()) return Error::Permanent("kafka.settings", "no handler subscribed");
  const bool use_retry_topic = impl_->policy.settings().max_attempts > impl_->policy.settings().in_place_attempts;
  std::vector<std::string> topics;
  std::vector<TopicSpec> specs;
  for (const auto& [topic, sub] : impl_->subscriptions) {
    topics.push_back(topic);
    specs.push_back({topic, s.topic_partitions, s.topic_replication});
    specs.push_back({DlqTopicOf(topic), kFailureTopicPartitions, s.topic_replication});
    if (use_retry_topic) {
      const std::string retry = RetryTopicOf(topic, s.group_id);
      topics.push_back(retry);
      specs.push_back({retry, kFailureTopicPartitions, s.topic_replication});
      impl_->retry_origin[retry] = topic;
    }
  }
  if (s.create_topics)
    if (auto st = EnsureTopics(s.brokers, s.credentials, specs); !st) return st;

  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  if (s.group_protocol != "classic" && s.group_protocol != "consumer")
    return Error::Permanent("kafka.settings", "group protocol must be classic or consumer, not " + s.group_protocol);
  KafkaProperties props = {
      {"bootstrap.servers", s.brokers},
      {"group.id", s.group_id},
      {"client.id", s.client_id},
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"auto.offset.reset", s.auto_offset_reset},
      {"fetch.wait.max.ms", std::to_string(s.fetch_wait_max_ms)},
      {"socket.nagle.disable", "true"},
      {"topic.metadata.refresh.interval.ms", "10000"},
      {"statistics.interval.ms", std::to_string(s.health_interval.count())},
  };
  if (s.group_protocol == "consumer") {
    // librdkafka refuses the classic protocol's membership settings with this one.
    props.push_back({"group.protocol", "consumer"});
  } else {
    props.push_back({"partition.assignment.strategy", "cooperative-sticky"});
    props.push_back({"session.timeout.ms", std::to_string(s.session_timeout.count())});
    props.push_back({"heartbeat.interval.ms", std::to_string(std::max<long long>(100, s.session_timeout.count() / 5))});
  }
  if (auto st = detail::ApplyProperties(*conf, props); !st) return st;
  if (auto st = detail::ApplyProperties(*conf, CredentialProperties(s.credentials)); !st) return st;
  if (auto st = detail::ApplyProperties(*conf, s.extra); !st) return st;
  std::string err;
  if (conf->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(impl_.get()), err) != RdKafka::Conf::CONF_OK)
    return Error::Permanent("kafka.settings", "rebalance_cb: " + err);
  if (conf->set("event_cb", static_cast<RdKafka::EventCb*>(impl_.get()), err) != RdKafka::Conf::CONF_OK)
    return Error::Permanent("kafka.settings", "event_cb: " + err);
  impl_->consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!impl_->consumer) return Error::Permanent("kafka.settings", "consumer: " + err);
  // A topic that shows up in the consumer's metadata while the group is still joining does not
  // trigger another rebalance (librdkafka issue 3008), so a just-created retry topic could stay
  // unassigned: the consumer's own metadata must know every topic before it subscribes.
  WaitUntilVisible(*impl_->consumer, topics, std::chrono::seconds(15));
  impl_->topics = topics;
  if (RdKafka::ErrorCode rc = impl_->consumer->subscribe(topics); rc != RdKafka::ERR_NO_ERROR)
    return detail::KafkaError(rc, "subscribe", "kafka.settings");

  if (s.metrics != nullptr) {
    impl_->lag_family = &s.metrics->GaugeFamily("eda_consumer_lag", "Records behind the high watermark per partition");
    impl_->latency_family =
        &s.metrics->HistogramFamily("eda_consumer_handler_seconds", "Event handler latency per attempt");
    impl_->processed_family = &s.metrics->CounterFamily("eda_consumer_processed_total", "Events handled successfully");
    impl_->requeue_family = &s.metrics->CounterFamily("eda_consumer_requeued_total", "Events sent to the retry topic");
    impl_->dlq_family = &s.metrics->CounterFamily("eda_consumer_dead_lettered_total", "Events sent to the DLQ");
    impl_->rejoin_counter =
        &s.metrics->CounterFamily("eda_consumer_rejoins_total", "Group rejoins after partitions went unconsumed")
             .Add({{"group", s.group_id}});
  }
  impl_->stopping = false;
  impl_->StartWorkers();
  impl_->thread = std::thread([impl = impl_.get()] { impl->Run(); });
  impl_->running = true;
  return {};
}

void Consumer::Stop() {
  if (!impl_->running.exchange(false)) return;
  {
    std::lock_guard lock(impl_->stop_mutex);
    impl_->stopping = true;
  }
  impl_->stop_cv.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->consumer.reset();
}

ConsumerStats Consumer::Stats() const {
  std::lock_guard lock(impl_->stats_mutex);
  return impl_->stats;
}

}  // namespace eda::events
