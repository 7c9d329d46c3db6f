#include "catalog/store/sql_stock_unit_of_work.hpp"

#include <algorithm>

#include "catalog/domain/catalog_service.hpp"
#include "catalog/events/catalog_events.hpp"
#include "catalog/store/ledger_rows.hpp"
#include "eda/sql/retry.hpp"

namespace eda::catalog {
namespace {

// "?, ?, ?" with n placeholders.
std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace

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
                            Placeholders(ids.size()) + ") ORDER BY id FOR UPDATE",
                        params);
  if (!rows) return std::move(rows).error();
  for (const auto& row : *rows) out.push_back(StockRowFrom(row));
  return out;
}

Result<std::optional<Reservation>> SqlStockUnitOfWork::LockReservation(const std::string& order_id) {
  auto rows = tx_.Query(std::string("SELECT ") + kReservationColumns + " FROM stock_reservation WHERE order_id = ? FOR UPDATE",
                        {order_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Reservation>{};
  return std::optional<Reservation>{ReservationFrom(rows->front())};
}

Result<std::vector<Reservation>> SqlStockUnitOfWork::FindReservations(const std::vector<std::string>& order_ids) {
  std::vector<Reservation> out;
  if (order_ids.empty()) return out;
  std::vector<sql::Param> params(order_ids.begin(), order_ids.end());
  auto rows = tx_.Query(std::string("SELECT ") + kReservationColumns + " FROM stock_reservation WHERE order_id IN (" +
                            Placeholders(order_ids.size()) + ")",
                        params);
  if (!rows) return std::move(rows).error();
  for (const auto& row : *rows) out.push_back(ReservationFrom(row));
  return out;
}

Status SqlStockUnitOfWork::SaveReservation(const Reservation& r, bool is_new) {
  const std::string state(ReservationStateName(r.state));
  auto done = is_new ? tx_.Execute("INSERT INTO stock_reservation (order_id, product_id, quantity, state, reason) "
                                   "VALUES (?, ?, ?, ?, ?)",
                                   {r.order_id, r.product_id.value(), r.quantity, state, r.reason})
                     : tx_.Execute("UPDATE stock_reservation SET state = ?, reason = ?, updated_at = CURRENT_TIMESTAMP(6) "
                                   "WHERE order_id = ?",
                                   {state, r.reason, r.order_id});
  if (!done) return std::move(done).error();
  return {};
}

Status SqlStockUnitOfWork::SaveStock(const StockRow& row) {
  auto done = tx_.Execute("UPDATE seller_product SET stock_count = ?, stock_version = ? WHERE id = ?",
                          {row.stock.value_or(0), row.version, row.id.value()});
  if (!done) return std::move(done).error();
  Product p;
  p.id = row.id;
  p.seller_id = row.seller_id;
  p.name = row.name;
  p.price = row.price;
  p.stock = row.stock.value_or(0);
  p.tags = row.tags;
  p.updated_at = TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(row.version)));
  ProductEvent changed = CatalogService::ChangedEvent(p, ProductEvent::Change::kUpdated, "v" + std::to_string(row.version));
  changed.stock_version = row.version;
  events::OutgoingEvent out = ToOutgoing(changed);
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
