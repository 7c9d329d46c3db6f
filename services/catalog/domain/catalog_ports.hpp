#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/domain/catalog_events.hpp"
#include "catalog/domain/product.hpp"
#include "catalog/domain/stock_protocol.hpp"
#include "eda/core/result.hpp"

namespace eda::catalog {

// The outcome of a compare-and-set on a product's stock: whether it applied, and the row as it is now
// (after the write when applied; the values that made it fail otherwise).
struct CasResult {
  bool applied = false;
  StockSnapshot current;
};

// The Cassandra side: product rows, the seller index, stock CAS and order reservations.
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

  // Stock with SERIAL consistency (sees every applied CAS).
  virtual Result<StockSnapshot> ReadStock(ProductId id) = 0;
  // UPDATE stock = new_stock, version = expected.version + 1, ops += add_op, ops -= remove_ops
  // IF version = expected.version AND stock = expected.stock.
  virtual Result<CasResult> CasStock(ProductId id, const StockSnapshot& expected, std::int64_t new_stock,
                                     const std::optional<std::string>& add_op) = 0;
  // Removes a marker once its reservation row is final. Idempotent.
  virtual Status ClearOp(ProductId id, const std::string& marker) = 0;

  // INSERT the reservation IF NOT EXISTS; returns the row now stored (`reservation` itself when
  // applied, the earlier one otherwise) and whether this call created it.
  struct CreateResult {
    bool created = false;
    Reservation stored;
  };
  virtual Result<CreateResult> CreateReservation(const Reservation& reservation) = 0;
  // UPDATE state = to IF state = from; false when the row was not in `from` (someone else moved it).
  virtual Result<bool> TransitionReservation(const std::string& order_id, ReservationState from,
                                             ReservationState to, const std::string& reason) = 0;
  virtual Result<std::optional<Reservation>> FindReservation(const std::string& order_id) = 0;
};

// The MariaDB side: product ids (`seller_product`) and the transactional outbox.
class ProductLedger {
 public:
  virtual ~ProductLedger() = default;

  // Inserts a `seller_product` row in state PENDING and returns its auto-increment id.
  virtual Result<ProductId> AllocateId(SellerId seller) = 0;

  // In ONE transaction: moves the `seller_product` row as `transition` says and, only if it moved
  // (or for kTouch, if the row exists), writes `events` to the outbox. Returns whether it moved.
  enum class Transition {
    kActivate,  // PENDING -> ACTIVE
    kTouch,     // state unchanged (row locked, so per-product event order follows commit order)
    kDelete,    // PENDING/ACTIVE -> DELETED
    kAbandon,   // PENDING -> ABANDONED (the Cassandra row was never written)
  };
  virtual Result<bool> Record(ProductId id, Transition transition, const std::vector<ProductEvent>& events) = 0;

  // Ids whose row is still PENDING and older than `older_than` (register crashed mid-way).
  virtual Result<std::vector<ProductId>> ListPending(TimePoint older_than, int limit) = 0;
};

}  // namespace eda::catalog
