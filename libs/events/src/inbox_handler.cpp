#include "eda/events/inbox_handler.hpp"

#include "eda/sql/errors.hpp"

namespace eda::events {
namespace {

// Errors after which the transaction cannot go on (InnoDB rolled it back, or the connection is
// gone): the whole batch must run again instead of rolling back to the event's savepoint.
bool EndsTransaction(const Error& e) {
  return e.code == sql::errc::kDeadlock || e.code == sql::errc::kConnection || e.code == sql::errc::kCommitUnknown ||
         e.code == sql::errc::kPoolTimeout || e.code == sql::errc::kStopped;
}

// Carries a lone event's failure out of RetryTransaction: permanent, so the transaction is rolled
// back and not run again (the event's own error, kept aside, goes to the consumer's retry policy).
constexpr std::string_view kLoneEventFailed = "events.lone_event_failed";

// A batch of one event, the usual case below saturation, in fewer statements than a batch: its inbox
// row is inserted first (a duplicate is acknowledged without effect; a concurrent delivery waits for
// the first to end), and a failure rolls the whole transaction back, so no savepoint is needed.
// Together two round trips fewer per event (the inbox query and the savepoint).
Status ApplyLoneEvent(sql::Transaction& tx, const Inbox& inbox, const std::string& consumer,
                      const BatchStepFactory& make_step, const IncomingEvent& event, Status& result) {
  auto first = inbox.TryRecord(tx, consumer, event.envelope.event_id);
  if (!first) return std::move(first).error();
  if (!*first) return {};
  std::unique_ptr<BatchStep> step = make_step();
  if (auto s = step->Begin(tx, {&event}); !s) return s;
  Status s = step->Apply(tx, event);
  if (!s) {
    if (EndsTransaction(s.error())) return s;
    result = std::move(s);
    return Error::Permanent(std::string(kLoneEventFailed), "the event failed; its transaction is rolled back");
  }
  return step->End(tx);
}

}  // namespace

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

Status BatchStep::Begin(sql::Transaction&, const std::vector<const IncomingEvent*>&) { return {}; }
void BatchStep::Undo(const IncomingEvent&) {}
Status BatchStep::End(sql::Transaction&) { return {}; }
bool BatchStep::SavepointPerEvent() const { return true; }

namespace {

class PerEventStep final : public BatchStep {
 public:
  explicit PerEventStep(const TransactionalHandler& fn) : fn_(fn) {}
  Status Apply(sql::Transaction& tx, const IncomingEvent& event) override { return fn_(tx, event); }

 private:
  const TransactionalHandler& fn_;
};

}  // namespace

BatchHandler InboxBatchHandler(sql::Pool& pool, Inbox inbox, std::string consumer_name, BatchStepFactory make_step,
                               BatchOptions options) {
  return [&pool, inbox = std::move(inbox), consumer = std::move(consumer_name), make_step = std::move(make_step),
          options](std::span<const IncomingEvent> events) -> std::vector<Status> {
    std::vector<Status> results;
    if (events.size() == 1) {
      results.assign(1, Status{});
      const Status whole = sql::RetryTransaction(
          pool,
          [&](sql::Transaction& tx) -> Status {
            results[0] = Status{};
            return ApplyLoneEvent(tx, inbox, consumer, make_step, events[0], results[0]);
          },
          options.retry, options.transaction);
      if (!whole && whole.error().code != kLoneEventFailed) results[0] = whole;
      return results;
    }
    const Status whole = sql::RetryTransaction(
        pool,
        [&](sql::Transaction& tx) -> Status {
          results.assign(events.size(), Status{});
          std::vector<std::string> ids;
          ids.reserve(events.size());
          for (const auto& ev : events) ids.push_back(ev.envelope.event_id);
          auto seen = inbox.Processed(tx, consumer, ids);
          if (!seen) return std::move(seen).error();
          // New events only; already processed ones and repeats inside the batch are acknowledged
          // without effect.
          std::vector<std::size_t> fresh;
          std::vector<const IncomingEvent*> fresh_events;
          for (std::size_t i = 0; i < events.size(); ++i) {
            if (!seen->insert(events[i].envelope.event_id).second) continue;
            fresh.push_back(i);
            fresh_events.push_back(&events[i]);
          }
          if (fresh.empty()) return {};
          std::unique_ptr<BatchStep> step = make_step();
          if (auto s = step->Begin(tx, fresh_events); !s) return s;
          std::vector<std::string> applied;
          const bool savepoints = step->SavepointPerEvent();
          for (std::size_t i : fresh) {
            if (savepoints)
              if (auto sp = tx.Execute("SAVEPOINT ev"); !sp) return std::move(sp).error();
            Status s = step->Apply(tx, events[i]);
            if (s.ok()) {
              applied.push_back(events[i].envelope.event_id);
              continue;
            }
            if (EndsTransaction(s.error())) return s;
            if (savepoints)
              if (auto back = tx.Execute("ROLLBACK TO SAVEPOINT ev"); !back) return std::move(back).error();
            step->Undo(events[i]);
            results[i] = std::move(s);
          }
          if (auto s = step->End(tx); !s) return s;
          Status recorded = inbox.RecordAll(tx, consumer, applied);
          // A concurrent delivery of one of these events (a rebalance hands a partition over while a
          // worker still runs) committed first: run again, and the query above will see it.
          if (!recorded && recorded.error().code == sql::errc::kDuplicateKey)
            return Error::Transient("events.inbox_race", "an event of the batch was recorded concurrently");
          return recorded;
        },
        options.retry, options.transaction);
    if (!whole) results.assign(events.size(), whole);
    return results;
  };
}

BatchHandler InboxBatchHandler(sql::Pool& pool, Inbox inbox, std::string consumer_name, TransactionalHandler fn,
                               BatchOptions options) {
  auto shared = std::make_shared<const TransactionalHandler>(std::move(fn));
  return InboxBatchHandler(
      pool, std::move(inbox), std::move(consumer_name),
      [shared]() -> std::unique_ptr<BatchStep> { return std::make_unique<PerEventStep>(*shared); }, options);
}

}  // namespace eda::events
