#pragma once

#include <functional>
#include <string>

#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/transaction.hpp"
#include "order/domain/order_ports.hpp"

namespace eda::order {

// Called after a stored outcome committed (metrics: transitions, saga latency). May be empty.
using OutcomeObserver = std::function<void(const Order& before, const Outcome& outcome)>;

// Locks `order_id` (SELECT ... FOR UPDATE) in `tx`, runs `decide`, and when the outcome has a history
// entry writes the order row, the history row and one outbox event per emitted message (trace id
// `trace_id`). Returns the order before the decision and the outcome; nullopt when the order does not
// exist. Errors: the sql errors (retryable ones are retried by the caller's transaction runner).
struct LockedDecision {
  Order before;
  Outcome outcome;
};
Result<std::optional<LockedDecision>> DecideInTransaction(sql::Transaction& tx, const events::Outbox& outbox,
                                                          const OrderId& order_id, const Decider& decide,
                                                          const std::string& trace_id);

// OrderRepository on MariaDB (tables orders, order_history; events through `outbox`). Prepared
// statements only. Blocking (call from worker threads); thread-safe (the pool is).
class SqlOrderRepository final : public OrderRepository {
 public:
  SqlOrderRepository(sql::Pool& pool, const events::Outbox& outbox, OutcomeObserver observer = {})
      : pool_(pool), outbox_(outbox), observer_(std::move(observer)) {}

  Result<void, OrderError> Insert(const Order& order, const HistoryEntry& first) override;
  Result<std::optional<Order>, OrderError> Find(const OrderId& order_id) override;
  Result<std::vector<Order>, OrderError> ListByMember(MemberId member_id, int offset, int limit) override;
  Result<std::vector<Order>, OrderError> ListBySeller(MemberId seller_id, int offset, int limit) override;
  Result<std::vector<HistoryEntry>, OrderError> History(const OrderId& order_id) override;
  Result<std::optional<Outcome>, OrderError> Update(const OrderId& order_id, const Decider& decide,
                                                    std::string_view trace) override;
  Result<std::vector<OrderId>, OrderError> FindDue(OrderStatus status, TimePoint before, int limit) override;

  // Orders per status that is not terminal (the in-flight gauge). Reads only those rows, through
  // idx_orders_due: counting every status walked the whole table once per sweep, which grew without
  // bound with the order history (28,000 rows read per second after a few bench runs).
  Result<std::vector<std::pair<OrderStatus, std::int64_t>>, OrderError> CountInFlight();

 private:
  sql::Pool& pool_;
  const events::Outbox& outbox_;
  OutcomeObserver observer_;
};

}  // namespace eda::order
