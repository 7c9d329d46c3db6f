#pragma once

#include <functional>
#include <string_view>

#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"
#include "order/store/sql_order_repository.hpp"

namespace eda::order {

// Reports an event acknowledged without effect (stale, invalid, unknown order) for logs and metrics.
using IgnoredObserver = std::function<void(std::string_view topic, std::string_view order_id, std::string_view why)>;

// Reports an event refused as not the order's own (Outcome::event_refusal; `reason` is its
// EventRefusalName): forged or misrouted, acknowledged without effect.
using RefusedObserver = std::function<void(std::string_view topic, std::string_view order_id, std::string_view reason)>;

struct ConsumerHooks {
  OutcomeObserver stored;    // after a transition (or recorded note) committed
  IgnoredObserver ignored;   // after an event was acknowledged without effect
  RefusedObserver refused;   // after an event was refused (it contradicts the order's payment)
  std::function<TimePoint()> clock = [] { return std::chrono::system_clock::now(); };
};

// Events of one topic handled in one transaction (events::InboxBatchHandler), each of another order.
inline constexpr std::size_t kSagaBatch = 32;

// The batch handler of one consumed saga topic: per event decode -> (inbox, lock the order, state
// machine, store + follow-up events through the outbox), the whole batch in one transaction, each
// event in its own savepoint; the hooks report each event's decision after the commit. Undecodable
// records are permanent errors (DLQ); database errors are retryable (consumer retries); unknown
// orders, stale/invalid events and events refused by CheckEventPayment are acknowledged without
// effect. `pool`, `outbox` must outlive the handler.
events::BatchHandler MakeSagaHandler(std::string_view topic, sql::Pool& pool, const events::Outbox& outbox,
                                     const events::Inbox& inbox, ConsumerHooks hooks);

// Subscribes MakeSagaHandler for every topic in kConsumedTopics (consumer group name: "order").
void SubscribeSagaHandlers(events::Consumer& consumer, sql::Pool& pool, const events::Outbox& outbox,
                           const events::Inbox& inbox, const ConsumerHooks& hooks);

}  // namespace eda::order
