#include "delivery/store/sql_delivery_queries.hpp"

#include "delivery/domain/delivery_service.hpp"
#include "delivery/store/delivery_row.hpp"
#include "delivery/store/sql_delivery_unit_of_work.hpp"
#include "eda/sql/retry.hpp"
#include "eda/sql/connection.hpp"

namespace eda::delivery {
namespace {

// The deliveries still under way: the poller's work list and the in-flight gauge (idx_delivery_status).
constexpr const char* kInFlight = "delivery_status IN ('REQUESTED', 'IN_DELIVERY')";

MemberAddress AddressFromRow(const sql::Row& row) {
  return MemberAddress{row.Get<std::int64_t>("id"), row.Get<MemberId>("member_id"), row.Get<std::string>("address"),
                       row.Get<std::string>("alias")};
}

}  // namespace

Result<std::optional<Delivery>> SqlDeliveryQueries::FindById(DeliveryId delivery_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = conn->Query(std::string("SELECT ") + kDeliveryColumns + " FROM delivery WHERE delivery_id = ?", {delivery_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Delivery>{};
  return std::optional<Delivery>{DeliveryFromRow(rows->front())};
}

Result<std::optional<Delivery>> SqlDeliveryQueries::FindByOrder(const OrderId& order_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = conn->Query(std::string("SELECT ") + kDeliveryColumns + " FROM delivery WHERE order_id = ?", {order_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Delivery>{};
  return std::optional<Delivery>{DeliveryFromRow(rows->front())};
}

Result<std::vector<Delivery>> SqlDeliveryQueries::ListActive(int limit) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = conn->Query(std::string("SELECT ") + kDeliveryColumns + " FROM delivery WHERE " + kInFlight +
                              " AND reference_code IS NOT NULL ORDER BY delivery_id LIMIT ?",
                          {static_cast<std::int64_t>(limit)});
  if (!rows) return rows.error();
  std::vector<Delivery> out;
  for (const auto& row : *rows) out.push_back(DeliveryFromRow(row));
  return out;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> SqlDeliveryQueries::CountInFlight() {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = conn->Query(std::string("SELECT delivery_status, COUNT(*) AS n FROM delivery WHERE ") + kInFlight +
                          " GROUP BY delivery_status");
  if (!rows) return rows.error();
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& row : *rows) out.emplace_back(row.Get<std::string>("delivery_status"), row.Get<std::int64_t>("n"));
  return out;
}

Result<MemberAddress> SqlDeliveryQueries::InsertAddress(const MemberAddress& a) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto res = conn->Execute("INSERT INTO member_address (member_id, address, alias) VALUES (?, ?, ?)",
                           {a.member_id, a.address, a.alias});
  if (!res) return res.error();
  MemberAddress out = a;
  out.id = static_cast<std::int64_t>(res->last_insert_id);
  return out;
}

Result<std::optional<MemberAddress>> SqlDeliveryQueries::FindAddress(std::int64_t id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = conn->Query("SELECT id, member_id, address, alias FROM member_address WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<MemberAddress>{};
  return std::optional<MemberAddress>{AddressFromRow(rows->front())};
}

Result<std::vector<MemberAddress>> SqlDeliveryQueries::ListAddresses(MemberId member_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = conn->Query("SELECT id, member_id, address, alias FROM member_address WHERE member_id = ? ORDER BY id",
                          {member_id});
  if (!rows) return rows.error();
  std::vector<MemberAddress> out;
  for (const auto& row : *rows) out.push_back(AddressFromRow(row));
  return out;
}

Result<Delivery> SqlDeliveryQueries::Process(const DeliveryRequest& request) {
  const UnitOfWorkRunner in_transaction = [this](const std::function<Status(DeliveryUnitOfWork&)>& work) {
    return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Status {
      SqlDeliveryUnitOfWork uow(tx, outbox_);
      return work(uow);
    });
  };
  auto r = ProcessDeliveryRequest(request, in_transaction, carriers_, in_transaction);
  if (!r) return r.error();
  return r->delivery;
}

}  // namespace eda::delivery
