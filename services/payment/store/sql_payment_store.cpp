#include "payment/store/sql_payment_store.hpp"

#include <boost/json.hpp>

#include "eda/core/uuid.hpp"
#include "eda/sql/retry.hpp"
#include "eda/sql/rows.hpp"
#include "payment/domain/payment_rules.hpp"

namespace eda::payment {
namespace {

constexpr std::string_view kColumns =
    "id, order_id, payment_key, amount, status, order_name, method, currency, approved_at, total_amount, "
    "balance_amount, confirm_idempotency_key, mismatch_cancel_key, cancel_idempotency_key, cancel_reason, "
    "failure_code, failure_reason, member_id, metadata, source_event_id, flagged, created_at, updated_at";

std::string Select(std::string_view where) { return "SELECT " + std::string(kColumns) + " FROM payments " + std::string(where); }

std::optional<std::string> NullIfEmpty(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return std::string(s);
}

std::string Clip(std::string_view s, std::size_t n) { return std::string(s.substr(0, n)); }

std::map<std::string, std::string> DecodeMetadata(const std::optional<std::string>& text) {
  std::map<std::string, std::string> out;
  if (!text || text->empty()) return out;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(*text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, val] : v.as_object()) {
    out[std::string(k)] = val.is_string() ? std::string(val.as_string()) : boost::json::serialize(val);
  }
  return out;
}

std::optional<std::string> EncodeMetadata(const std::map<std::string, std::string>& m) {
  if (m.empty()) return std::nullopt;
  boost::json::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return boost::json::serialize(o);
}

PaymentRecord ToRecord(const sql::Row& r) {
  PaymentRecord p;
  p.id = r.Get<std::int64_t>("id");
  p.order_id = r.Get<OrderId>("order_id");
  p.payment_key = r.Get<PaymentKey>("payment_key");
  p.amount = r.Get<std::int64_t>("amount");
  const auto status_text = r.Get<std::string>("status");
  const auto status = ParsePaymentStatus(status_text);
  if (!status) throw sql::RowAccessError("payments.status: unknown status '" + status_text + "'");
  p.status = *status;
  p.order_name = r.Get<std::optional<std::string>>("order_name").value_or("");
  p.method = r.Get<std::optional<std::string>>("method").value_or("");
  p.currency = r.Get<std::optional<std::string>>("currency").value_or("");
  p.approved_at = r.Get<std::optional<std::string>>("approved_at").value_or("");
  p.total_amount = r.Get<std::int64_t>("total_amount");
  p.balance_amount = r.Get<std::int64_t>("balance_amount");
  p.confirm_idempotency_key = r.Get<std::string>("confirm_idempotency_key");
  p.mismatch_cancel_key = r.Get<std::string>("mismatch_cancel_key");
  p.cancel_idempotency_key = r.Get<std::optional<std::string>>("cancel_idempotency_key").value_or("");
  p.cancel_reason = r.Get<std::optional<std::string>>("cancel_reason").value_or("");
  p.failure_code = r.Get<std::optional<std::string>>("failure_code").value_or("");
  p.failure_reason = r.Get<std::optional<std::string>>("failure_reason").value_or("");
  p.member_id = r.Get<std::optional<MemberId>>("member_id");
  p.metadata = DecodeMetadata(r.Get<std::optional<std::string>>("metadata"));
  p.source_event_id = r.Get<std::string>("source_event_id");
  p.flagged = r.Get<bool>("flagged");
  p.created_at = r.Get<sql::TimePoint>("created_at");
  p.updated_at = r.Get<sql::TimePoint>("updated_at");
  return p;
}

template <class Conn>
Result<std::optional<PaymentRecord>> FindOne(Conn& c, std::string_view where, const sql::Param& value) {
  auto rows = c.Query(Select(where), {value});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<PaymentRecord>{};
  return std::optional<PaymentRecord>{ToRecord(rows->front())};
}

std::string StatusList(const std::vector<PaymentStatus>& from) {
  std::string out;
  for (PaymentStatus s : from) {
    if (!out.empty()) out += ", ";
    out += "'" + std::string(PaymentStatusName(s)) + "'";  // our own enum names: no user input
  }
  return out;
}

}  // namespace

Result<Claim> SqlPaymentStore::ClaimForConfirm(const ConfirmClaim& c, TimePoint now) {
  return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Result<Claim> {
    auto mine = FindOne(tx, "WHERE order_id = ? FOR UPDATE", c.order_id);
    if (!mine) return std::move(mine).error();
    if (*mine) {
      PaymentRecord& row = **mine;
      const bool same_event = row.source_event_id == c.source_event_id;
      const bool unfinished_same_payment =
          row.status == PaymentStatus::kReady && row.payment_key == c.payment_key && row.amount == c.amount;
      return Claim{same_event || unfinished_same_payment ? Claim::Kind::kResume : Claim::Kind::kDuplicate,
                   std::move(row)};
    }
    auto other = FindOne(tx, "WHERE payment_key = ?", c.payment_key);
    if (!other) return std::move(other).error();
    if (*other) return Claim{Claim::Kind::kDuplicate, std::move(**other)};
    PaymentRecord row;
    row.order_id = c.order_id;
    row.payment_key = c.payment_key;
    row.amount = c.amount;
    row.status = PaymentStatus::kReady;
    row.confirm_idempotency_key = NewUuid();
    row.mismatch_cancel_key = NewUuid();
    row.source_event_id = c.source_event_id;
    row.created_at = now;
    row.updated_at = now;
    // A concurrent insert of the same order/key fails with sql.duplicate_key (not retried by
    // RetryTransaction): the consumer retries the event, which then finds the row.
    auto inserted = tx.Execute(
        "INSERT INTO payments (order_id, payment_key, amount, status, confirm_idempotency_key, mismatch_cancel_key, "
        "source_event_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {row.order_id, row.payment_key, row.amount, PaymentStatusName(row.status), row.confirm_idempotency_key,
         row.mismatch_cancel_key, row.source_event_id, now, now});
    if (!inserted) {
      Error e = std::move(inserted).error();
      if (e.code == "sql.duplicate_key") e.retryable = true;
      return e;
    }
    row.id = static_cast<std::int64_t>(inserted->last_insert_id);
    return Claim{Claim::Kind::kNew, std::move(row)};
  });
}

Result<std::optional<PaymentRecord>> SqlPaymentStore::FindByOrderId(const OrderId& order_id) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  return FindOne(*conn, "WHERE order_id = ?", order_id);
}

Result<std::optional<PaymentRecord>> SqlPaymentStore::FindByPaymentKey(const PaymentKey& payment_key) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  return FindOne(*conn, "WHERE payment_key = ?", payment_key);
}

Result<CancelStart> SqlPaymentStore::BeginCancel(const OrderId& order_id, std::string_view reason, TimePoint now,
                                                 const std::optional<NamedPayment>& named) {
  return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) -> Result<CancelStart> {
    auto found = FindOne(tx, "WHERE order_id = ? FOR UPDATE", order_id);
    if (!found) return std::move(found).error();
    CancelStart start;
    if (*found && named) start.refusal = CheckNamedPayment(**found, *named);
    start.action = start.refusal ? CompensationAction::kRefused
                                 : DecideCompensation(*found ? std::optional<PaymentStatus>((*found)->status) : std::nullopt);
    start.payment = std::move(*found);
    if (start.action != CompensationAction::kCancelAtToss) return start;
    PaymentRecord& row = *start.payment;
    row.status = PaymentStatus::kCancelPending;
    row.cancel_idempotency_key = NewUuid();
    row.cancel_reason = Clip(reason.empty() ? "refund" : reason, 200);
    row.updated_at = now;
    auto u = tx.Execute(
        "UPDATE payments SET status = ?, cancel_idempotency_key = ?, cancel_reason = ?, updated_at = ? WHERE id = ?",
        {PaymentStatusName(row.status), row.cancel_idempotency_key, row.cancel_reason, now, row.id});
    if (!u) return std::move(u).error();
    return start;
  });
}

Result<std::vector<OrderId>> SqlPaymentStore::DueCancels(TimePoint older_than, int limit) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto rows = conn->Query(
      "SELECT order_id FROM payments WHERE status = ? AND flagged = 0 AND updated_at < ? ORDER BY updated_at LIMIT ?",
      {PaymentStatusName(PaymentStatus::kCancelPending), older_than, limit});
  if (!rows) return std::move(rows).error();
  std::vector<OrderId> out;
  for (const auto& r : *rows) out.push_back(r.Get<OrderId>("order_id"));
  return out;
}

Status SqlPaymentStore::Flag(const OrderId& order_id, std::string_view code, std::string_view reason, TimePoint now) {
  auto conn = pool_.Acquire();
  if (!conn) return std::move(conn).error();
  auto u = conn->Execute("UPDATE payments SET flagged = 1, failure_code = ?, failure_reason = ?, updated_at = ? WHERE order_id = ?",
                         {Clip(code, 64), Clip(reason, 500), now, order_id});
  if (!u) return std::move(u).error();
  return {};
}

Result<bool> SqlPaymentStore::MarkApproved(sql::Transaction& tx, const OrderId& order_id, const toss::Payment& p,
                                           TimePoint now) {
  const std::optional<MemberId> member = MemberIdFromMetadata(p.metadata);
  auto u = tx.Execute(
      "UPDATE payments SET status = ?, order_name = ?, method = ?, currency = ?, approved_at = ?, total_amount = ?, "
      "balance_amount = ?, raw_response = ?, member_id = ?, metadata = ?, updated_at = ? "
      "WHERE order_id = ? AND status = ?",
      {PaymentStatusName(PaymentStatus::kDone), NullIfEmpty(Clip(p.order_name, 200)), NullIfEmpty(Clip(p.method, 32)),
       NullIfEmpty(Clip(p.currency, 8)), p.approved_at, p.total_amount, p.balance_amount, NullIfEmpty(p.raw_json),
       member, EncodeMetadata(p.metadata), now, order_id, PaymentStatusName(PaymentStatus::kReady)});
  if (!u) return std::move(u).error();
  return u->affected_rows == 1;
}

Result<bool> SqlPaymentStore::MarkRefused(sql::Transaction& tx, const OrderId& order_id, std::string_view code,
                                          std::string_view reason, const std::optional<toss::Payment>& p,
                                          TimePoint now) {
  std::optional<std::string> raw;
  if (p && !p->raw_json.empty()) raw = p->raw_json;
  auto u = tx.Execute(
      "UPDATE payments SET status = ?, failure_code = ?, failure_reason = ?, raw_response = COALESCE(?, raw_response), "
      "updated_at = ? WHERE order_id = ? AND status = ?",
      {PaymentStatusName(PaymentStatus::kAborted), Clip(code, 64), Clip(reason, 500), raw, now, order_id,
       PaymentStatusName(PaymentStatus::kReady)});
  if (!u) return std::move(u).error();
  return u->affected_rows == 1;
}

Result<bool> SqlPaymentStore::MarkRefunded(sql::Transaction& tx, const OrderId& order_id, const toss::Payment& p,
                                           std::string_view cancel_key, const std::vector<PaymentStatus>& from,
                                           TimePoint now) {
  auto row = FindOne(tx, "WHERE order_id = ? FOR UPDATE", order_id);
  if (!row) return std::move(row).error();
  if (!*row) return false;
  const PaymentStatus to = p.balance_amount > 0 ? PaymentStatus::kPartialCanceled : PaymentStatus::kCanceled;
  // Status names in the IN list are our own enum's, never input; the values are bound.
  auto u = tx.Execute("UPDATE payments SET status = ?, balance_amount = ?, raw_response = COALESCE(?, raw_response), "
                      "updated_at = ? WHERE order_id = ? AND status IN (" + StatusList(from) + ")",
                      {PaymentStatusName(to), p.balance_amount, NullIfEmpty(p.raw_json), now, order_id});
  if (!u) return std::move(u).error();
  if (u->affected_rows != 1) return false;
  for (const toss::Cancel& c : p.cancels) {
    if (c.cancel_status != "DONE" && !c.cancel_status.empty()) continue;
    const std::string tx_key = c.transaction_key.empty() ? std::string(cancel_key) : c.transaction_key;
    auto ins = tx.Execute(
        "INSERT IGNORE INTO payment_cancels (payment_id, order_id, payment_key, cancel_amount, cancel_reason, "
        "transaction_key, idempotency_key, canceled_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {(*row)->id, order_id, (*row)->payment_key, c.cancel_amount, Clip(c.cancel_reason, 200), Clip(tx_key, 64),
         NullIfEmpty(cancel_key), NullIfEmpty(c.canceled_at), now});
    if (!ins) return std::move(ins).error();
  }
  return true;
}

}  // namespace eda::payment
