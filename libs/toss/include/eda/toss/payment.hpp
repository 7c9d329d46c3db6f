#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"

namespace eda::toss {

// Payment.status (reference §3). Values Toss adds later decode to kUnknown; the raw string is kept in
// Payment::status_raw.
enum class PaymentStatus {
  kReady,
  kInProgress,
  kWaitingForDeposit,
  kDone,
  kCanceled,
  kPartialCanceled,
  kAborted,
  kExpired,
  kUnknown
};

// "DONE", ... ("UNKNOWN" for kUnknown).
std::string_view PaymentStatusName(PaymentStatus status) noexcept;
// The enum for a wire string; kUnknown for anything else.
PaymentStatus ParsePaymentStatus(std::string_view text) noexcept;

// One entry of Payment.cancels.
struct Cancel {
  std::int64_t cancel_amount = 0;
  std::string cancel_reason;
  std::int64_t refundable_amount = 0;  // balance after this cancel
  std::string canceled_at;
  std::string transaction_key;
  std::string cancel_status;           // "DONE", "IN_PROGRESS", "ABORTED" or a newer value
};

struct Failure {
  std::string code;
  std::string message;
};

// The Payment object, reduced to what our services use; the whole body stays in `raw_json`.
// Unknown fields are ignored, unknown enum strings kept raw (method, type are plain strings: Korean
// by default, English with Accept-Language: en-US).
struct Payment {
  std::string payment_key;
  std::string order_id;
  std::string order_name;
  std::string type;                    // NORMAL | BILLING | BRANDPAY | ...
  std::string method;                  // "카드", "간편결제", ... empty when null
  std::string currency;                // "KRW"
  PaymentStatus status = PaymentStatus::kUnknown;
  std::string status_raw;
  std::int64_t total_amount = 0;       // KRW (decimals of foreign currencies are truncated)
  std::int64_t balance_amount = 0;
  std::string requested_at;
  std::optional<std::string> approved_at;
  std::string last_transaction_key;
  std::map<std::string, std::string> metadata;  // values as strings (non-string JSON serialised)
  std::vector<Cancel> cancels;
  std::optional<Failure> failure;
  std::string raw_json;                // the body as received
};

// Decodes a Payment object (tolerant: unknown fields/enum values accepted, nulls where documented).
// Fails with toss.bad_payment when the text is not a JSON object or paymentKey/orderId/status are
// missing or of the wrong type.
Result<Payment> DecodePayment(std::string_view json_text);

}  // namespace eda::toss
