#pragma once

#include "eda/sql/pool.hpp"
#include "order/domain/order_ports.hpp"

namespace eda::order {

// The order service's copy of the catalog's products (table order_product, fed by product-changed),
// so pricing an order reads one local row instead of calling the catalog. A product not announced
// yet (just created, or the consumer still catching up) and a failed read are asked of `fallback`
// (the catalog service); its answers are not kept, so only announcements ever write the table and a
// slow answer can never overwrite a newer announcement. A deleted product is kProductNotFound.
// Prepared statements only. Blocking; thread-safe (the pool is). `pool` and `fallback` must outlive it.
class SqlProductReadModel final : public ProductCatalog, public ProductReadModel {
 public:
  SqlProductReadModel(sql::Pool& pool, ProductCatalog& fallback) : pool_(pool), fallback_(fallback) {}

  Result<CatalogProduct, OrderError> Find(ProductId product_id) override;
  Result<void, OrderError> Apply(const ProductAnnouncement& announcement) override;

 private:
  sql::Pool& pool_;
  ProductCatalog& fallback_;
};

}  // namespace eda::order
