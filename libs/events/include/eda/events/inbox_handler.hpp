#pragma once

#include <functional>
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

}  // namespace eda::events
