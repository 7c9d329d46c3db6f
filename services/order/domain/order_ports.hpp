#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "order/domain/order.hpp"
#include "order/domain/order_error.hpp"
#include "order/domain/order_saga.hpp"

namespace eda::order {

// What the order service needs to know about a product.
struct CatalogProduct {
  ProductId id;
  std::string name;
  std::int64_t price = 0;  // KRW per unit
};

// The catalog's products as the order service prices them: store/sql_product_read_model (the local
// copy fed by product-changed) in front of store/http_product_catalog (the catalog service, for a
// product not announced yet). Errors: kProductNotFound, kCatalogUnavailable. Blocking; thread-safe.
class ProductCatalog {
 public:
  virtual ~ProductCatalog() = default;
  virtual Result<CatalogProduct, OrderError> Find(ProductId product_id) = 0;
};

// The buyer's saved delivery addresses (the delivery service's address book). AddressOf answers the
// address text of `address_id` as the caller may see it: `credentials` is the caller's own bearer
// token, forwarded so the address book applies its owner check. Errors: kAddressNotFound (unknown, or
// not the caller's: the same answer, so ids of others' addresses are not revealed),
// kDeliveryUnavailable. Blocking; thread-safe.
class AddressBook {
 public:
  virtual ~AddressBook() = default;
  virtual Result<std::string, OrderError> AddressOf(std::int64_t address_id, const std::string& credentials) = 0;
};

// A product as the catalog announced it on product-changed. changed_at: the announcement's
// RFC 3339 UTC time with milliseconds (fixed width; later announcements compare greater).
struct ProductAnnouncement {
  CatalogProduct product;
  MemberId seller_id;
  bool deleted = false;
  std::string changed_at;
};

// Where announcements are kept. Apply is idempotent and ignores an announcement older than the one
// kept (a record redelivered from a retry topic after a newer one). Errors: kUnavailable, kInternal.
class ProductReadModel {
 public:
  virtual ~ProductReadModel() = default;
  virtual Result<void, OrderError> Apply(const ProductAnnouncement& announcement) = 0;
};

using Decider = std::function<Outcome(const Order&)>;

// Orders, their history and (through Update) the events their changes publish. Errors: kUnavailable
// (database) or kInternal. Blocking; thread-safe.
class OrderRepository {
 public:
  virtual ~OrderRepository() = default;
  virtual Result<void, OrderError> Insert(const Order& order, const HistoryEntry& first) = 0;
  virtual Result<std::optional<Order>, OrderError> Find(const OrderId& order_id) = 0;
  // Newest first.
  virtual Result<std::vector<Order>, OrderError> ListByMember(MemberId member_id, int offset, int limit) = 0;
  // Orders for the products the catalog announced as `seller_id`'s, newest first.
  virtual Result<std::vector<Order>, OrderError> ListBySeller(MemberId seller_id, int offset, int limit) = 0;
  // Oldest first.
  virtual Result<std::vector<HistoryEntry>, OrderError> History(const OrderId& order_id) = 0;
  // Locks the order, runs `decide` on it and, when the outcome has a history entry, stores the new
  // order row, the history entry and the emitted messages (outbox) in one transaction. nullopt when
  // the order does not exist. `decide` may run more than once (transaction retries). The emitted
  // events carry `trace` (the W3C traceparent of the request that caused the change; empty: a new one).
  virtual Result<std::optional<Outcome>, OrderError> Update(const OrderId& order_id, const Decider& decide,
                                                            std::string_view trace) = 0;
  // Ids of orders in `status` whose updated_at is before `before` and that are not flagged, oldest first.
  virtual Result<std::vector<OrderId>, OrderError> FindDue(OrderStatus status, TimePoint before, int limit) = 0;
};

}  // namespace eda::order
