#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/domain/catalog_events.hpp"
#include "catalog/domain/product.hpp"
#include "eda/core/result.hpp"

namespace eda::catalog {

// The Cassandra side: product rows (the stock in them is a projection of the ledger's) and the
// seller index.
// Errors are infrastructure errors (retryable when the server said so or timed out).
// Implementations are thread-safe.
class ProductStore {
 public:
  virtual ~ProductStore() = default;

  // The product row, deleted or not; nullopt when there is none.
  virtual Result<std::optional<Product>> Find(ProductId id) = 0;
  // Writes a new product row and its seller index entry; writing the same row again is harmless
  // (INSERT ... IF NOT EXISTS on the product: an existing row is kept).
  virtual Status Insert(const Product& product) = 0;
  // Overwrites name, description, price, tags, updated_at.
  virtual Status UpdateDetails(const Product& product) = 0;
  // Sets deleted_at (and removes the seller index entry). Idempotent.
  virtual Status MarkDeleted(const Product& product, TimePoint at) = 0;
  // One page of a seller's product ids in id order, resumed from `cursor` (opaque; empty = first).
  struct IdPage {
    std::vector<ProductId> ids;
    std::string next_cursor;
  };
  virtual Result<IdPage> ListIdsBySeller(SellerId seller, const std::string& cursor, int size) = 0;

  // The stock projection (README "Stock ledger"): writes stock_count with `version` as the write
  // timestamp, so an older version arriving late never overwrites a newer one. Idempotent.
  virtual Status ProjectStock(ProductId id, std::int64_t stock, std::int64_t version) = 0;
};

// The MariaDB side: product ids, the stock ledger and the product's details as last recorded
// (`seller_product`), and the transactional outbox.
class ProductLedger {
 public:
  virtual ~ProductLedger() = default;

  // Inserts a `seller_product` row in state PENDING with the product's stock and details and
  // returns its auto-increment id.
  virtual Result<ProductId> AllocateId(const Product& product) = 0;

  // In ONE transaction: moves the `seller_product` row as `transition` says and, only if it moved
  // (or for kTouch, if the row exists), records the details of the product-changed event and writes
  // `events` to the outbox. Product-changed events carry the ledger's stock and version as of this
  // transaction (the row is locked), whatever stock the caller's product had. Returns whether it moved.
  enum class Transition {
    kActivate,  // PENDING -> ACTIVE
    kTouch,     // state unchanged (row locked, so per-product event order follows commit order)
    kDelete,    // PENDING/ACTIVE -> DELETED
    kAbandon,   // PENDING -> ABANDONED (the Cassandra row was never written)
  };
  virtual Result<bool> Record(ProductId id, Transition transition, const std::vector<ProductEvent>& events) = 0;

  // Ids whose row is still PENDING and older than `older_than` (register crashed mid-way).
  virtual Result<std::vector<ProductId>> ListPending(TimePoint older_than, int limit) = 0;

  // Products registered before the ledger held stock (stock still unset), up to `limit`, in id order.
  virtual Result<std::vector<ProductId>> ListWithoutStock(int limit) = 0;
  // Sets an unset stock and the details from the product's Cassandra row; a row that has its stock
  // already is left alone (so a copy never overwrites the ledger).
  virtual Status AdoptStock(const Product& product) = 0;
};

}  // namespace eda::catalog
