#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/domain/stock_ledger.hpp"
#include "eda/core/result.hpp"

namespace eda::catalog {

// The stock ledger's reads and writes inside ONE transaction of the caller (the consumer's batch
// transaction, with its inbox and outbox rows, or an HTTP request's). Implemented by store/ on
// MariaDB. Errors are infrastructure errors; a deadlock or lost connection ends the transaction.
class StockUnitOfWork {
 public:
  virtual ~StockUnitOfWork() = default;
  // Locks the rows of `ids` in id order (so two transactions never wait for each other in a cycle)
  // and returns those that exist.
  virtual Result<std::vector<StockRow>> LockProducts(std::vector<ProductId> ids) = 0;
  // The reservations of these orders that exist, locked (a missing one locks nothing: the product
  // row lock, taken first, is what serialises the takes of one product).
  virtual Result<std::vector<Reservation>> LockReservations(const std::vector<std::string>& order_ids) = 0;
  // Reservations of these orders (not locked), to learn which products a release touches.
  virtual Result<std::vector<Reservation>> FindReservations(const std::vector<std::string>& order_ids) = 0;
  // Writes reservations: `inserts` are new, `updates` change an existing row's state and reason.
  virtual Status SaveReservations(const std::vector<Reservation>& inserts, const std::vector<Reservation>& updates) = 0;
  // Stores the row's stock and version and announces it: one product-changed event (outbox) with
  // the row's details, keyed by product id.
  virtual Status SaveStock(const StockRow& row) = 0;
};

// Runs `work` in a fresh transaction (retried as a whole on deadlocks and lost connections) and
// commits it when `work` succeeded. Blocking.
class StockTransactions {
 public:
  virtual ~StockTransactions() = default;
  virtual Status Run(const std::function<Status(StockUnitOfWork&)>& work) = 0;
};

}  // namespace eda::catalog
