#pragma once

#include "catalog/domain/stock_ports.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/transaction.hpp"

namespace eda::catalog {

// StockUnitOfWork on one MariaDB transaction (`seller_product`, `stock_reservation`, and
// product-changed into the catalog outbox). Use READ COMMITTED transactions (SqlStockTransactions,
// the stock consumer): a locking read then sees the latest committed reservation, and reading a
// missing one takes no gap lock. `tx` and `outbox` must outlive it. Not thread-safe.
class SqlStockUnitOfWork : public StockUnitOfWork {
 public:
  SqlStockUnitOfWork(sql::Transaction& tx, const events::Outbox& outbox, std::string trace_id = {})
      : tx_(tx), outbox_(outbox), trace_id_(std::move(trace_id)) {}

  Result<std::vector<StockRow>> LockProducts(std::vector<ProductId> ids) override;
  Result<std::vector<Reservation>> LockReservations(const std::vector<std::string>& order_ids) override;
  Result<std::vector<Reservation>> FindReservations(const std::vector<std::string>& order_ids) override;
  Status SaveReservations(const std::vector<Reservation>& inserts, const std::vector<Reservation>& updates) override;
  Status SaveStock(const StockRow& row) override;

 private:
  Result<std::vector<Reservation>> SelectReservations(const std::vector<std::string>& order_ids, bool lock);

  sql::Transaction& tx_;
  const events::Outbox& outbox_;
  std::string trace_id_;
};

// StockTransactions on a pool: READ COMMITTED transactions, retried as a whole on deadlocks.
class SqlStockTransactions : public StockTransactions {
 public:
  SqlStockTransactions(sql::Pool& pool, const events::Outbox& outbox) : pool_(pool), outbox_(outbox) {}
  Status Run(const std::function<Status(StockUnitOfWork&)>& work) override;

 private:
  sql::Pool& pool_;
  const events::Outbox& outbox_;
};

// The transaction options every stock step uses (see SqlStockUnitOfWork).
sql::TransactionOptions StockTransactionOptions();

}  // namespace eda::catalog
