#include "delivery/store/sql_delivery_unit_of_work.hpp"

#include "delivery/store/delivery_outbox_messages.hpp"
#include "eda/saga/topics.hpp"
#include "delivery/store/delivery_row.hpp"

namespace eda::delivery {

Result<std::optional<Delivery>> SqlDeliveryUnitOfWork::FindByOrderForUpdate(const OrderId& order_id) {
  auto rows = tx_.Query(std::string("SELECT ") + kDeliveryColumns + " FROM delivery WHERE order_id = ? FOR UPDATE",
                        {order_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Delivery>{};
  return std::optional<Delivery>{DeliveryFromRow(rows->front())};
}

Result<DeliveryId> SqlDeliveryUnitOfWork::Insert(const DeliveryRequest& r) {
  auto res = tx_.Execute(
      "INSERT INTO delivery (order_id, order_name, product_count, address, delivery_company, member_id, "
      "payment_key, approved_at, amount, delivery_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED')",
      {r.order_id, r.order_name, r.product_count, r.address, r.delivery_company, r.member_id, r.payment_key,
       r.approved_at, r.amount});
  if (!res) return res.error();
  return DeliveryId(static_cast<std::int64_t>(res->last_insert_id));
}

Status SqlDeliveryUnitOfWork::MarkBooked(const Delivery& d, const std::string& reference_code) {
  auto res = tx_.Execute("UPDATE delivery SET reference_code = ? WHERE delivery_id = ? AND delivery_status = 'REQUESTED'",
                         {reference_code, d.id});
  if (!res) return res.error();
  if (res->affected_rows != 1) return Error::Transient("delivery.conflict", "delivery changed while booking");
  if (auto a = outbox_.Add(tx_, DeliveryResponseEvent(saga::kOrderComplete, d, DeliveryStatus::kRequested)); !a) {
    return a.error();
  }
  return {};
}

Status SqlDeliveryUnitOfWork::MarkFailed(const Delivery& d, const std::string& reason) {
  auto res = tx_.Execute(
      "UPDATE delivery SET delivery_status = 'FAILED', failure_reason = ? WHERE delivery_id = ? AND delivery_status = 'REQUESTED'",
      {reason.substr(0, 500), d.id});
  if (!res) return res.error();
  if (res->affected_rows != 1) return Error::Transient("delivery.conflict", "delivery changed while failing it");
  if (auto a = outbox_.Add(tx_, DeliveryFailedEvent(d, reason, NowUtcIso())); !a) return a.error();
  return {};
}

Status SqlDeliveryUnitOfWork::InsertFailed(const ShipmentCancelRequest& r, const std::string& reason) {
  Delivery d;
  d.request.order_id = r.order_id;
  d.request.payment_key = r.payment_key;
  d.request.amount = r.amount;
  d.status = DeliveryStatus::kFailed;
  d.failure_reason = reason.substr(0, 500);
  auto res = tx_.Execute(
      "INSERT INTO delivery (order_id, order_name, product_count, address, delivery_company, member_id, "
      "payment_key, approved_at, amount, delivery_status, failure_reason) "
      "VALUES (?, '', 0, '', '', 0, ?, '', ?, 'FAILED', ?)",
      {r.order_id, r.payment_key, r.amount, d.failure_reason});
  if (!res) return res.error();
  d.id = DeliveryId(static_cast<std::int64_t>(res->last_insert_id));
  if (auto a = outbox_.Add(tx_, DeliveryFailedEvent(d, reason, NowUtcIso())); !a) return a.error();
  return {};
}

}  // namespace eda::delivery
