#include "order/store/sql_product_read_model.hpp"

namespace eda::order {

Result<CatalogProduct, OrderError> SqlProductReadModel::Find(ProductId product_id) {
  auto conn = pool_.Acquire();
  if (!conn) return fallback_.Find(product_id);
  auto rows = conn->Query("SELECT product_name, product_price, deleted FROM order_product WHERE product_id = ?",
                          {product_id});
  if (!rows || rows->empty()) return fallback_.Find(product_id);
  const auto& r = rows->front();
  if (r.Get<std::int64_t>("deleted") != 0) return OrderError{OrderErrc::kProductNotFound, "no such product", {}};
  return CatalogProduct{product_id, r.Get<std::string>("product_name"), r.Get<std::int64_t>("product_price")};
}

Result<void, OrderError> SqlProductReadModel::Apply(const ProductAnnouncement& a) {
  auto conn = pool_.Acquire();
  if (!conn) {
    return OrderError{conn.error().retryable ? OrderErrc::kUnavailable : OrderErrc::kInternal,
                      "the order store failed", conn.error().message};
  }
  // Assignments run left to right, so changed_at is compared before it is replaced. A repeated or
  // stock-only announcement changes no column, which InnoDB commits without writing anything.
  auto done = conn->Execute(
      "INSERT INTO order_product (product_id, product_name, product_price, deleted, changed_at, seller_id) "
      "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
      "seller_id = IF(VALUES(changed_at) >= changed_at AND VALUES(seller_id) <> 0, VALUES(seller_id), seller_id), "
      "product_name = IF(VALUES(changed_at) >= changed_at, VALUES(product_name), product_name), "
      "product_price = IF(VALUES(changed_at) >= changed_at, VALUES(product_price), product_price), "
      "deleted = IF(VALUES(changed_at) >= changed_at, VALUES(deleted), deleted), "
      "changed_at = GREATEST(VALUES(changed_at), changed_at)",
      {a.product.id, a.product.name, a.product.price, a.deleted ? 1 : 0, a.changed_at, a.seller_id});
  if (!done) {
    return OrderError{done.error().retryable ? OrderErrc::kUnavailable : OrderErrc::kInternal,
                      "the order store failed", done.error().message};
  }
  return {};
}

}  // namespace eda::order
