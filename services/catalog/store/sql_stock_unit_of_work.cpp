#include "catalog/store/sql_stock_unit_of_work.hpp"

#include <algorithm>

#include "catalog/domain/catalog_service.hpp"
#include "catalog/events/catalog_events.hpp"
#include "catalog/store/ledger_rows.hpp"
#include "eda/sql/retry.hpp"
#include "eda/sql/statement_shapes.hpp"

namespace eda::catalog {
sql::TransactionOptions StockTransactionOptions() {
  sql::TransactionOptions o;
  o.isolation = sql::IsolationLevel::kReadCommitted;
  return o;
}

Result<std::vector<StockRow>> SqlStockUnitOfWork::LockProducts(std::vector<ProductId> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<StockRow> out;
  if (ids.empty()) return out;
  std::vector<sql::Param> params;
  for (ProductId id : ids) params.emplace_back(id.value());
  // ORDER BY id: InnoDB takes the row locks in that order, so lockers of several rows never cycle.
  auto rows = tx_.Query(std::string("SELECT ") + kStockRowColumns + " FROM seller_product WHERE id IN (" +
                            sql::Placeholders(ids.size()) + ") ORDER BY id FOR UPDATE",
                        params);
  if (!rows) return std::move(rows).error();
  for (const auto& row : *rows) out.push_back(StockRowFrom(row));
  return out;
}

Result<std::vector<Reservation>> SqlStockUnitOfWork::SelectReservations(const std::vector<std::string>& order_ids,
                                                                      bool lock) {
  std::vector<Reservation> out;
  for (std::size_t at = 0; at < order_ids.size();) {
    const std::size_t width = sql::InListWidth(order_ids.size() - at, 64);
    const std::size_t take = std::min(width, order_ids.size() - at);
    std::vector<sql::Param> params;
    for (std::size_t i = 0; i < width; ++i) params.emplace_back(order_ids[at + std::min(i, take - 1)]);
    auto rows = tx_.Query(std::string("SELECT ") + kReservationColumns + " FROM stock_reservation WHERE order_id IN (" +
                              sql::Placeholders(width) + ")" + (lock ? " FOR UPDATE" : ""),
                          params);
    if (!rows) return std::move(rows).error();
    for (const auto& row : *rows) out.push_back(ReservationFrom(row));
    at += take;
  }
  return out;
}

Result<std::vector<Reservation>> SqlStockUnitOfWork::LockReservations(const std::vector<std::string>& order_ids) {
  return SelectReservations(order_ids, true);
}

Result<std::vector<Reservation>> SqlStockUnitOfWork::FindReservations(const std::vector<std::string>& order_ids) {
  return SelectReservations(order_ids, false);
}

Status SqlStockUnitOfWork::SaveReservations(const std::vector<Reservation>& inserts,
                                            const std::vector<Reservation>& updates) {
  for (std::size_t at = 0; at < inserts.size();) {
    const std::size_t chunk = sql::ChunkRows(inserts.size() - at, 64);
    const std::string sql = "INSERT INTO stock_reservation (order_id, product_id, quantity, state, reason) VALUES " +
                            sql::RowPlaceholders(chunk, 5);
    std::vector<sql::Param> params;
    for (std::size_t i = 0; i < chunk; ++i) {
      const Reservation& r = inserts[at + i];
      params.emplace_back(r.order_id);
      params.emplace_back(r.product_id.value());
      params.emplace_back(r.quantity);
      params.emplace_back(std::string(ReservationStateName(r.state)));
      params.emplace_back(r.reason);
    }
    if (auto done = tx_.Execute(sql, params); !done) return std::move(done).error();
    at += chunk;
  }
  for (const Reservation& r : updates) {
    auto done = tx_.Execute("UPDATE stock_reservation SET state = ?, reason = ?, updated_at = CURRENT_TIMESTAMP(6) "
                            "WHERE order_id = ?",
                            {std::string(ReservationStateName(r.state)), r.reason, r.order_id});
    if (!done) return std::move(done).error();
  }
  return {};
}

Status SqlStockUnitOfWork::SaveStock(const StockRow& row) {
  auto done = tx_.Execute("UPDATE seller_product SET stock_count = ?, stock_version = ? WHERE id = ?",
                          {row.stock.value_or(0), row.version, row.id.value()});
  if (!done) return std::move(done).error();
  events::OutgoingEvent out = ToOutgoing(CatalogService::StockChangedEvent(row));
  out.trace_id = trace_id_;
  return AddOnce(outbox_, tx_, out);
}

Status SqlStockTransactions::Run(const std::function<Status(StockUnitOfWork&)>& work) {
  return sql::RetryTransaction(
      pool_,
      [&](sql::Transaction& tx) -> Status {
        SqlStockUnitOfWork uow(tx, outbox_);
        return work(uow);
      },
      sql::RetryPolicy{}, StockTransactionOptions());
}

}  // namespace eda::catalog
