#include "catalog/store/sql_product_ledger.hpp"

#include "catalog/events/catalog_events.hpp"
#include "catalog/store/ledger_rows.hpp"
#include "eda/sql/retry.hpp"

namespace eda::catalog {

Result<ProductId> SqlProductLedger::AllocateId(const Product& product) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto r = conn->Execute(
      "INSERT INTO seller_product (seller_id, state, stock_count, stock_version, product_name, product_price, tags) "
      "VALUES (?, 'PENDING', ?, 0, ?, ?, ?)",
      {product.seller_id.value(), product.stock, product.name, product.price, TagsJson(product.tags)});
  if (!r) return std::move(r).error();
  return ProductId{static_cast<std::int64_t>(r->last_insert_id)};
}

Result<bool> SqlProductLedger::Record(ProductId id, Transition transition, const std::vector<ProductEvent>& events) {
  return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Result<bool> {
    Result<sql::ExecResult> moved = sql::ExecResult{};
    switch (transition) {
      case Transition::kActivate:
        moved = tx.Execute(
            "UPDATE seller_product SET state = 'ACTIVE', updated_at = CURRENT_TIMESTAMP(6) WHERE id = ? AND state = 'PENDING'",
            {id.value()});
        break;
      case Transition::kDelete:
        moved = tx.Execute(
            "UPDATE seller_product SET state = 'DELETED', updated_at = CURRENT_TIMESTAMP(6) "
            "WHERE id = ? AND state IN ('PENDING', 'ACTIVE')",
            {id.value()});
        break;
      case Transition::kAbandon:
        moved = tx.Execute(
            "UPDATE seller_product SET state = 'ABANDONED', updated_at = CURRENT_TIMESTAMP(6) WHERE id = ? AND state = 'PENDING'",
            {id.value()});
        break;
      case Transition::kTouch:
        // Row lock: events of one product commit in the order their transactions do.
        moved = tx.Execute("UPDATE seller_product SET updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?", {id.value()});
        break;
    }
    if (!moved) return std::move(moved).error();
    if (moved->affected_rows == 0) return false;
    // The row is locked now: its stock is the one to announce.
    auto rows = tx.Query("SELECT stock_count, stock_version FROM seller_product WHERE id = ?", {id.value()});
    if (!rows) return std::move(rows).error();
    const auto stock = rows->empty() ? std::nullopt : rows->front().Get<std::optional<std::int64_t>>("stock_count");
    const std::int64_t version = rows->empty() ? 0 : rows->front().Get<std::int64_t>("stock_version");
    for (ProductEvent e : events) {
      if (e.kind == ProductEvent::Kind::kChanged) {
        if (stock) e.product.stock = *stock;
        e.stock_version = version;
        auto details = tx.Execute("UPDATE seller_product SET product_name = ?, product_price = ?, tags = ? WHERE id = ?",
                                  {e.product.name, e.product.price, TagsJson(e.product.tags), id.value()});
        if (!details) return std::move(details).error();
      }
      if (auto s = AddOnce(outbox_, tx, ToOutgoing(e)); !s) return s.error();
    }
    return true;
  });
}

Result<std::vector<ProductId>> SqlProductLedger::ListPending(TimePoint older_than, int limit) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto rows = conn->Query("SELECT id FROM seller_product WHERE state = 'PENDING' AND created_at < ? ORDER BY id LIMIT ?",
                          {older_than, static_cast<std::int64_t>(limit)});
  if (!rows) return std::move(rows).error();
  std::vector<ProductId> out;
  for (const auto& row : *rows) out.emplace_back(row.Get<std::int64_t>("id"));
  return out;
}

Result<std::vector<ProductId>> SqlProductLedger::ListWithoutStock(int limit) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto rows = conn->Query("SELECT id FROM seller_product WHERE stock_count IS NULL AND state = 'ACTIVE' ORDER BY id LIMIT ?",
                          {static_cast<std::int64_t>(limit)});
  if (!rows) return std::move(rows).error();
  std::vector<ProductId> out;
  for (const auto& row : *rows) out.emplace_back(row.Get<std::int64_t>("id"));
  return out;
}

Status SqlProductLedger::AdoptStock(const Product& product) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto r = conn->Execute(
      "UPDATE seller_product SET stock_count = ?, product_name = ?, product_price = ?, tags = ? "
      "WHERE id = ? AND stock_count IS NULL",
      {product.stock, product.name, product.price, TagsJson(product.tags), product.id.value()});
  if (!r) return std::move(r).error();
  return {};
}

}  // namespace eda::catalog
