#pragma once

#include "delivery/domain/delivery_ports.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"

namespace eda::delivery {

// TransitionStore on MariaDB: one transaction per Apply, conditional UPDATE on the old status, one
// outbox row per step. Blocking (call from a worker thread). Thread-safe; `pool` and `outbox` are
// borrowed and must outlive it.
class SqlTransitionStore : public TransitionStore {
 public:
  SqlTransitionStore(sql::Pool& pool, const events::Outbox& outbox) : pool_(pool), outbox_(outbox) {}
  Result<bool> Apply(const Delivery& delivery, const std::vector<DeliveryStatus>& steps) override;

 private:
  sql::Pool& pool_;
  const events::Outbox& outbox_;
};

}  // namespace eda::delivery
