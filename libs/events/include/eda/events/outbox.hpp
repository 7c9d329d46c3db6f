#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/events/envelope.hpp"
#include "eda/sql/connection.hpp"
#include "eda/sql/migrations.hpp"
#include "eda/sql/settings.hpp"
#include "eda/sql/transaction.hpp"

namespace eda::events {

// An event to publish through the outbox.
struct OutgoingEvent {
  std::string topic;
  std::string key;            // aggregate id (order id, product id): per-key order is preserved
  std::string event_type;     // e.g. "eda.events.v1.OrderCancelled"
  std::string payload;        // protobuf bytes
  std::string source;         // producing service, e.g. "order"
  std::string trace_id;       // W3C traceparent of the request that caused it; fresh one if empty
  int schema_version = 1;
  std::string event_id;       // fresh UUID if empty (set it to make Add idempotent across retries)
  Headers extra_headers;      // optional, appended after the envelope

  // Convenience for protobuf messages: payload = msg.SerializeAsString(), event_type = its full name.
  template <class Message>
  static OutgoingEvent Of(std::string topic, std::string key, const Message& msg, std::string source,
                          std::string trace_id = {}) {
    OutgoingEvent e;
    e.topic = std::move(topic);
    e.key = std::move(key);
    e.event_type = msg.GetTypeName();
    e.payload = msg.SerializeAsString();
    e.source = std::move(source);
    e.trace_id = std::move(trace_id);
    return e;
  }
};

// Writes events into the transactional outbox table, inside the caller's transaction: the event
// exists if and only if the caller's state change commits. OutboxRelay publishes it later.
// Per-key order = outbox id order, so write the event AFTER locking/updating the aggregate row in the
// same transaction (then two transactions on one aggregate cannot commit their events out of order).
// Copies share the table and the commit call (WakeOnCommit).
// Thread-safety: const methods, safe from any thread (the Transaction itself is single-threaded).
class Outbox {
 public:
  // `table`: the outbox table name ([A-Za-z_][A-Za-z0-9_]*, <= 48 chars; std::invalid_argument otherwise).
  explicit Outbox(std::string table = "outbox");

  // `wake` runs after each successful commit of a transaction that Add/AddAll wrote to, through this
  // outbox or any copy of it: the relay of this process then publishes at once, whichever use case
  // wrote, instead of at its next poll. An empty function stops the calls. Any thread.
  void WakeOnCommit(std::function<void()> wake);

  // Whether a transaction of this process that wrote to this outbox has not ended yet, or has just
  // committed and not yet run `wake`: rows the relay finds meanwhile may be this process's own, whose
  // wake-up is on its way, rather than another instance's.
  bool HasOpenWrites() const noexcept;

  // Inserts the event; returns its event id. Errors: the sql error of the insert (e.g. "sql.duplicate_key"
  // when `event_id` was already used); the caller should roll back.
  Result<std::string> Add(sql::Transaction& tx, const OutgoingEvent& event) const;

  // Inserts `events` in order with a few multi-row statements (per-key order = insertion order).
  // `skip_existing`: an event whose event_id is in the outbox already is left out (a deterministic
  // id emitted again); otherwise that is "sql.duplicate_key" and the caller should roll back.
  Status AddAll(sql::Transaction& tx, const std::vector<OutgoingEvent>& events, bool skip_existing) const;

  const std::string& table() const noexcept { return table_; }

  // The migration creating `<table>` and its relay lock table `<table>_lock` (idempotent DDL).
  sql::Migration Migration(int version) const;

 private:
  struct CommitSignal;
  void SignalOnCommit(sql::Transaction& tx) const;

  std::string table_;
  std::shared_ptr<CommitSignal> signal_;
};

// Records which events a consumer has processed (table `inbox`: consumer, event_id, processed_at).
class Inbox {
 public:
  explicit Inbox(std::string table = "inbox");  // same name rules as Outbox

  // Inserts (consumer, event_id) in `tx`. true: first time; false: already processed (duplicate key) -
  // the caller then must not apply the event again. Concurrent duplicates block until the first
  // transaction ends (then see it, or win if it rolled back). Other errors: the sql error.
  Result<bool> TryRecord(sql::Transaction& tx, std::string_view consumer, std::string_view event_id) const;

  // The batch form, in two steps. Processed: which of `event_ids` are recorded already (one query;
  // a concurrent transaction's uncommitted row is not seen). RecordAll: inserts them all (a few
  // multi-row statements); "sql.duplicate_key" when one was recorded meanwhile: roll back and retry.
  Result<std::set<std::string>> Processed(sql::Transaction& tx, std::string_view consumer,
                                          const std::vector<std::string>& event_ids) const;
  Status RecordAll(sql::Transaction& tx, std::string_view consumer, const std::vector<std::string>& event_ids) const;

  // Deletes up to `limit` rows recorded more than `age` ago (oldest first, through the processed_at
  // index); returns how many. Run it only for an age past which no record can come back: a Kafka
  // record is redelivered at most while the broker keeps it (log.retention.hours).
  Result<std::uint64_t> Forget(sql::Connection& conn, std::chrono::seconds age, int limit) const;

  const std::string& table() const noexcept { return table_; }
  sql::Migration Migration(int version) const;

 private:
  std::string table_;
};

// Applies the outbox and inbox migrations under the migration key "<service>.events" (so they do not
// clash with the service's own versions). Blocking; call at start.
Status ApplyEventMigrations(const sql::Settings& settings, std::string_view service, const Outbox& outbox,
                            const Inbox& inbox);

// Headers <-> the text stored in the outbox `headers` column (a JSON array of [key, value]). Pure.
std::string EncodeHeadersJson(const Headers& headers);
Result<Headers> DecodeHeadersJson(std::string_view json);

}  // namespace eda::events
