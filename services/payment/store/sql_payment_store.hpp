#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/transaction.hpp"
#include "eda/toss/payment.hpp"
#include "payment/domain/payment_ports.hpp"
#include "payment/domain/payment_record.hpp"
#include "payment/domain/payment_rules.hpp"
#include "payment/domain/payment_status.hpp"

namespace eda::payment {

// The `payments` / `payment_cancels` repository on MariaDB (prepared statements only): the PaymentStore
// port, each call in its own short transaction on a pooled connection, and the statements of the
// PaymentUnitOfWork (SqlPaymentUnitOfWork), which run inside the caller's transaction (the inbox/outbox
// one). All blocking: call from worker threads. Errors: the sql errors (retryable ones marked so).
// Thread-safe.
class SqlPaymentStore final : public PaymentStore {
 public:
  explicit SqlPaymentStore(sql::Pool& pool) : pool_(pool) {}

  Result<Claim> ClaimForConfirm(const ConfirmClaim& claim, TimePoint now) override;
  Result<std::optional<PaymentRecord>> FindByOrderId(const OrderId& order_id) override;
  Result<std::optional<PaymentRecord>> FindByPaymentKey(const PaymentKey& payment_key) override;
  Result<CancelStart> BeginCancel(const OrderId& order_id, std::string_view reason, TimePoint now,
                                  const std::optional<NamedPayment>& named) override;
  Result<std::vector<OrderId>> DueCancels(TimePoint older_than, int limit) override;
  Status Flag(const OrderId& order_id, std::string_view code, std::string_view reason, TimePoint now) override;

  // READY → DONE with the approval's fields. false: the row was not READY (someone else finished it).
  static Result<bool> MarkApproved(sql::Transaction& tx, const OrderId& order_id, const toss::Payment& p,
                                   TimePoint now);
  // READY → ABORTED with the refusal's code and reason (`p`: the last Payment seen, if any).
  static Result<bool> MarkRefused(sql::Transaction& tx, const OrderId& order_id, std::string_view code,
                                  std::string_view reason, const std::optional<toss::Payment>& p, TimePoint now);
  // One of `from` → CANCELED (or PARTIAL_CANCELED when Toss shows a balance left) with Toss's balance,
  // plus one payment_cancels row per Toss cancel not recorded yet. false: the row was in none of `from`
  // (another path finished the refund first: emit nothing).
  static Result<bool> MarkRefunded(sql::Transaction& tx, const OrderId& order_id, const toss::Payment& p,
                                   std::string_view cancel_key, const std::vector<PaymentStatus>& from,
                                   TimePoint now);

 private:
  sql::Pool& pool_;
};

}  // namespace eda::payment
