#pragma once

#include <functional>
#include <memory>
#include <vector>
#include <string>

#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/retry.hpp"

namespace eda::events {

// A business handler that applies an event inside a database transaction.
using TransactionalHandler = std::function<Status(sql::Transaction&, const IncomingEvent&)>;

// Makes `fn` idempotent: begins a transaction, records (consumer_name, event id) in the inbox
// (a duplicate -> commit nothing else and report success, so the record is acknowledged without
// effect), calls `fn` with the same transaction, commits. Deadlocks/lock timeouts/lost connections are
// retried (sql::RetryPolicy); other errors are returned to the consumer's retry/DLQ machinery.
// `fn` may run more than once (after a retryable sql error): keep non-database side effects out of
// it - publish follow-up events with Outbox::Add in the same transaction instead.
// `pool` must outlive the returned handler. Thread-safe if `fn` is.
Handler InboxHandler(sql::Pool& pool, Inbox inbox, std::string consumer_name, TransactionalHandler fn,
                     sql::RetryPolicy retry = {});

// One batch's work inside the inbox transaction of InboxBatchHandler. A fresh step is made for
// every attempt (a deadlock runs the batch again), so it may keep state across its calls: e.g.
// Begin locks the rows the batch touches in a fixed order, Apply decides each event on them, End
// writes one summary per aggregate. Not thread-safe (one transaction).
class BatchStep {
 public:
  virtual ~BatchStep() = default;
  // Before the new events (those not processed yet). An error fails the whole attempt.
  virtual Status Begin(sql::Transaction& tx, const std::vector<const IncomingEvent*>& fresh);
  // Applies one event, inside its own savepoint (in a batch of one: in the transaction itself, which
  // the event's failure rolls back whole).
  virtual Status Apply(sql::Transaction& tx, const IncomingEvent& event) = 0;
  // Apply failed and the event's savepoint was rolled back: forget its in-memory effects too.
  virtual void Undo(const IncomingEvent& event);
  // After the events, before the inbox rows and the commit. An error fails the whole attempt.
  virtual Status End(sql::Transaction& tx);
  // Whether Apply writes to the database, so each event needs a savepoint to roll back to. A step
  // that only reads in Apply (keeping its changes in memory, Undo-able) and writes them in End
  // answers false and saves two round trips per event.
  virtual bool SavepointPerEvent() const;
};
using BatchStepFactory = std::function<std::unique_ptr<BatchStep>()>;

struct BatchOptions {
  sql::RetryPolicy retry;                 // whole-batch attempts (deadlocks, lost connections)
  sql::TransactionOptions transaction;    // e.g. READ COMMITTED for locking reads without gap locks
};

// The batch form of InboxHandler, for Consumer::SubscribeBatch: the whole batch in ONE transaction
// (one commit). One query finds the events recorded already (acknowledged without effect); each new
// event is applied inside a savepoint, so an event that fails is rolled back alone and reported with
// its error while the others commit, together with their inbox rows. An error that ends the
// transaction itself (deadlock, lost connection, a duplicate inbox row from a concurrent delivery,
// or an error of Begin/End) runs the whole batch again (sql::RetryTransaction); if it persists,
// every event reports it. Same contract as InboxHandler otherwise (steps may run more than once; no
// side effects outside the database). A batch of one, the usual case below saturation, takes two
// statements fewer with the same outcome: its inbox row is inserted first (as InboxHandler does) and
// its failure rolls the transaction back instead of a savepoint. Thread-safe if `make_step` is.
BatchHandler InboxBatchHandler(sql::Pool& pool, Inbox inbox, std::string consumer_name, BatchStepFactory make_step,
                               BatchOptions options = {});
// The same with one TransactionalHandler per event (no Begin/End).
BatchHandler InboxBatchHandler(sql::Pool& pool, Inbox inbox, std::string consumer_name, TransactionalHandler fn,
                               BatchOptions options = {});

}  // namespace eda::events
