#pragma once

// In-memory fakes of the payment ports and of Toss for unit tests of the use cases (no database, no
// Toss, no outbox).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eda/toss/api.hpp"
#include "payment/domain/payment_ports.hpp"
#include "payment/domain/payment_rules.hpp"

namespace eda::payment::testing {

// One announcement that committed.
struct Announced {
  std::string topic;  // "payment-confirm-response" | "payment-failed" | "payment-refunded"
  OrderId order_id;
  PaymentKey payment_key;
  std::int64_t amount = 0;  // approved total, failed amount or refunded amount
  std::string code;         // payment-failed's code
  bool partial = false;
};

// The payments table, its inbox and its outbox in memory, with transactions that roll back: a step's
// work runs on the live rows and, when it fails (or `fail_next_commit` is set), they are put back as
// they were. `in_transaction` is true while a step's work runs (FakeToss checks it).
class FakePayments final : public PaymentStore {
 public:
  std::map<OrderId, PaymentRecord> rows;
  std::vector<Announced> announced;
  std::set<std::string> inbox;                // event ids handled
  std::optional<Error> fail_next_commit;      // the next commit fails with this (then cleared)
  bool in_transaction = false;
  int flags = 0;

  Result<Claim> ClaimForConfirm(const ConfirmClaim& c, TimePoint now) override {
    if (auto it = rows.find(c.order_id); it != rows.end()) {
      const PaymentRecord& row = it->second;
      const bool same_event = row.source_event_id == c.source_event_id;
      const bool unfinished_same_payment =
          row.status == PaymentStatus::kReady && row.payment_key == c.payment_key && row.amount == c.amount;
      return Claim{same_event || unfinished_same_payment ? Claim::Kind::kResume : Claim::Kind::kDuplicate, row};
    }
    if (auto holder = ByKey(c.payment_key)) return Claim{Claim::Kind::kDuplicate, *holder};
    PaymentRecord row;
    row.id = static_cast<std::int64_t>(rows.size()) + 1;
    row.order_id = c.order_id;
    row.payment_key = c.payment_key;
    row.amount = c.amount;
    row.confirm_idempotency_key = "confirm-" + c.order_id.value();
    row.mismatch_cancel_key = "mismatch-" + c.order_id.value();
    row.source_event_id = c.source_event_id;
    row.created_at = row.updated_at = now;
    rows[c.order_id] = row;
    return Claim{Claim::Kind::kNew, row};
  }
  Result<std::optional<PaymentRecord>> FindByOrderId(const OrderId& order_id) override {
    auto it = rows.find(order_id);
    if (it == rows.end()) return std::optional<PaymentRecord>{};
    return std::optional<PaymentRecord>{it->second};
  }
  Result<std::optional<PaymentRecord>> FindByPaymentKey(const PaymentKey& key) override { return ByKey(key); }
  Result<CancelStart> BeginCancel(const OrderId& order_id, std::string_view reason, TimePoint now,
                                  const std::optional<NamedPayment>& named) override {
    auto it = rows.find(order_id);
    CancelStart start;
    if (it != rows.end() && named) start.refusal = CheckNamedPayment(it->second, *named);
    start.action = start.refusal ? CompensationAction::kRefused
                                 : DecideCompensation(it != rows.end() ? std::optional(it->second.status) : std::nullopt);
    if (start.action == CompensationAction::kCancelAtToss) {
      PaymentRecord& row = it->second;
      row.status = PaymentStatus::kCancelPending;
      row.cancel_idempotency_key = "cancel-" + row.order_id.value() + "-" + std::to_string(++cancel_keys_);
      row.cancel_reason = reason.empty() ? "refund" : std::string(reason);
      row.updated_at = now;
    }
    if (it != rows.end()) start.payment = it->second;
    return start;
  }
  Result<std::vector<OrderId>> DueCancels(TimePoint older_than, int limit) override {
    std::vector<OrderId> out;
    for (const auto& [id, row] : rows) {
      if (row.status == PaymentStatus::kCancelPending && !row.flagged && row.updated_at < older_than &&
          static_cast<int>(out.size()) < limit) {
        out.push_back(id);
      }
    }
    return out;
  }
  Status Flag(const OrderId& order_id, std::string_view code, std::string_view reason, TimePoint) override {
    ++flags;
    PaymentRecord& row = rows.at(order_id);
    row.flagged = true;
    row.failure_code = code;
    row.failure_reason = reason;
    return {};
  }

  // A fresh transaction.
  StepRunner Transaction() {
    return [this](const StepWork& work) { return Run(work, std::nullopt); };
  }
  // The inbox transaction of event `event_id`: the work runs once per event id.
  StepRunner Inbox(std::string event_id) {
    return [this, event_id = std::move(event_id)](const StepWork& work) { return Run(work, event_id); };
  }

  int Count(std::string_view topic, const OrderId& order_id) const {
    int n = 0;
    for (const Announced& a : announced) n += (a.topic == topic && a.order_id == order_id) ? 1 : 0;
    return n;
  }

 private:
  // The writes and announcements of one transaction, on the live state.
  class Tx final : public PaymentUnitOfWork, public PaymentAnnouncer {
   public:
    explicit Tx(FakePayments& db) : db_(db) {}
    Result<bool> MarkApproved(const OrderId& order_id, const toss::Payment& p, TimePoint now) override {
      PaymentRecord* row = Ready(order_id);
      if (row == nullptr) return false;
      row->status = PaymentStatus::kDone;
      row->total_amount = row->balance_amount = p.total_amount;
      row->metadata = p.metadata;
      row->member_id = MemberIdFromMetadata(p.metadata);
      row->updated_at = now;
      return true;
    }
    Result<bool> MarkRefused(const OrderId& order_id, std::string_view code, std::string_view reason,
                             const std::optional<toss::Payment>&, TimePoint now) override {
      PaymentRecord* row = Ready(order_id);
      if (row == nullptr) return false;
      row->status = PaymentStatus::kAborted;
      row->failure_code = code;
      row->failure_reason = reason;
      row->updated_at = now;
      return true;
    }
    Result<bool> MarkRefunded(const OrderId& order_id, const toss::Payment& seen, std::string_view,
                              const std::vector<PaymentStatus>& from, TimePoint now) override {
      auto it = db_.rows.find(order_id);
      if (it == db_.rows.end()) return false;
      PaymentRecord& row = it->second;
      bool allowed = false;
      for (PaymentStatus s : from) allowed = allowed || row.status == s;
      if (!allowed) return false;
      row.status = seen.balance_amount > 0 ? PaymentStatus::kPartialCanceled : PaymentStatus::kCanceled;
      row.balance_amount = seen.balance_amount;
      row.updated_at = now;
      return true;
    }
    Status Approved(const toss::Payment& p) override {
      db_.announced.push_back(
          {"payment-confirm-response", OrderId(p.order_id), PaymentKey(p.payment_key), p.total_amount, {}, false});
      return {};
    }
    Status Failed(const PaymentFailure& f) override {
      db_.announced.push_back({"payment-failed", f.order_id, f.payment_key, f.amount, f.code, false});
      return {};
    }
    Status Refunded(const PaymentRefund& r) override {
      db_.announced.push_back({"payment-refunded", r.order_id, r.payment_key, r.refunded_amount, {}, r.partial});
      return {};
    }

   private:
    PaymentRecord* Ready(const OrderId& order_id) {
      auto it = db_.rows.find(order_id);
      return it == db_.rows.end() || it->second.status != PaymentStatus::kReady ? nullptr : &it->second;
    }
    FakePayments& db_;
  };

  Status Run(const StepWork& work, const std::optional<std::string>& event_id) {
    if (event_id && inbox.count(*event_id) > 0) return {};
    const auto rows_before = rows;
    const auto announced_before = announced.size();
    Tx tx(*this);
    in_transaction = true;
    Status s = work(tx, tx);
    in_transaction = false;
    if (s && fail_next_commit) {
      s = *std::exchange(fail_next_commit, std::nullopt);
    }
    if (!s) {
      rows = rows_before;
      announced.resize(announced_before);
      return s;
    }
    if (event_id) inbox.insert(*event_id);
    return s;
  }
  std::optional<PaymentRecord> ByKey(const PaymentKey& key) const {
    for (const auto& [id, row] : rows) {
      if (row.payment_key == key) return row;
    }
    return std::nullopt;
  }
  int cancel_keys_ = 0;
};

// Toss as far as the use cases see it: windows opened by the test, confirmed once per payment key,
// cancelled in full. `down`: every call fails transiently (nothing happens at Toss). Counts calls, and
// the calls made while `payments->in_transaction` (a network call under a row lock: never allowed).
class FakeToss final : public toss::Api {
 public:
  explicit FakeToss(const FakePayments* payments = nullptr) : payments_(payments) {}

  bool down = false;
  std::string refuse_confirm;  // Confirm refuses with this terminal code (e.g. INVALID_API_KEY)
  std::string refuse_cancel;   // Cancel refuses with this terminal code (e.g. EXCEED_MAX_REFUND_DUE)
  int confirm_calls = 0, cancel_calls = 0, lookup_calls = 0, calls_in_transaction = 0;

  // A payment window: confirming `payment_key` approves `amount` for `order_id`, or declines it.
  void Open(const std::string& payment_key, const std::string& order_id, std::int64_t amount, bool decline = false,
            std::map<std::string, std::string> metadata = {}) {
    toss::Payment p;
    p.payment_key = payment_key;
    p.order_id = order_id;
    p.status = toss::PaymentStatus::kReady;
    p.status_raw = "READY";
    p.total_amount = p.balance_amount = amount;
    p.metadata = std::move(metadata);
    payments_at_toss[payment_key] = p;
    if (decline) declined_.insert(payment_key);
  }
  // A cancel made at Toss directly (e.g. the dashboard).
  void CancelDirectly(const std::string& payment_key) { Refund(payments_at_toss.at(payment_key), "dashboard"); }

  std::map<std::string, toss::Payment> payments_at_toss;

  toss::TossResult<toss::Payment> Confirm(const toss::ConfirmRequest& r) override {
    ++confirm_calls;
    Enter();
    if (down) return Error("FAILED_INTERNAL_SYSTEM_PROCESSING", 500, toss::ErrorClass::kTransient);
    if (!refuse_confirm.empty()) return Error(refuse_confirm, 401, toss::ErrorClass::kTerminal);
    auto it = payments_at_toss.find(r.payment_key);
    if (it == payments_at_toss.end()) return Error("NOT_FOUND_PAYMENT", 404, toss::ErrorClass::kTerminal);
    if (declined_.count(r.payment_key) > 0) return Error("REJECT_CARD_PAYMENT", 403, toss::ErrorClass::kTerminal);
    toss::Payment& p = it->second;
    if (p.status == toss::PaymentStatus::kReady) {
      p.status = toss::PaymentStatus::kDone;
      p.status_raw = "DONE";
      p.approved_at = "2026-01-01T10:00:00+09:00";
    }
    return p;
  }
  toss::TossResult<toss::Payment> GetByPaymentKey(const std::string& key) override {
    ++lookup_calls;
    Enter();
    if (down) return Error("FAILED_INTERNAL_SYSTEM_PROCESSING", 500, toss::ErrorClass::kTransient);
    auto it = payments_at_toss.find(key);
    if (it == payments_at_toss.end()) return Error("NOT_FOUND_PAYMENT", 404, toss::ErrorClass::kTerminal);
    return it->second;
  }
  toss::TossResult<toss::Payment> GetByOrderId(const std::string& order_id) override {
    ++lookup_calls;
    Enter();
    for (const auto& [key, p] : payments_at_toss) {
      if (p.order_id == order_id) return p;
    }
    return Error("NOT_FOUND_PAYMENT", 404, toss::ErrorClass::kTerminal);
  }
  toss::TossResult<toss::Payment> Cancel(const toss::CancelRequest& r) override {
    ++cancel_calls;
    Enter();
    if (down) return Error("FAILED_INTERNAL_SYSTEM_PROCESSING", 500, toss::ErrorClass::kTransient);
    if (!refuse_cancel.empty()) return Error(refuse_cancel, 403, toss::ErrorClass::kTerminal);
    auto it = payments_at_toss.find(r.payment_key);
    if (it == payments_at_toss.end()) return Error("NOT_FOUND_PAYMENT", 404, toss::ErrorClass::kTerminal);
    toss::Payment& p = it->second;
    if (p.status == toss::PaymentStatus::kCanceled) {
      return Error("ALREADY_CANCELED_PAYMENT", 400, toss::ErrorClass::kAlreadyDone);
    }
    if (p.status != toss::PaymentStatus::kDone) return Error("NOT_CANCELABLE_PAYMENT", 403, toss::ErrorClass::kTerminal);
    Refund(p, r.cancel_reason);
    return p;
  }

 private:
  static toss::TossError Error(std::string code, int status, toss::ErrorClass c) {
    toss::TossError e;
    e.code = std::move(code);
    e.http_status = status;
    e.error_class = c;
    return e;
  }
  static void Refund(toss::Payment& p, const std::string& reason) {
    p.cancels.push_back(toss::Cancel{p.balance_amount, reason, 0, "2026-01-01T11:00:00+09:00",
                                     "tx-" + std::to_string(p.cancels.size() + 1), "DONE"});
    p.balance_amount = 0;
    p.status = toss::PaymentStatus::kCanceled;
    p.status_raw = "CANCELED";
  }
  void Enter() {
    if (payments_ != nullptr && payments_->in_transaction) ++calls_in_transaction;
  }
  const FakePayments* payments_;
  std::set<std::string> declined_;
};

}  // namespace eda::payment::testing
