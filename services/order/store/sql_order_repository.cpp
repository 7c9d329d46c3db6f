#include "order/store/sql_order_repository.hpp"

#include "eda/sql/retry.hpp"
#include "order/store/order_outbox_messages.hpp"

namespace eda::order {
namespace {

constexpr std::string_view kColumns =
    "id, member_id, product_id, product_count, amount, order_name, delivery_company, address, status, "
    "payment_key, approved_at, delivery_id, confirm_attempts, flagged, created_at, updated_at, finished_at, cancel_requested_at";

OrderError Unavailable(const Error& e) {
  return OrderError{e.retryable ? OrderErrc::kUnavailable : OrderErrc::kInternal, "the order store failed",
                    e.code + ": " + e.message};
}

OrderStatus StatusOf(const std::string& name) {
  auto s = ParseStatus(name);
  if (!s) throw sql::RowAccessError("orders.status: unknown status '" + name + "'");
  return *s;
}

Order ToOrder(const sql::Row& r) {
  Order o;
  o.id = r.Get<OrderId>("id");
  o.member_id = r.Get<MemberId>("member_id");
  o.product_id = r.Get<ProductId>("product_id");
  o.product_count = r.Get<std::int64_t>("product_count");
  o.amount = r.Get<std::int64_t>("amount");
  o.order_name = r.Get<std::string>("order_name");
  o.delivery_company = r.Get<std::string>("delivery_company");
  o.address = r.Get<std::string>("address");
  o.status = StatusOf(r.Get<std::string>("status"));
  o.payment_key = PaymentKey(r.Get<std::optional<std::string>>("payment_key").value_or(""));
  o.approved_at = r.Get<std::optional<std::string>>("approved_at").value_or("");
  o.delivery_id = r.Get<std::optional<std::int64_t>>("delivery_id");
  o.confirm_attempts = r.Get<int>("confirm_attempts");
  o.flagged = r.Get<bool>("flagged");
  o.created_at = r.Get<sql::TimePoint>("created_at");
  o.updated_at = r.Get<sql::TimePoint>("updated_at");
  o.finished_at = r.Get<std::optional<sql::TimePoint>>("finished_at");
  o.cancel_requested_at = r.Get<std::optional<sql::TimePoint>>("cancel_requested_at");
  return o;
}

std::optional<std::string> NullIfEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

Status InsertHistory(sql::Transaction& tx, const OrderId& order_id, const HistoryEntry& h) {
  auto r = tx.Execute("INSERT INTO order_history (order_id, from_status, to_status, reason, at) VALUES (?, ?, ?, ?, ?)",
                      {order_id, StatusName(h.from), StatusName(h.to), h.reason.substr(0, 300), h.at});
  if (!r) return std::move(r).error();
  return {};
}

}  // namespace

Result<std::optional<LockedDecision>> DecideInTransaction(sql::Transaction& tx, const events::Outbox& outbox,
                                                          const OrderId& order_id, const Decider& decide,
                                                          const std::string& trace_id) {
  auto rows = tx.Query("SELECT " + std::string(kColumns) + " FROM orders WHERE id = ? FOR UPDATE", {order_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<LockedDecision>{};
  LockedDecision d{ToOrder(rows->front()), {}};
  d.outcome = decide(d.before);
  if (!d.outcome.history) return std::optional<LockedDecision>{std::move(d)};
  const Order& o = d.outcome.order;
  auto updated = tx.Execute(
      "UPDATE orders SET status = ?, payment_key = ?, approved_at = ?, delivery_id = ?, confirm_attempts = ?, "
      "flagged = ?, updated_at = ?, finished_at = ?, cancel_requested_at = ? WHERE id = ?",
      {StatusName(o.status), NullIfEmpty(o.payment_key.value()), NullIfEmpty(o.approved_at), o.delivery_id,
       o.confirm_attempts, o.flagged, o.updated_at, o.finished_at, o.cancel_requested_at, o.id});
  if (!updated) return std::move(updated).error();
  if (auto h = InsertHistory(tx, o.id, *d.outcome.history); !h) return std::move(h).error();
  for (Emit e : d.outcome.emits) {
    auto added = outbox.Add(tx, BuildMessage(o, e, trace_id));
    if (!added) return std::move(added).error();
  }
  return std::optional<LockedDecision>{std::move(d)};
}

Result<void, OrderError> SqlOrderRepository::Insert(const Order& o, const HistoryEntry& first) {
  auto done = sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Status {
    auto r = tx.Execute(
        "INSERT INTO orders (id, member_id, product_id, product_count, amount, order_name, delivery_company, "
        "address, status, confirm_attempts, flagged, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
        {o.id, o.member_id, o.product_id, o.product_count, o.amount, o.order_name, o.delivery_company, o.address,
         StatusName(o.status), o.created_at, o.updated_at});
    if (!r) return std::move(r).error();
    return InsertHistory(tx, o.id, first);
  });
  if (!done) return Unavailable(done.error());
  return {};
}

Result<std::optional<Order>, OrderError> SqlOrderRepository::Find(const OrderId& order_id) {
  auto conn = pool_.Acquire();
  if (!conn) return Unavailable(conn.error());
  auto rows = conn->Query("SELECT " + std::string(kColumns) + " FROM orders WHERE id = ?", {order_id});
  if (!rows) return Unavailable(rows.error());
  if (rows->empty()) return std::optional<Order>{};
  return std::optional<Order>{ToOrder(rows->front())};
}

Result<std::vector<Order>, OrderError> SqlOrderRepository::ListByMember(MemberId member_id, int offset, int limit) {
  auto conn = pool_.Acquire();
  if (!conn) return Unavailable(conn.error());
  auto rows = conn->Query("SELECT " + std::string(kColumns) +
                              " FROM orders WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                          {member_id, limit, offset});
  if (!rows) return Unavailable(rows.error());
  std::vector<Order> out;
  for (const auto& r : *rows) out.push_back(ToOrder(r));
  return out;
}

Result<std::vector<Order>, OrderError> SqlOrderRepository::ListBySeller(MemberId seller_id, int offset, int limit) {
  auto conn = pool_.Acquire();
  if (!conn) return Unavailable(conn.error());
  auto rows = conn->Query("SELECT " + std::string(kColumns) +
                              " FROM orders WHERE product_id IN (SELECT product_id FROM order_product WHERE seller_id = ?)"
                              " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                          {seller_id, limit, offset});
  if (!rows) return Unavailable(rows.error());
  std::vector<Order> out;
  for (const auto& r : *rows) out.push_back(ToOrder(r));
  return out;
}

Result<std::vector<HistoryEntry>, OrderError> SqlOrderRepository::History(const OrderId& order_id) {
  auto conn = pool_.Acquire();
  if (!conn) return Unavailable(conn.error());
  auto rows = conn->Query("SELECT from_status, to_status, reason, at FROM order_history WHERE order_id = ? ORDER BY id",
                          {order_id});
  if (!rows) return Unavailable(rows.error());
  std::vector<HistoryEntry> out;
  for (const auto& r : *rows) {
    out.push_back(HistoryEntry{StatusOf(r.Get<std::string>("from_status")), StatusOf(r.Get<std::string>("to_status")),
                               r.Get<std::string>("reason"), r.Get<sql::TimePoint>("at")});
  }
  return out;
}

Result<std::optional<Outcome>, OrderError> SqlOrderRepository::Update(const OrderId& order_id, const Decider& decide,
                                                                     std::string_view trace) {
  const std::string trace_id(trace);
  auto done = sql::RetryTransaction(pool_, [&](sql::Transaction& tx) {
    return DecideInTransaction(tx, outbox_, order_id, decide, trace_id);
  });
  if (!done) return Unavailable(done.error());
  if (!*done) return std::optional<Outcome>{};
  if (observer_ && (*done)->outcome.history) observer_((*done)->before, (*done)->outcome);
  return std::optional<Outcome>{std::move((*done)->outcome)};
}

Result<std::vector<OrderId>, OrderError> SqlOrderRepository::FindDue(OrderStatus status, TimePoint before, int limit) {
  auto conn = pool_.Acquire();
  if (!conn) return Unavailable(conn.error());
  auto rows = conn->Query(
      "SELECT id FROM orders WHERE status = ? AND flagged = 0 AND updated_at < ? ORDER BY updated_at LIMIT ?",
      {StatusName(status), before, limit});
  if (!rows) return Unavailable(rows.error());
  std::vector<OrderId> out;
  for (const auto& r : *rows) out.push_back(r.Get<OrderId>("id"));
  return out;
}

Result<std::vector<std::pair<OrderStatus, std::int64_t>>, OrderError> SqlOrderRepository::CountInFlight() {
  std::string in;
  std::vector<sql::Param> open;
  for (OrderStatus s : kAllOrderStatuses) {
    if (IsTerminal(s)) continue;
    in += in.empty() ? "?" : ", ?";
    open.emplace_back(std::string(StatusName(s)));
  }
  auto conn = pool_.Acquire();
  if (!conn) return Unavailable(conn.error());
  auto rows = conn->Query("SELECT status, COUNT(*) AS n FROM orders WHERE status IN (" + in + ") GROUP BY status", open);
  if (!rows) return Unavailable(rows.error());
  std::vector<std::pair<OrderStatus, std::int64_t>> out;
  for (const auto& r : *rows) {
    if (auto s = ParseStatus(r.Get<std::string>("status"))) out.emplace_back(*s, r.Get<std::int64_t>("n"));
  }
  return out;
}

}  // namespace eda::order
