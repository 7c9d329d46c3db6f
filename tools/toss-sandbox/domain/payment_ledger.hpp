#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "eda/core/result.hpp"
#include "toss-sandbox/domain/payment.hpp"
#include "toss-sandbox/domain/toss_error.hpp"

namespace eda::toss_sandbox {

// What the payment window hands over when the buyer authenticates (mirrors requestPayment fields).
struct WindowRequest {
  std::string order_id;        // 6..64 of [A-Za-z0-9_=-]
  std::string order_name;      // 1..100
  std::int64_t amount = 0;     // KRW, > 0
  std::int64_t tax_free_amount = 0;
  std::string client_key;      // optional; checked against the confirming secret key's set
  std::string customer_key;
  std::string customer_name;
  std::string customer_email;
  std::string customer_mobile_phone;
  std::vector<std::pair<std::string, std::string>> metadata;  // key → JSON text of the value
  WindowOutcome outcome = WindowOutcome::kApprove;
};

struct ConfirmRequest {
  std::string payment_key;
  std::string order_id;
  std::int64_t amount = 0;
};

struct CancelRequest {
  std::string cancel_reason;                      // 1..200
  std::optional<std::int64_t> cancel_amount;      // absent: the whole balance
  std::optional<std::int64_t> refundable_amount;  // optimistic guard: must equal the balance
  std::int64_t tax_free_amount = 0;
};

// Money totals over every payment (for test assertions).
struct LedgerSummary {
  std::int64_t charged = 0;   // Σ totalAmount of payments ever approved
  std::int64_t refunded = 0;  // Σ cancelAmount
  std::int64_t balance = 0;   // charged - refunded
  std::map<std::string, std::int64_t> counts_by_status;  // every status, zero included
};

// The emulator's payments and their state machine (reference §2, §3, §9). Pure logic: time comes from
// the injected clock and keys from a seeded generator, so a test controls both.
//
// Errors are documented Toss errors (TossError) ready for the wire. Every status change (DONE,
// ABORTED, EXPIRED, CANCELED, PARTIAL_CANCELED) is reported to the observer with a snapshot, after
// the ledger's lock is released, in the order the changes happened on this ledger.
//
// Thread safety: every method is thread-safe (one mutex); the observer may call back into the ledger.
class PaymentLedger {
 public:
  using Clock = std::function<TimePoint()>;
  using Observer = std::function<void(const Payment&)>;

  struct Settings {
    // Authenticated payments not confirmed within this time expire (the real API: 10 minutes).
    std::chrono::milliseconds confirm_window{std::chrono::minutes(10)};
    std::string mid = "tvivarepublica";
  };

  PaymentLedger(Settings settings, Clock clock, std::uint64_t seed);

  // Sets the status-change observer (replaces any previous one). Call before concurrent use.
  void SetObserver(Observer observer);

  // The buyer authenticated in the window: a new IN_PROGRESS payment with a fresh paymentKey.
  // INVALID_REQUEST for a bad orderId/orderName/amount; ALREADY_PROCESSED_PAYMENT when the orderId
  // already belongs to an approved payment.
  Result<Payment, TossError> Authenticate(const WindowRequest& request);

  // POST /v1/payments/confirm. `secret_key` is the key that authenticated the call (key-set check).
  Result<Payment, TossError> Confirm(const ConfirmRequest& request, std::string_view secret_key);

  // POST /v1/payments/{paymentKey}/cancel.
  Result<Payment, TossError> Cancel(std::string_view payment_key, const CancelRequest& request);

  // Lookups; NOT_FOUND_PAYMENT when unknown. An overdue payment is expired first.
  Result<Payment, TossError> FindByKey(std::string_view payment_key);
  // The latest payment made for `order_id`.
  Result<Payment, TossError> FindByOrderId(std::string_view order_id);

  // Expires every overdue READY/IN_PROGRESS payment now; returns how many (the sweeper calls this).
  std::size_t ExpireOverdue();

  // Every payment in creation order (snapshots).
  std::vector<Payment> All() const;
  LedgerSummary Summary() const;
  // Forgets every payment (test isolation).
  void Reset();

  void SetConfirmWindow(std::chrono::milliseconds window);
  std::chrono::milliseconds confirm_window() const;

 private:
  Payment* FindLocked(std::string_view payment_key);
  // Expires `p` if overdue; records the change. True when it expired now.
  bool ExpireIfOverdueLocked(Payment& p, TimePoint now);
  void RecordChangeLocked(const Payment& p);
  // Delivers pending_changes_ to the observer in order (outside mu_).
  void Notify();
  std::string NewPaymentKeyLocked(TimePoint now);
  std::string NewTransactionKeyLocked();
  std::string RandomAlnumLocked(std::size_t n);

  Settings settings_;
  Clock clock_;
  Observer observer_;
  mutable std::mutex mu_;
  std::mt19937_64 rng_;
  std::vector<Payment> payments_;                                  // creation order
  std::unordered_map<std::string, std::size_t> by_key_;            // paymentKey → index
  std::unordered_map<std::string, std::size_t> latest_by_order_;   // orderId → index of the latest
  std::vector<Payment> pending_changes_;                           // filled under mu_, drained by Notify
  std::mutex notify_mu_;                                           // keeps notifications in order
};

}  // namespace eda::toss_sandbox
