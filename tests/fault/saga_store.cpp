#include "saga_store.hpp"

#include "eda/sql/sql.hpp"

namespace eda::fault_test {

namespace {

std::vector<sql::Param> Params(const std::vector<std::int64_t>& ids) {
  std::vector<sql::Param> p;
  for (std::int64_t id : ids) p.emplace_back(id);
  return p;
}

}  // namespace

SagaStore::SagaStore(sql::Settings settings) : pool_(std::make_unique<sql::Pool>(std::move(settings))) {}
SagaStore::~SagaStore() = default;

Result<sql::Settings> SagaStore::SettingsFromEnv() {
  sql::Settings defaults;
  defaults.port = 23306;
  defaults.pool_size = 2;
  defaults.connect_timeout = std::chrono::milliseconds(3000);
  defaults.read_timeout = std::chrono::milliseconds(15000);
  return sql::Settings::FromEnv(defaults);
}

Result<std::vector<OrderRow>> SagaStore::Orders(const std::vector<std::int64_t>& member_ids) {
  if (member_ids.empty()) return std::vector<OrderRow>{};
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.error();
  const std::string q =
      "SELECT id, member_id, product_id, product_count, amount, status, flagged, payment_key FROM orders "
      "WHERE member_id IN (" + sql::Placeholders(member_ids.size()) + ") ORDER BY created_at";
  auto rows = conn->Query(q, Params(member_ids));
  if (!rows.ok()) return rows.error();
  std::vector<OrderRow> out;
  for (const sql::Row& r : *rows) {
    OrderRow o;
    o.id = r.Get<std::string>("id");
    o.member_id = r.Get<std::int64_t>("member_id");
    o.product_id = r.Get<std::int64_t>("product_id");
    o.count = r.Get<std::int64_t>("product_count");
    o.amount = r.Get<std::int64_t>("amount");
    o.status = r.Get<std::string>("status");
    o.flagged = r.Get<bool>("flagged");
    o.payment_key = r.Get<std::optional<std::string>>("payment_key").value_or("");
    out.push_back(std::move(o));
  }
  return out;
}

Result<std::vector<std::string>> SagaStore::History(const std::string& order_id) {
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.error();
  auto rows = conn->Query(
      "SELECT from_status, to_status, reason, DATE_FORMAT(at, '%H:%i:%s.%f') AS at_text FROM order_history "
      "WHERE order_id = ? ORDER BY id",
      {order_id});
  if (!rows.ok()) return rows.error();
  std::vector<std::string> out;
  for (const sql::Row& r : *rows) {
    out.push_back(r.Get<std::string>("at_text") + " " + r.Get<std::string>("from_status") + "->" +
                  r.Get<std::string>("to_status") + " (" + r.Get<std::string>("reason") + ")");
  }
  return out;
}

Result<std::vector<DeliveryRow>> SagaStore::Deliveries(const std::vector<std::int64_t>& member_ids) {
  if (member_ids.empty()) return std::vector<DeliveryRow>{};
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.error();
  const std::string q =
      "SELECT order_id, member_id, delivery_status, amount, product_count FROM delivery WHERE member_id IN (" +
      sql::Placeholders(member_ids.size()) + ")";
  auto rows = conn->Query(q, Params(member_ids));
  if (!rows.ok()) return rows.error();
  std::vector<DeliveryRow> out;
  for (const sql::Row& r : *rows) {
    DeliveryRow d;
    d.order_id = r.Get<std::string>("order_id");
    d.member_id = r.Get<std::int64_t>("member_id");
    d.status = r.Get<std::string>("delivery_status");
    d.amount = r.Get<std::int64_t>("amount");
    d.count = r.Get<std::int64_t>("product_count");
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace eda::fault_test
