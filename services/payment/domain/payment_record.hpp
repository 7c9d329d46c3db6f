#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "eda/saga/ids.hpp"
#include "payment/domain/payment_status.hpp"

namespace eda::payment {

using TimePoint = std::chrono::system_clock::time_point;
using OrderId = saga::OrderId;
using PaymentKey = saga::PaymentKey;
using MemberId = saga::MemberId;

// One row of `payments`: the payment of one order (unique order id, unique payment key). Plain value.
struct PaymentRecord {
  std::int64_t id = 0;
  OrderId order_id;
  PaymentKey payment_key;
  std::int64_t amount = 0;                 // the amount the order service asked to confirm
  PaymentStatus status = PaymentStatus::kReady;
  std::string order_name;                  // from Toss once approved
  std::string method;                      // Toss `method` ("카드", ...); empty until approved
  std::string currency;
  std::string approved_at;                 // Toss approvedAt; empty until approved
  std::int64_t total_amount = 0;           // Toss totalAmount (0 until approved)
  std::int64_t balance_amount = 0;         // Toss balanceAmount: what can still be refunded
  std::string confirm_idempotency_key;     // persisted before the first confirm call
  std::string mismatch_cancel_key;         // persisted before the first confirm call
  std::string cancel_idempotency_key;      // persisted when a refund is decided (empty before)
  std::string cancel_reason;
  std::string failure_code;                // why the confirm was refused (ABORTED rows)
  std::string failure_reason;
  std::optional<MemberId> member_id;       // the buyer, from the window's metadata.memberId
  std::map<std::string, std::string> metadata;  // the payment window's metadata, as Toss returned it
  std::string source_event_id;             // the payment-confirm-request event that created the row
  bool flagged = false;                    // a refund Toss refused for good: a human must look
  TimePoint created_at{};
  TimePoint updated_at{};
};

}  // namespace eda::payment
