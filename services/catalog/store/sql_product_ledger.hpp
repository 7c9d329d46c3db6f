#pragma once

#include "catalog/domain/catalog_ports.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"

namespace eda::catalog {

// ProductLedger on MariaDB: `seller_product` rows (ids, stock ledger, recorded details) and the
// `catalog_outbox` in one transaction.
// Blocking (call from worker threads); thread-safe. `pool` and `outbox` must outlive it.
class SqlProductLedger : public ProductLedger {
 public:
  SqlProductLedger(sql::Pool& pool, const events::Outbox& outbox) : pool_(pool), outbox_(outbox) {}

  Result<ProductId> AllocateId(const Product& product) override;
  Result<bool> Record(ProductId id, Transition transition, const std::vector<ProductEvent>& events) override;
  Result<std::vector<ProductId>> ListPending(TimePoint older_than, int limit) override;
  Result<std::vector<ProductId>> ListWithoutStock(int limit) override;
  Status AdoptStock(const Product& product) override;

 private:
  sql::Pool& pool_;
  const events::Outbox& outbox_;
};

}  // namespace eda::catalog
