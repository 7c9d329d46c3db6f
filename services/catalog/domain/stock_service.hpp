#pragma once

#include <functional>
#include <optional>
#include <string>

#include "catalog/domain/catalog_error.hpp"
#include "catalog/domain/catalog_ports.hpp"
#include "catalog/domain/catalog_service.hpp"

namespace eda::catalog {

// A stock request of the purchase saga (from stockCountRequestV1).
struct StockRequest {
  std::string order_id;
  ProductId product_id;
  std::int64_t quantity = 0;
};

struct TakeOutcome {
  enum Kind {
    kReserved,   // stock is taken for this order (now or by an earlier delivery): emit delivery-request
    kRejected,   // refused (reason): emit stock-rejected
    kCancelled,  // the order was released before the request arrived: no event
  } kind = kRejected;
  std::string reason;             // kRejected: insufficient_stock, unknown_product, product_deleted
  std::int64_t available = 0;     // kRejected: stock seen when refusing
  std::optional<Product> product; // the product after the change, for product-changed (when known)
};

struct ReleaseOutcome {
  bool restocked = false;          // true only for the call that put the stock back
  std::optional<Product> product;  // after the restock
};

// The order stock protocol (README "Stock reservation protocol"): per-order reservation rows
// (PENDING -> RESERVED | REJECTED, RESERVED -> RELEASED) plus per-order markers on the product row
// written in the same CAS as the stock change, so every step is idempotent and a crash between any
// two steps is finished by redelivery without taking twice. The caller publishes the outcome's
// events (outbox keyed by order id) after this returns.
// Thread-safe; blocking.
class StockService {
 public:
  StockService(ProductStore& store, CatalogService::Settings settings);

  // Takes `quantity` for the order, or refuses it. Errors: kUnavailable (retry), kConflict (CAS
  // attempts exhausted: retry), kInvalidRequest (same order id with another product/quantity).
  Result<TakeOutcome, CatalogError> Take(const StockRequest& request) const;

  // Puts back what the order took, once; product_id may be 0 (unknown to the sender): the order's
  // reservation names the product. kUnavailable/kConflict: retry (also while the order's
  // take is still in flight).
  Result<ReleaseOutcome, CatalogError> Release(const std::string& order_id, ProductId product_id) const;

 private:
  Result<TakeOutcome, CatalogError> FollowReservation(const StockRequest& request, const Reservation& stored) const;
  Result<TakeOutcome, CatalogError> Decide(const StockRequest& request) const;
  Result<TakeOutcome, CatalogError> FinishReserved(const StockRequest& request) const;
  Result<TakeOutcome, CatalogError> FinishRejected(const StockRequest& request, std::string reason,
                                                   std::int64_t available, bool marker) const;
  std::optional<Product> ProductAfter(ProductId id) const;

  ProductStore& store_;
  CatalogService::Settings settings_;
};

}  // namespace eda::catalog
