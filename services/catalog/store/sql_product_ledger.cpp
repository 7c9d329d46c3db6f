#include "catalog/store/sql_product_ledger.hpp"

#include "catalog/events/catalog_events.hpp"
#include "eda/sql/retry.hpp"

namespace eda::catalog {

Result<ProductId> SqlProductLedger::AllocateId(SellerId seller) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto r = conn->Execute("INSERT INTO seller_product (seller_id, state) VALUES (?, 'PENDING')", {seller.value()});
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
    for (const ProductEvent& e : events) {
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

}  // namespace eda::catalog
