#include "eda/events/inbox_handler.hpp"

namespace eda::events {

Handler InboxHandler(sql::Pool& pool, Inbox inbox, std::string consumer_name, TransactionalHandler fn,
                     sql::RetryPolicy retry) {
  return [&pool, inbox = std::move(inbox), consumer = std::move(consumer_name), fn = std::move(fn),
          retry](const IncomingEvent& event) -> Status {
    return sql::RetryTransaction(
        pool,
        [&](sql::Transaction& tx) -> Status {
          auto first = inbox.TryRecord(tx, consumer, event.envelope.event_id);
          if (!first) return std::move(first).error();
          if (!*first) return {};  // already processed: acknowledge without effect
          return fn(tx, event);
        },
        retry);
  };
}

}  // namespace eda::events
