#include "order/events/order_consumers.hpp"

#include <memory>

#include "eda/events/inbox_handler.hpp"
#include "order/events/order_messages.hpp"

namespace eda::order {

events::Handler MakeSagaHandler(std::string_view topic_view, sql::Pool& pool, const events::Outbox& outbox,
                                const events::Inbox& inbox, ConsumerHooks hooks) {
  const std::string topic(topic_view);
  return [topic, &pool, &outbox, inbox, hooks = std::move(hooks)](const events::IncomingEvent& ev) -> Status {
    auto decoded = DecodeSagaEvent(topic, ev.payload);
    if (!decoded) return std::move(decoded).error();
    if (!decoded->input) {
      if (hooks.ignored) hooks.ignored(topic, decoded->order_id, "not a saga step");
      return {};
    }
    // What the (last, committed) transaction decided; reported only after the handler succeeded.
    std::optional<LockedDecision> decided;
    bool unknown_order = false;
    auto handler = events::InboxHandler(
        pool, inbox, "order", [&](sql::Transaction& tx, const events::IncomingEvent& e) -> Status {
          decided.reset();
          unknown_order = false;
          const TimePoint now = hooks.clock();
          const SagaInput& input = *decoded->input;
          auto r = DecideInTransaction(tx, outbox, decoded->order_id,
                                       [&](const Order& o) { return Advance(o, input, now); }, e.envelope.trace_id);
          if (!r) return std::move(r).error();
          if (!*r) unknown_order = true;
          else decided = std::move(**r);
          return {};
        });
    Status s = handler(ev);
    if (!s) return s;
    if (unknown_order) {
      if (hooks.ignored) hooks.ignored(topic, decoded->order_id, "unknown order");
    } else if (decided) {
      if (decided->outcome.history) {
        if (hooks.stored) hooks.stored(decided->before, decided->outcome);
      } else if (decided->outcome.event_refusal) {
        if (hooks.refused) hooks.refused(topic, decoded->order_id, EventRefusalName(*decided->outcome.event_refusal));
      } else if (hooks.ignored) {
        const std::string why = std::string(decided->outcome.verdict == Verdict::kInvalid ? "invalid in state "
                                                                                           : "stale in state ") +
                                std::string(StatusName(decided->before.status));
        hooks.ignored(topic, decoded->order_id, why);
      }
    }
    return {};
  };
}

void SubscribeSagaHandlers(events::Consumer& consumer, sql::Pool& pool, const events::Outbox& outbox,
                           const events::Inbox& inbox, const ConsumerHooks& hooks) {
  for (std::string_view topic : kConsumedTopics) {
    consumer.Subscribe(std::string(topic), MakeSagaHandler(topic, pool, outbox, inbox, hooks));
  }
}

}  // namespace eda::order
