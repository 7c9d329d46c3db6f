#include "order/events/order_consumers.hpp"

#include <memory>

#include "eda/events/inbox_handler.hpp"
#include "order/events/order_messages.hpp"

namespace eda::order {

events::BatchHandler MakeSagaHandler(std::string_view topic_view, sql::Pool& pool, const events::Outbox& outbox,
                                     const events::Inbox& inbox, ConsumerHooks hooks) {
  const std::string topic(topic_view);
  return [topic, &pool, &outbox, inbox, hooks = std::move(hooks)](
             std::span<const events::IncomingEvent> batch) -> std::vector<Status> {
    // Per event: what the (last, committed) attempt decided; reported only after the commit.
    struct Step {
      Result<DecodedEvent> decoded;
      std::optional<LockedDecision> decided;
      bool unknown_order = false;
    };
    std::vector<Step> steps;
    steps.reserve(batch.size());
    for (const auto& ev : batch) steps.push_back(Step{DecodeSagaEvent(topic, ev.payload), std::nullopt, false});
    const events::BatchHandler apply = events::InboxBatchHandler(
        pool, inbox, "order", [&](sql::Transaction& tx, const events::IncomingEvent& e) -> Status {
          Step& step = steps[static_cast<std::size_t>(&e - batch.data())];
          step.decided.reset();
          step.unknown_order = false;
          if (!step.decoded) return step.decoded.error();
          if (!step.decoded->input) return {};
          const TimePoint now = hooks.clock();
          const SagaInput& input = *step.decoded->input;
          auto r = DecideInTransaction(tx, outbox, step.decoded->order_id,
                                       [&](const Order& o) { return Advance(o, input, now); }, e.envelope.trace_id);
          if (!r) return std::move(r).error();
          if (!*r) step.unknown_order = true;
          else step.decided = std::move(**r);
          return {};
        });
    std::vector<Status> results = apply(batch);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const Step& step = steps[i];
      if (!results[i] || !step.decoded) continue;
      const std::string& order_id = step.decoded->order_id.value();
      if (!step.decoded->input) {
        if (hooks.ignored) hooks.ignored(topic, order_id, "not a saga step");
      } else if (step.unknown_order) {
        if (hooks.ignored) hooks.ignored(topic, order_id, "unknown order");
      } else if (step.decided) {
        const LockedDecision& decided = *step.decided;
        if (decided.outcome.history) {
          if (hooks.stored) hooks.stored(decided.before, decided.outcome);
        } else if (decided.outcome.event_refusal) {
          if (hooks.refused) hooks.refused(topic, order_id, EventRefusalName(*decided.outcome.event_refusal));
        } else if (hooks.ignored) {
          const std::string why = std::string(decided.outcome.verdict == Verdict::kInvalid ? "invalid in state "
                                                                                           : "stale in state ") +
                                  std::string(StatusName(decided.before.status));
          hooks.ignored(topic, order_id, why);
        }
      }
    }
    return results;
  };
}

void SubscribeSagaHandlers(events::Consumer& consumer, sql::Pool& pool, const events::Outbox& outbox,
                           const events::Inbox& inbox, const ConsumerHooks& hooks) {
  for (std::string_view topic : kConsumedTopics) {
    consumer.SubscribeBatch(std::string(topic), MakeSagaHandler(topic, pool, outbox, inbox, hooks), kSagaBatch);
  }
}

}  // namespace eda::order
