#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/domain/catalog_error.hpp"
#include "catalog/domain/stock_ports.hpp"

namespace eda::catalog {

struct TakeOutcome {
  enum Kind {
    kReserved,   // stock is taken for this order (now or before): emit delivery-request
    kRejected,   // refused (reason): emit stock-rejected
    kCancelled,  // the order was released before the request arrived: no event
  } kind = kRejected;
  std::string reason;          // kRejected: insufficient_stock, unknown_product, product_deleted
  std::int64_t available = 0;  // kRejected: stock seen when refusing
};

struct ReleaseOutcome {
  bool restocked = false;  // true only for the step that put the stock back
};

// The stock steps of one transaction (a consumer batch, or one HTTP change) over a
// StockUnitOfWork: lock the products (id order) and the orders' reservations first (Lock*), then
// decide each step on the locked rows with the rules of stock_ledger.hpp, in memory; Finish writes
// the new reservations in a few statements and each changed product's stock once (one row write and
// one product-changed per product, however many orders of the batch took from it). A hot product
// costs one row lock per batch, not per order, and a batch a handful of round trips.
// Errors: kInvalidRequest (the same order with another product/count: a poisoned request),
// kUnavailable (infrastructure, or stock not in the ledger yet: retry).
// Not thread-safe: one transaction, one thread.
class StockBatch {
 public:
  // `now_us`: the wall clock in microseconds (stock versions).
  StockBatch(StockUnitOfWork& uow, std::function<std::int64_t()> now_us);

  // Locks the products of these requests.
  Result<void, CatalogError> LockForTakes(const std::vector<StockRequest>& requests);
  // Locks the products the orders' reservations name, plus `hints` (products named by the events).
  Result<void, CatalogError> LockForReleases(const std::vector<std::string>& order_ids, std::vector<ProductId> hints);

  // Starts a step (one event): Undo() then reverts the in-memory changes made since (a step that
  // failed after it decided).
  void Mark();
  void Undo();

  Result<TakeOutcome, CatalogError> Take(const StockRequest& request);
  // `product_hint` may be 0 (the sender does not know it): the reservation names the product.
  Result<ReleaseOutcome, CatalogError> Release(const std::string& order_id, ProductId product_hint);
  // HTTP increase (delta > 0) / decrease (delta < 0). kProductNotFound, kInsufficientStock,
  // kInvalidRequest (overflow) besides the errors above. Returns the row after the change.
  Result<StockRow, CatalogError> Adjust(ProductId id, std::int64_t delta);

  // Writes the reservations decided and the stock of every product changed by the steps (new
  // version each); returns those product rows as written.
  Result<std::vector<StockRow>, CatalogError> Finish();

 private:
  Result<StockRow*, CatalogError> Row(ProductId id);  // nullptr: no such product
  Result<std::optional<Reservation>, CatalogError> ReservationOf(const std::string& order_id);
  Result<void, CatalogError> LockReservations(const std::vector<std::string>& order_ids);
  void Change(StockRow& row, std::int64_t new_stock);
  void Stage(Reservation reservation);

  struct Known {
    std::optional<Reservation> stored;  // as locked from the table
    std::optional<Reservation> staged;  // as decided by this batch, written in Finish
  };
  struct Journal {
    std::optional<ProductId> product;  // a stock change: the row and its stock before
    std::int64_t stock = 0;
    bool was_changed = false;
    std::optional<std::string> order;  // a reservation staged: the order and its staging before
    std::optional<Reservation> staged_before;
  };

  StockUnitOfWork& uow_;
  std::function<std::int64_t()> now_us_;
  std::map<ProductId, StockRow> rows_;       // locked rows, with this batch's changes applied
  std::set<ProductId> absent_;               // looked up, no row
  std::set<ProductId> changed_;
  std::map<std::string, Known> reservations_;  // by order id: locked (or known missing) and staged
  std::vector<Journal> journal_;             // the in-memory changes since Mark()
};

}  // namespace eda::catalog
