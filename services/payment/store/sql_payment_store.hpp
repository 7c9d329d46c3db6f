#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/transaction.hpp"
#include "eda/toss/payment.hpp"
#include "payment/domain/payment_record.hpp"
#include "payment/domain/payment_rules.hpp"
#include "payment/domain/payment_status.hpp"

namespace eda::payment {

// A payment-confirm-request as the store sees it.
struct ConfirmClaim {
  std::string order_id;
  std::string payment_key;
  std::int64_t amount = 0;
  std::string source_event_id;
};

// What ClaimForConfirm found or did.
struct Claim {
  enum class Kind {
    kNew,        // a READY row was inserted with fresh idempotency keys
    kResume,     // the row of this same event (redelivery after a crash), or an unfinished READY row of
                 // the same payment (a republished request): confirm with the persisted keys
    kDuplicate   // the order (or the payment key) already has a row from another event that is past
                 // READY or differs: a second confirm of a payment, refused
  };
  Kind kind = Kind::kNew;
  PaymentRecord payment;
};

// The start of a refund: what DecideCompensation said for the row and the row after the decision
// (CANCEL_PENDING with its persisted cancel key for kCancelAtToss/kResumeCancel). kRefused: the event
// named another payment (`refusal` says how); the row is as it was.
struct CancelStart {
  CompensationAction action = CompensationAction::kNothingToRefund;
  std::optional<PaymentRecord> payment;
  std::optional<CompensationRefusal> refusal;
};

// The `payments` / `payment_cancels` repository on MariaDB (prepared statements only).
// Methods taking a Transaction run inside the caller's transaction (the inbox/outbox one); the others
// run their own short transaction on a pooled connection. All blocking: call from worker threads.
// Errors: the sql errors (retryable ones marked so). Thread-safe.
class SqlPaymentStore {
 public:
  explicit SqlPaymentStore(sql::Pool& pool) : pool_(pool) {}

  // Step 1 of a confirm (own transaction, the order's row locked): insert READY with fresh keys, or
  // find the row to resume, or report a duplicate (see Claim::Kind).
  Result<Claim> ClaimForConfirm(const ConfirmClaim& claim, TimePoint now);

  Result<std::optional<PaymentRecord>> FindByOrderId(std::string_view order_id);
  Result<std::optional<PaymentRecord>> FindByPaymentKey(std::string_view payment_key);

  // Step 1 of a refund (own transaction, row locked): DONE/PARTIAL_CANCELED → CANCEL_PENDING with a
  // fresh persisted cancel key and `reason`; CANCEL_PENDING is kept (its key is reused). `named`: the
  // payment a compensation event names; a row of another payment (CheckNamedPayment) is left alone
  // (kRefused). nullopt: the caller holds the row itself (buyer's cancel).
  Result<CancelStart> BeginCancel(std::string_view order_id, std::string_view reason, TimePoint now,
                                  const std::optional<NamedPayment>& named = std::nullopt);

  // Order ids of CANCEL_PENDING rows (not flagged) not touched since `older_than`, oldest first.
  Result<std::vector<std::string>> DueCancels(TimePoint older_than, int limit);

  // Marks a row a human must look at (Toss refused its refund for good); the sweeper skips it.
  Status Flag(std::string_view order_id, std::string_view code, std::string_view reason, TimePoint now);

  // READY → DONE with the approval's fields. false: the row was not READY (someone else finished it).
  static Result<bool> MarkApproved(sql::Transaction& tx, std::string_view order_id, const toss::Payment& p,
                                   TimePoint now);
  // READY → ABORTED with the refusal's code and reason (`p`: the last Payment seen, if any).
  static Result<bool> MarkRefused(sql::Transaction& tx, std::string_view order_id, std::string_view code,
                                  std::string_view reason, const std::optional<toss::Payment>& p, TimePoint now);
  // One of `from` → CANCELED (or PARTIAL_CANCELED when Toss shows a balance left) with Toss's balance,
  // plus one payment_cancels row per Toss cancel not recorded yet. false: the row was in none of `from`
  // (another path finished the refund first: emit nothing).
  static Result<bool> MarkRefunded(sql::Transaction& tx, std::string_view order_id, const toss::Payment& p,
                                   std::string_view cancel_key, std::initializer_list<PaymentStatus> from,
                                   TimePoint now);
  // The row as seen inside `tx` (no lock).
  static Result<std::optional<PaymentRecord>> FindInTx(sql::Transaction& tx, std::string_view order_id);

 private:
  sql::Pool& pool_;
};

}  // namespace eda::payment
