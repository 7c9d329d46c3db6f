#include "eda/events/outbox_relay.hpp"

#include <atomic>
#include <condition_variable>
#include <future>
#include <optional>
#include <unordered_set>
#include <mutex>
#include <thread>
#include <vector>

#include "eda/events/producer.hpp"
#include "eda/log/log.hpp"
#include "eda/metrics/registry.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/retry.hpp"

namespace eda::events {
namespace {

constexpr std::size_t kMarkChunk = 500;  // ids per UPDATE ... WHERE id IN (?, ...)

std::string Placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ",?";
  return s;
}

// Collects the delivery reports of one batch.
struct BatchWaiter {
  explicit BatchWaiter(std::size_t n) : results(n, Status()), remaining(n) {}
  void Done(std::size_t i, Status s) {
    std::lock_guard lock(mutex);
    results[i] = std::move(s);
    if (--remaining == 0) cv.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return remaining == 0; });
  }
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<Status> results;
  std::size_t remaining;
};

}  // namespace

struct OutboxRelay::Impl {
  Impl(OutboxRelaySettings s, sql::Pool& p, Producer& pr) : settings(std::move(s)), outbox(settings.table), pool(p), producer(pr) {
    select_sql = "SELECT id, aggregate_key, topic, headers, payload FROM " + outbox.table() +
                 " WHERE published_at IS NULL ORDER BY id LIMIT ?";
    lock_sql = "SELECT id FROM " + outbox.table() + "_lock WHERE id = 1 FOR UPDATE SKIP LOCKED";
    mark_sql = "UPDATE " + outbox.table() + " SET published_at = ? WHERE id IN (" + Placeholders(kMarkChunk) + ")";
    if (settings.metrics != nullptr) {
      const metrics::Labels labels{{"table", outbox.table()}};
      backlog_gauge = &settings.metrics->AddGauge("eda_outbox_backlog", "Unpublished outbox rows", labels);
      published_counter = &settings.metrics->AddCounter("eda_outbox_published_total", "Outbox rows published", labels);
      failure_counter = &settings.metrics->AddCounter("eda_outbox_failures_total", "Failed relay rounds", labels);
    }
  }

  // ---- leadership: one relay publishes at a time ----
  // The leader holds the row lock of `<table>_lock` in an open transaction on its own connection for as
  // long as it leads; if the process dies, the connection dies and the lock is released.
  bool EnsureLeader() {
    const auto now = std::chrono::steady_clock::now();
    if (leader_tx) {
      if (now - last_heartbeat < std::chrono::seconds(1)) return true;
      auto alive = leader_tx->Query("SELECT 1");
      if (alive) {
        last_heartbeat = now;
        return true;
      }
      log::Warn("outbox relay lost its leader connection", {{"table", outbox.table()}, {"error", alive.error().code}});
      ReleaseLeader();
    }
    auto conn = pool.Acquire();
    if (!conn) return false;
    // The Transaction points at its Connection: give the connection its final home first.
    leader_conn.emplace(std::move(conn).value());
    auto tx = leader_conn->Begin(sql::TransactionOptions{sql::IsolationLevel::kReadCommitted, false});
    if (!tx) {
      leader_conn.reset();
      return false;
    }
    auto lock = tx->Query(lock_sql);
    if (!lock || lock->empty()) {
      (void)tx->Rollback();
      leader_conn.reset();
      std::lock_guard l(stats_mutex);
      ++stats.standby_rounds;
      return false;
    }
    leader_tx.emplace(std::move(tx).value());
    last_heartbeat = now;
    return true;
  }

  void ReleaseLeader() {
    if (leader_tx) (void)leader_tx->Rollback();
    leader_tx.reset();
    leader_conn.reset();
  }

  // ---- marking (runs on a helper thread, overlapping the next batch's publishing) ----
  Status Mark(const std::vector<std::uint64_t>& ids) {
    return sql::RetryTransaction(pool, [&](sql::Transaction& tx) -> Status {
      const auto now = std::chrono::system_clock::now();
      for (std::size_t start = 0; start < ids.size(); start += kMarkChunk) {
        std::vector<sql::Param> params;
        params.reserve(kMarkChunk + 1);
        params.emplace_back(now);
        for (std::size_t j = 0; j < kMarkChunk; ++j)
          params.emplace_back(ids[std::min(start + j, ids.size() - 1)]);  // pad with a repeated id
        auto r = tx.Execute(mark_sql, params);
        if (!r) return std::move(r).error();
      }
      return {};
    });
  }

  // Waits for the marking in progress; its rows leave the in-flight set either way (if marking
  // failed they are still pending and get published again: a duplicate, never a loss).
  Status FinishMarking() {
    if (!marking.valid()) return {};
    Status s = marking.get();
    if (s.ok()) {
      std::lock_guard l(stats_mutex);
      stats.published += marking_ids.size();
      if (published_counter != nullptr) published_counter->Increment(static_cast<double>(marking_ids.size()));
    }
    for (auto id : marking_ids) in_flight.erase(id);
    marking_ids.clear();
    return s;
  }

  // One round as leader: select pending rows in id order (skipping rows acknowledged but still being
  // marked), publish them, wait for every acknowledgement, then hand the acknowledged prefix to the
  // marker. Returns the number of rows acknowledged.
  Result<std::size_t> Round() {
    auto conn = pool.Acquire();
    if (!conn) return std::move(conn).error();
    auto rows = conn->Query(select_sql, {static_cast<std::int64_t>(settings.batch_size + in_flight.size())});
    if (!rows) return std::move(rows).error();
    {
      std::lock_guard l(stats_mutex);
      ++stats.rounds;
    }
    std::vector<const sql::Row*> todo;
    for (const auto& row : *rows)
      if (in_flight.count(row.Get<std::uint64_t>("id")) == 0 && todo.size() < static_cast<std::size_t>(settings.batch_size))
        todo.push_back(&row);
    if (todo.empty()) return std::size_t{0};

    // Queue the whole batch in id order (the producer keeps per-partition order), then wait.
    const std::size_t n = todo.size();
    std::vector<std::uint64_t> ids(n);
    auto waiter = std::make_shared<BatchWaiter>(n);
    for (std::size_t i = 0; i < n; ++i) {
      const sql::Row& row = *todo[i];
      ids[i] = row.Get<std::uint64_t>("id");
      OutgoingMessage m;
      m.topic = row.Get<std::string>("topic");
      m.key = row.Get<std::string>("aggregate_key");
      m.payload = row.Get<std::string>("payload");
      auto headers = DecodeHeadersJson(row.Get<std::string>("headers"));
      if (!headers) {
        waiter->Done(i, headers.error());
        continue;
      }
      m.headers = std::move(headers).value();
      producer.Send(std::move(m), [waiter, i](Result<Delivery> d) {
        waiter->Done(i, d.ok() ? Status() : Status(d.error()));
      });
    }
    waiter->Wait();  // bounded by the producer's delivery timeout

    std::size_t ok_prefix = 0;
    while (ok_prefix < n && waiter->results[ok_prefix].ok()) ++ok_prefix;
    if (ok_prefix > 0) {
      if (acked.empty()) oldest_acked = std::chrono::steady_clock::now();
      acked.insert(acked.end(), ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(ok_prefix));
      in_flight.insert(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(ok_prefix));
    }
    if (auto s = PumpMarking(false); !s) log::Warn("outbox relay marking failed", {{"error", s.error().code}});
    if (ok_prefix < n) return waiter->results[ok_prefix].error();
    return ok_prefix;
  }

  // Hands the acknowledged rows to the marker once the previous marking finished and the oldest of
  // them waited mark_interval (or at once with `flush`, which also waits for that marking). One
  // marking transaction then covers every round of the interval instead of one commit per round.
  Status PumpMarking(bool flush) {
    Status status;
    if (marking.valid()) {
      if (!flush && marking.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return status;
      status = FinishMarking();
    }
    if (acked.empty()) return status;
    if (!flush && std::chrono::steady_clock::now() - oldest_acked < settings.mark_interval) return status;
    marking_ids = std::move(acked);
    acked.clear();
    marking = std::async(std::launch::async, [this, batch = marking_ids] { return Mark(batch); });
    if (flush) status = FinishMarking();
    return status;
  }

  // The public one-shot form: lead, one round, wait for marking, step down.
  Result<std::size_t> RelayOnce() {
    if (!EnsureLeader()) return std::size_t{0};
    auto r = Round();
    Status marked = PumpMarking(true);
    ReleaseLeader();
    if (!r) return r;
    if (!marked) return std::move(marked).error();
    return r;
  }

  void RefreshBacklog() {
    auto conn = pool.Acquire();
    if (!conn) return;
    auto r = conn->Query("SELECT COUNT(*) AS n FROM " + outbox.table() + " WHERE published_at IS NULL");
    if (!r || r->empty()) return;
    const auto n = r->front().Get<std::int64_t>("n");
    {
      std::lock_guard l(stats_mutex);
      stats.backlog = n;
    }
    if (backlog_gauge != nullptr) backlog_gauge->Set(static_cast<double>(n));
  }

  void Cleanup() {
    auto conn = pool.Acquire();
    if (!conn) return;
    const auto cutoff = std::chrono::system_clock::now() - settings.retention;
    auto r = conn->Execute("DELETE FROM " + outbox.table() +
                               " WHERE published_at IS NOT NULL AND published_at < ? ORDER BY published_at LIMIT 10000",
                           {cutoff});
    if (r) {
      std::lock_guard l(stats_mutex);
      stats.cleaned += r->affected_rows;
    }
  }

  // After a round that found rows: a transaction of this process still open (or committed, its Wake()
  // still on the way), or a Wake() that arrived during the round, may have written them.
  bool LocalWriteMayExplain() {
    if (settings.local_writes_open && settings.local_writes_open()) return true;
    std::lock_guard lock(wake_mutex);
    return woken;
  }

  void Run() {
    auto last_backlog = std::chrono::steady_clock::time_point{};
    auto last_cleanup = std::chrono::steady_clock::now();
    std::chrono::milliseconds idle_wait = settings.poll_interval;
    bool timed_out = false;                      // the last wait ended without a Wake()
    auto shared_until = std::chrono::steady_clock::time_point{};
    while (!stopping) {
      std::chrono::milliseconds wait{0};
      Result<std::size_t> r = std::size_t{0};
      if (EnsureLeader()) {
        r = Round();
        if (r.ok() && *r == 0) {
          // Idle: nothing to overlap a marking in progress with, so wait for it rather than poll.
          Status finished = FinishMarking();
          Status pumped = PumpMarking(false);
          if (!finished) r = std::move(finished).error();
          else if (!pumped) r = std::move(pumped).error();
        }
      }
      if (!r) {
        {
          std::lock_guard l(stats_mutex);
          ++stats.failures;
        }
        if (failure_counter != nullptr) failure_counter->Increment();
        log::Warn("outbox relay round failed", {{"table", outbox.table()}, {"error", r.error().code},
                                                {"detail", r.error().message}});
        wait = settings.error_backoff;
      } else if (*r == 0) {
        // An idle relay polls less and less often (a Wake() after a commit is what keeps latency low),
        // but not while another instance's commits, which cannot wake it, keep arriving.
        wait = idle_wait;
        const bool shared = std::chrono::steady_clock::now() < shared_until;
        idle_wait = std::min(idle_wait * 2, std::max(settings.poll_interval,
                                                     shared ? settings.shared_idle_max : settings.idle_max));
      } else {
        if (timed_out && !LocalWriteMayExplain()) shared_until = std::chrono::steady_clock::now() + settings.shared_hold;
        idle_wait = settings.poll_interval;
        // A round short of batch_size left nothing behind when it read: rows committed since then
        // Wake() this relay (the same process) or are another instance's, found after poll_interval.
        // Polling again at once would mostly read nothing (at 40 purchases/s it was one empty SELECT
        // per published round in each of four services).
        if (*r < static_cast<std::size_t>(settings.batch_size)) wait = settings.poll_interval;
      }
      const auto now = std::chrono::steady_clock::now();
      if (now - last_backlog >= settings.backlog_interval) {
        RefreshBacklog();
        last_backlog = now;
      }
      if (now - last_cleanup >= settings.cleanup_interval) {
        Cleanup();
        last_cleanup = now;
      }
      // Acknowledged rows wait for their marking no longer than mark_interval, however idle the relay.
      if (!acked.empty()) wait = std::min(wait, std::max(settings.mark_interval, std::chrono::milliseconds(1)));
      timed_out = false;
      if (wait.count() > 0) {
        std::unique_lock lock(wake_mutex);
        if (wake_cv.wait_for(lock, wait, [&] { return stopping.load() || woken; })) idle_wait = settings.poll_interval;
        else timed_out = true;
        woken = false;
      }
    }
    (void)PumpMarking(true);
    ReleaseLeader();
  }

  OutboxRelaySettings settings;
  Outbox outbox;
  sql::Pool& pool;
  Producer& producer;
  std::string select_sql, lock_sql, mark_sql;
  // Leadership and the marking pipeline; used by the relay thread (or RelayOnce's caller) only.
  std::optional<sql::Connection> leader_conn;
  std::optional<sql::Transaction> leader_tx;  // declared after leader_conn: destroyed first
  std::chrono::steady_clock::time_point last_heartbeat{};
  std::future<Status> marking;
  std::vector<std::uint64_t> marking_ids;
  std::vector<std::uint64_t> acked;  // acknowledged by the broker, not yet handed to the marker
  std::chrono::steady_clock::time_point oldest_acked{};
  std::unordered_set<std::uint64_t> in_flight;
  std::thread thread;
  std::atomic<bool> stopping{false};
  std::mutex wake_mutex;
  std::condition_variable wake_cv;
  bool woken = false;
  mutable std::mutex stats_mutex;
  OutboxRelayStats stats;
  metrics::Gauge* backlog_gauge = nullptr;
  metrics::Counter* published_counter = nullptr;
  metrics::Counter* failure_counter = nullptr;
};

OutboxRelay::OutboxRelay(OutboxRelaySettings settings, sql::Pool& pool, Producer& producer)
    : impl_(std::make_unique<Impl>(std::move(settings), pool, producer)) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  if (impl_->thread.joinable()) return;
  impl_->stopping = false;
  impl_->thread = std::thread([impl = impl_.get()] { impl->Run(); });
}

void OutboxRelay::Stop() {
  {
    std::lock_guard lock(impl_->wake_mutex);
    impl_->stopping = true;
  }
  impl_->wake_cv.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

void OutboxRelay::Wake() {
  {
    std::lock_guard lock(impl_->wake_mutex);
    impl_->woken = true;
  }
  impl_->wake_cv.notify_all();
}

Result<std::size_t> OutboxRelay::RelayOnce() { return impl_->RelayOnce(); }

OutboxRelayStats OutboxRelay::Stats() const {
  std::lock_guard l(impl_->stats_mutex);
  return impl_->stats;
}

}  // namespace eda::events
