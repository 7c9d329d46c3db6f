#include "delivery/store/sql_transition_store.hpp"

#include "delivery/domain/delivery_rules.hpp"
#include "delivery/store/delivery_outbox_messages.hpp"
#include "eda/saga/topics.hpp"
#include "eda/sql/retry.hpp"

namespace eda::delivery {

Result<bool> SqlTransitionStore::Apply(const Delivery& delivery, const std::vector<DeliveryStatus>& steps) {
  if (steps.empty()) return false;
  bool applied = false;
  auto st = sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Status {
    applied = false;
    auto res = tx.Execute("UPDATE delivery SET delivery_status = ? WHERE delivery_id = ? AND delivery_status = ?",
                          {std::string(ToString(steps.back())), delivery.id, std::string(ToString(delivery.status))});
    if (!res) return res.error();
    if (res->affected_rows != 1) return {};  // another poller moved it first: nothing to emit
    for (DeliveryStatus s : steps) {
      if (auto a = outbox_.Add(tx, DeliveryResponseEvent(saga::kDeliveryStatusUpdate, delivery, s)); !a) return a.error();
    }
    applied = true;
    return {};
  });
  if (!st) return st.error();
  return applied;
}

}  // namespace eda::delivery
