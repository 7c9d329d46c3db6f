#pragma once

#include <functional>
#include <string>

#include "catalog/domain/caller.hpp"
#include "catalog/domain/catalog_error.hpp"
#include "catalog/domain/catalog_ports.hpp"
#include "catalog/domain/product.hpp"
#include "catalog/domain/stock_ledger.hpp"
#include "catalog/domain/stock_ports.hpp"

namespace eda::catalog {

template <class T>
using CatalogResult = Result<T, CatalogError>;

// Product use cases: register, read, list, update, delete, direct stock changes.
//
// Write order (Cassandra and MariaDB share no transaction; see README "Write order"):
//  register: AllocateId (seller_product PENDING, with the stock) -> Cassandra INSERT IF NOT EXISTS -> ledger
//            kActivate + events (one MariaDB tx). A crash in between leaves a PENDING row that
//            RepairPending finishes (row present: activate + events; absent: abandon).
//  update:   Cassandra write -> ledger kTouch + events. A retried PUT re-emits product-changed with
//            the full state (tags included), which repairs read models.
//  delete:   Cassandra deleted_at -> ledger kDelete + events; a retried DELETE finishes it.
// Thread-safe (the ports are); blocking (call from worker threads).
class CatalogService {
 public:
  struct Ports {
    ProductStore& store;
    ProductLedger& ledger;
    StockTransactions& stock;
  };
  struct Settings {
    int max_page_size = 100;            // list page size cap
    int default_page_size = 20;
    std::function<TimePoint()> clock = [] { return std::chrono::system_clock::now(); };
  };

  CatalogService(Ports ports, Settings settings);

  CatalogResult<Product> Register(const Caller& caller, ProductDraft draft) const;
  CatalogResult<Product> Get(ProductId id) const;
  // `size` <= 0: default; capped at max_page_size. Deleted products are not listed.
  CatalogResult<ProductPage> ListBySeller(SellerId seller, const std::string& cursor, int size) const;
  CatalogResult<Product> Update(const Caller& caller, ProductId id, const ProductPatch& patch) const;
  // Idempotent: deleting a deleted product finishes any half-done delete and succeeds.
  CatalogResult<bool> Delete(const Caller& caller, ProductId id) const;
  // HTTP increase (delta > 0) / decrease (delta < 0) in the stock ledger (one transaction with its
  // product-changed); no clamping: a decrease beyond the stock is kInsufficientStock.
  CatalogResult<Product> AdjustStock(const Caller& caller, ProductId id, std::int64_t delta) const;

  // Finishes registrations that crashed between their steps (rows PENDING for longer than `age`).
  // Returns how many it settled.
  CatalogResult<int> RepairPending(std::chrono::seconds age) const;
  // Copies the stock (and details) of products registered before the ledger held stock from their
  // Cassandra rows into the ledger. Returns how many it copied.
  CatalogResult<int> CopyLegacyStock() const;

  // The events of a change (exposed for tests).
  static std::vector<ProductEvent> CreatedEvents(const Product& p);
  static std::vector<ProductEvent> UpdatedEvents(const Product& before, const Product& after);
  static std::vector<ProductEvent> DeletedEvents(const Product& p);
  static ProductEvent ChangedEvent(const Product& p, ProductEvent::Change change, const std::string& cause);
  // product-changed after a stock change: the ledger row's details, stock and version (its
  // changed_at is the version's time).
  static ProductEvent StockChangedEvent(const StockRow& row);

 private:
  CatalogResult<Product> FindLive(ProductId id) const;
  Ports ports_;
  Settings settings_;
};

// Maps an infrastructure error to the domain: retryable -> kUnavailable, else kInternal.
CatalogError FromInfra(const Error& e);

}  // namespace eda::catalog
