#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eda::toss_sandbox {

using TimePoint = std::chrono::system_clock::time_point;

// Payment.status of the Toss v1 API (reference §3). Normal card flow:
//   READY → IN_PROGRESS → {DONE | ABORTED};  READY/IN_PROGRESS → EXPIRED;
//   DONE → {PARTIAL_CANCELED | CANCELED};  PARTIAL_CANCELED → {PARTIAL_CANCELED | CANCELED}.
enum class PaymentStatus {
  kReady,
  kInProgress,
  kWaitingForDeposit,
  kDone,
  kCanceled,
  kPartialCanceled,
  kAborted,
  kExpired,
};

// "READY", "IN_PROGRESS", ... exactly as on the wire.
std::string_view StatusName(PaymentStatus status) noexcept;
// Every status, in declaration order (for summaries).
const std::vector<PaymentStatus>& AllStatuses();
// True for DONE, CANCELED and PARTIAL_CANCELED: the money was charged at some point.
bool WasApproved(PaymentStatus status) noexcept;

// One entry of Payment.cancels[].
struct CancelRecord {
  std::int64_t cancel_amount = 0;
  std::string cancel_reason;
  std::int64_t tax_free_amount = 0;
  std::int64_t refundable_amount = 0;  // balance left after this cancel
  TimePoint canceled_at;
  std::string transaction_key;
};

// The masked card the sandbox "approves" (fixed issuer, random approval number).
struct CardApproval {
  std::int64_t amount = 0;
  std::string issuer_code = "61";
  std::string acquirer_code = "31";
  std::string number = "53275012****123*";
  std::string approve_no;
  bool canceled = false;  // acquireStatus CANCELED after a full cancel, else READY
};

struct PaymentFailure {
  std::string code;
  std::string message;
};

// What the simulated buyer chose in the payment window.
enum class WindowOutcome {
  kApprove,          // confirm succeeds
  kDeclineOnConfirm, // authenticated, but the confirm is refused by the card company (→ ABORTED)
};

// A payment of the emulator (method CARD only). Value type; the ledger owns the live copies.
struct Payment {
  std::string payment_key;
  std::string order_id;
  std::string order_name;
  std::string currency = "KRW";
  PaymentStatus status = PaymentStatus::kReady;
  std::int64_t total_amount = 0;
  std::int64_t balance_amount = 0;
  std::int64_t tax_free_amount = 0;
  TimePoint requested_at;
  TimePoint authenticated_at;
  std::optional<TimePoint> approved_at;
  std::string last_transaction_key;  // empty: null
  std::vector<CancelRecord> cancels;
  std::optional<CardApproval> card;
  std::optional<PaymentFailure> failure;
  // Metadata as set at window time: ≤5 pairs; values are JSON texts (a string value is quoted).
  std::vector<std::pair<std::string, std::string>> metadata;
  std::string client_key;  // the client key the window was opened with (may be empty)
  std::string customer_key;
  std::string customer_name;
  std::string customer_email;
  std::string customer_mobile_phone;
  WindowOutcome outcome = WindowOutcome::kApprove;
};

// VAT of `amount` (KRW): round-half-up((amount - tax_free) / 11), the reference's formula.
std::int64_t VatOf(std::int64_t amount, std::int64_t tax_free) noexcept;
// suppliedAmount: amount - tax_free - VatOf(amount, tax_free).
std::int64_t SuppliedOf(std::int64_t amount, std::int64_t tax_free) noexcept;

// "2024-02-13T12:17:57+09:00": whole seconds in Korea Standard Time (Payment timestamps).
std::string FormatKst(TimePoint t);
// "2024-02-13T12:17:57.123456": KST with microseconds and no offset (webhook createdAt).
std::string FormatKstMicros(TimePoint t);
// "20240213121757" (KST), the date part of generated paymentKeys.
std::string FormatKstCompact(TimePoint t);

// orderId rule of requestPayment/confirm: 6..64 characters of [A-Za-z0-9_=-].
bool IsValidOrderId(std::string_view order_id) noexcept;

}  // namespace eda::toss_sandbox
