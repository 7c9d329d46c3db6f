#include "toss-sandbox/domain/payment_ledger.hpp"

#include <algorithm>

namespace eda::toss_sandbox {

namespace {

constexpr std::string_view kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kHex = "0123456789ABCDEF";

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The key set ("widget" or "api") a key belongs to by its documented prefix; empty when unknown.
std::string_view KeySet(std::string_view key) {
  for (std::string_view p : {"test_gck_", "live_gck_", "test_gsk_", "live_gsk_"}) {
    if (StartsWith(key, p)) return "widget";
  }
  for (std::string_view p : {"test_ck_", "live_ck_", "test_sk_", "live_sk_"}) {
    if (StartsWith(key, p)) return "api";
  }
  return {};
}

bool IsPending(PaymentStatus s) { return s == PaymentStatus::kReady || s == PaymentStatus::kInProgress; }

}  // namespace

PaymentLedger::PaymentLedger(Settings settings, Clock clock, std::uint64_t seed)
    : settings_(std::move(settings)), clock_(std::move(clock)), rng_(seed) {}

void PaymentLedger::SetObserver(Observer observer) {
  std::lock_guard n(notify_mu_);
  observer_ = std::move(observer);
}

Result<Payment, TossError> PaymentLedger::Authenticate(const WindowRequest& r) {
  if (!IsValidOrderId(r.order_id)) {
    return MakeTossError("INVALID_REQUEST", "orderId는 영문 대소문자, 숫자, 특수문자 -, _, = 로 이루어진 6자 이상 64자 이하의 문자열이어야 합니다.");
  }
  if (r.order_name.empty() || r.order_name.size() > 300) {
    return MakeTossError("INVALID_REQUEST", "orderName은 필수 값이며 100자 이하여야 합니다.");
  }
  if (r.amount <= 0) return MakeTossError("INVALID_REQUEST", "amount는 0보다 커야 합니다.");
  if (r.tax_free_amount < 0 || r.tax_free_amount > r.amount) {
    return MakeTossError("INVALID_REQUEST", "taxFreeAmount가 올바르지 않습니다.");
  }
  if (r.metadata.size() > 5) return MakeTossError("INVALID_REQUEST", "metadata는 최대 5개의 키-값 쌍만 허용됩니다.");
  for (const auto& [k, v] : r.metadata) {
    if (k.empty() || k.size() > 40 || k.find_first_of("[]") != std::string::npos || v.size() > 2000) {
      return MakeTossError("INVALID_REQUEST", "metadata의 키는 40자 이하([, ] 제외), 값은 2000자 이하여야 합니다.");
    }
  }
  Payment created;
  {
    std::lock_guard lk(mu_);
    const TimePoint now = clock_();
    if (auto it = latest_by_order_.find(r.order_id); it != latest_by_order_.end()) {
      const Payment& prior = payments_[it->second];
      if (WasApproved(prior.status) || prior.status == PaymentStatus::kWaitingForDeposit) {
        return MakeTossError("ALREADY_PROCESSED_PAYMENT");
      }
    }
    Payment p;
    p.payment_key = NewPaymentKeyLocked(now);
    p.order_id = r.order_id;
    p.order_name = r.order_name;
    p.status = PaymentStatus::kInProgress;
    p.total_amount = r.amount;
    p.balance_amount = r.amount;
    p.tax_free_amount = r.tax_free_amount;
    p.requested_at = now;
    p.authenticated_at = now;
    p.metadata = r.metadata;
    p.client_key = r.client_key;
    p.customer_key = r.customer_key;
    p.customer_name = r.customer_name;
    p.customer_email = r.customer_email;
    p.customer_mobile_phone = r.customer_mobile_phone;
    p.outcome = r.outcome;
    by_key_[p.payment_key] = payments_.size();
    latest_by_order_[p.order_id] = payments_.size();
    payments_.push_back(p);
    created = std::move(p);
  }
  return created;
}

Result<Payment, TossError> PaymentLedger::Confirm(const ConfirmRequest& r, std::string_view secret_key) {
  Result<Payment, TossError> out = MakeTossError("NOT_FOUND_PAYMENT_SESSION");
  {
    std::lock_guard lk(mu_);
    const TimePoint now = clock_();
    Payment* p = FindLocked(r.payment_key);
    if (p == nullptr || p->order_id != r.order_id) {
      // An unknown key, or an orderId other than the one the window was opened with.
      out = MakeTossError("NOT_FOUND_PAYMENT_SESSION");
    } else if (ExpireIfOverdueLocked(*p, now) || p->status == PaymentStatus::kExpired) {
      out = MakeTossError("NOT_FOUND_PAYMENT_SESSION");
    } else if (!IsPending(p->status)) {
      out = MakeTossError("ALREADY_PROCESSED_PAYMENT");
    } else if (r.amount != p->total_amount) {
      out = MakeTossError("INVALID_REQUEST", "결제 금액이 인증된 금액과 일치하지 않습니다.");
    } else if (const auto window_set = KeySet(p->client_key), secret_set = KeySet(secret_key);
               !window_set.empty() && !secret_set.empty() && window_set != secret_set) {
      out = MakeTossError("INVALID_API_KEY");
    } else if (p->outcome == WindowOutcome::kDeclineOnConfirm) {
      const TossError e = MakeTossError("REJECT_CARD_PAYMENT");
      p->status = PaymentStatus::kAborted;
      p->failure = PaymentFailure{e.code, e.message};
      RecordChangeLocked(*p);
      out = e;
    } else {
      p->status = PaymentStatus::kDone;
      p->approved_at = now;
      p->last_transaction_key = NewTransactionKeyLocked();
      CardApproval card;
      card.amount = p->total_amount;
      card.approve_no = RandomAlnumLocked(0);
      for (int i = 0; i < 8; ++i) card.approve_no.push_back(static_cast<char>('0' + rng_() % 10));
      p->card = card;
      RecordChangeLocked(*p);
      out = *p;
    }
  }
  Notify();
  return out;
}

Result<Payment, TossError> PaymentLedger::Cancel(std::string_view payment_key, const CancelRequest& r) {
  Result<Payment, TossError> out = MakeTossError("NOT_FOUND_PAYMENT");
  {
    std::lock_guard lk(mu_);
    const TimePoint now = clock_();
    Payment* p = FindLocked(payment_key);
    if (p != nullptr) ExpireIfOverdueLocked(*p, now);
    if (p == nullptr) {
      out = MakeTossError("NOT_FOUND_PAYMENT");
    } else if (r.cancel_reason.empty() || r.cancel_reason.size() > 600) {
      out = MakeTossError("INVALID_REQUEST", "cancelReason은 필수 값이며 200자 이하여야 합니다.");
    } else if (p->status == PaymentStatus::kCanceled) {
      out = MakeTossError("ALREADY_CANCELED_PAYMENT");
    } else if (p->status != PaymentStatus::kDone && p->status != PaymentStatus::kPartialCanceled) {
      out = MakeTossError("NOT_CANCELABLE_PAYMENT");
    } else if (r.refundable_amount && *r.refundable_amount != p->balance_amount) {
      out = MakeTossError("NOT_MATCHES_REFUNDABLE_AMOUNT");
    } else if (const std::int64_t amount = r.cancel_amount.value_or(p->balance_amount);
               amount <= 0 || amount > p->balance_amount) {
      out = MakeTossError("NOT_CANCELABLE_AMOUNT");
    } else {
      CancelRecord c;
      c.cancel_amount = amount;
      c.cancel_reason = r.cancel_reason;
      c.tax_free_amount = std::min(r.tax_free_amount, p->tax_free_amount);
      c.canceled_at = now;
      c.transaction_key = NewTransactionKeyLocked();
      p->balance_amount -= amount;
      p->tax_free_amount -= c.tax_free_amount;
      c.refundable_amount = p->balance_amount;
      p->cancels.push_back(c);
      p->last_transaction_key = c.transaction_key;
      p->status = p->balance_amount == 0 ? PaymentStatus::kCanceled : PaymentStatus::kPartialCanceled;
      if (p->card && p->status == PaymentStatus::kCanceled) p->card->canceled = true;
      RecordChangeLocked(*p);
      out = *p;
    }
  }
  Notify();
  return out;
}

Result<Payment, TossError> PaymentLedger::FindByKey(std::string_view payment_key) {
  Result<Payment, TossError> out = MakeTossError("NOT_FOUND_PAYMENT");
  {
    std::lock_guard lk(mu_);
    if (Payment* p = FindLocked(payment_key)) {
      ExpireIfOverdueLocked(*p, clock_());
      out = *p;
    }
  }
  Notify();
  return out;
}

Result<Payment, TossError> PaymentLedger::FindByOrderId(std::string_view order_id) {
  Result<Payment, TossError> out = MakeTossError("NOT_FOUND_PAYMENT");
  {
    std::lock_guard lk(mu_);
    if (auto it = latest_by_order_.find(std::string(order_id)); it != latest_by_order_.end()) {
      Payment& p = payments_[it->second];
      ExpireIfOverdueLocked(p, clock_());
      out = p;
    }
  }
  Notify();
  return out;
}

std::size_t PaymentLedger::ExpireOverdue() {
  std::size_t n = 0;
  {
    std::lock_guard lk(mu_);
    const TimePoint now = clock_();
    for (Payment& p : payments_) {
      if (ExpireIfOverdueLocked(p, now)) ++n;
    }
  }
  Notify();
  return n;
}

std::vector<Payment> PaymentLedger::All() const {
  std::lock_guard lk(mu_);
  return payments_;
}

LedgerSummary PaymentLedger::Summary() const {
  LedgerSummary s;
  for (PaymentStatus st : AllStatuses()) s.counts_by_status[std::string(StatusName(st))] = 0;
  std::lock_guard lk(mu_);
  for (const Payment& p : payments_) {
    ++s.counts_by_status[std::string(StatusName(p.status))];
    if (WasApproved(p.status)) s.charged += p.total_amount;
    for (const CancelRecord& c : p.cancels) s.refunded += c.cancel_amount;
  }
  s.balance = s.charged - s.refunded;
  return s;
}

void PaymentLedger::Reset() {
  std::lock_guard lk(mu_);
  payments_.clear();
  by_key_.clear();
  latest_by_order_.clear();
  pending_changes_.clear();
}

void PaymentLedger::SetConfirmWindow(std::chrono::milliseconds window) {
  std::lock_guard lk(mu_);
  settings_.confirm_window = window;
}

std::chrono::milliseconds PaymentLedger::confirm_window() const {
  std::lock_guard lk(mu_);
  return settings_.confirm_window;
}

Payment* PaymentLedger::FindLocked(std::string_view payment_key) {
  auto it = by_key_.find(std::string(payment_key));
  return it == by_key_.end() ? nullptr : &payments_[it->second];
}

bool PaymentLedger::ExpireIfOverdueLocked(Payment& p, TimePoint now) {
  if (!IsPending(p.status) || now - p.authenticated_at < settings_.confirm_window) return false;
  p.status = PaymentStatus::kExpired;
  p.failure = PaymentFailure{"EXPIRED_PAYMENT", "결제 유효 시간이 만료되었습니다."};
  RecordChangeLocked(p);
  return true;
}

void PaymentLedger::RecordChangeLocked(const Payment& p) { pending_changes_.push_back(p); }

void PaymentLedger::Notify() {
  // notify_mu_ is taken before mu_ is re-entered, and nobody waits for notify_mu_ while holding mu_,
  // so an observer may call back into the ledger. Draining under notify_mu_ keeps the global order.
  std::lock_guard n(notify_mu_);
  std::vector<Payment> changes;
  {
    std::lock_guard lk(mu_);
    changes.swap(pending_changes_);
  }
  if (!observer_) return;
  for (const Payment& p : changes) observer_(p);
}

std::string PaymentLedger::NewPaymentKeyLocked(TimePoint now) {
  // Test-mode keys look like "tgen_" + yyyyMMddHHmmss (KST) + 5 alphanumerics.
  for (;;) {
    std::string key = "tgen_" + FormatKstCompact(now) + RandomAlnumLocked(5);
    if (!by_key_.contains(key)) return key;
  }
}

std::string PaymentLedger::NewTransactionKeyLocked() {
  std::string key;
  key.reserve(32);
  for (int i = 0; i < 32; ++i) key.push_back(kHex[rng_() % kHex.size()]);
  return key;
}

std::string PaymentLedger::RandomAlnumLocked(std::size_t n) {
  std::string s;
  s.reserve(n);
  for (std::size_t i = 0; i < n; ++i) s.push_back(kAlnum[rng_() % kAlnum.size()]);
  return s;
}

}  // namespace eda::toss_sandbox
