#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "eda/core/result.hpp"
#include "eda/events/outbox.hpp"

namespace eda::sql {
class Pool;
}
namespace eda::metrics {
class Registry;
}

namespace eda::events {

class Producer;

struct OutboxRelaySettings {
  std::string table = "outbox";                        // the Outbox's table
  int batch_size = 2000;                               // rows fetched and published per round
  std::chrono::milliseconds poll_interval{10};         // idle wait when nothing is pending (or Wake())
  std::chrono::milliseconds idle_max{200};             // the idle wait doubles after empty rounds up to this
  // Rows another instance committed wake no one here: the leader finds them by polling. When a round
  // after an un-woken wait found rows that no write of this process can explain, another instance is
  // writing; for shared_hold after that the idle wait stays at most shared_idle_max, so those rows
  // wait milliseconds, not up to idle_max.
  std::chrono::milliseconds shared_idle_max{20};
  std::chrono::milliseconds shared_hold{10'000};
  // Whether this process has a write to the outbox in progress (Outbox::HasOpenWrites): between its
  // commit and its Wake() a round may find its rows, which are then not another instance's. Empty:
  // every row found after an un-woken wait counts as another instance's.
  std::function<bool()> local_writes_open;
  std::chrono::milliseconds error_backoff{500};        // wait after a failed round
  // How long acknowledged rows may wait to be marked published, so that one marking transaction
  // covers many rounds. A crashed relay republishes at most these rows (consumers' inboxes drop them).
  std::chrono::milliseconds mark_interval{100};
  std::chrono::milliseconds backlog_interval{1000};    // how often backlog() is refreshed
  std::chrono::milliseconds cleanup_interval{60'000};  // how often old published rows are deleted
  std::chrono::hours retention{24};                    // published rows older than this are deleted
  metrics::Registry* metrics = nullptr;                // optional: eda_outbox_* gauges and counters
};

struct OutboxRelayStats {
  std::int64_t backlog = -1;       // unpublished rows at the last check (-1: not measured yet)
  std::uint64_t published = 0;     // rows published and marked by this relay
  std::uint64_t failures = 0;      // failed rounds (sql or Kafka errors)
  std::uint64_t rounds = 0;        // rounds that held the relay lock
  std::uint64_t standby_rounds = 0;  // rounds skipped because another relay held the lock
  std::uint64_t cleaned = 0;       // published rows deleted
};

// Publishes outbox rows to Kafka in id order and marks them published only after the broker
// acknowledged them (acks=all), on its own thread.
//
// Guarantees: every committed row is published at least once; nothing is published that was not
// committed; rows of one key are published in id order. Several relays (service replicas) may run:
// a relay leads while it holds the row lock of `<table>_lock` (FOR UPDATE SKIP LOCKED) in an open
// transaction on a dedicated connection, checked every second; the others stand by and retry every
// poll_interval. A crashed leader's lock dies with its connection.
// Throughput: a round selects pending rows in id order, queues them all to the producer and waits for
// every acknowledgement; the acknowledged rows of up to mark_interval are then marked published in
// one separate transaction that overlaps the next rounds (rows acknowledged or being marked are
// skipped by them). A crash after an acknowledgement but before the mark commits republishes those
// rows (consumers use the inbox). If
// some records of a batch fail, only the rows before the first failure are marked.
// Fragile edge: a leader whose lock connection dies mid-round finishes that round, so for up to one
// round two relays may publish the same rows (duplicates; order per key may then repeat).
//
// Thread-safety: Wake() and Stats() from any thread; Start/Stop from the owner. `pool` and
// `producer` (started) must outlive the relay.
class OutboxRelay {
 public:
  OutboxRelay(OutboxRelaySettings settings, sql::Pool& pool, Producer& producer);
  ~OutboxRelay();  // Stop()
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  void Start();
  // Finishes the round in progress (its records are acknowledged or failed), then stops. Idempotent.
  void Stop();
  // Skips the idle wait: call after committing a transaction that added events, for lower latency.
  void Wake();

  // One round on the caller's thread (for tests and tools; not while Start()ed): takes the lead,
  // publishes up to batch_size rows, marks them, steps down. Returns the number of rows published and
  // marked; 0 when nothing is pending or another relay leads. Errors: sql errors, or the first Kafka delivery error of the batch.
  Result<std::size_t> RelayOnce();

  OutboxRelayStats Stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::events
