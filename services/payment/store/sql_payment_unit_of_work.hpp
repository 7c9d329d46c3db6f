#pragma once

#include "eda/sql/transaction.hpp"
#include "payment/domain/payment_ports.hpp"

namespace eda::payment {

// The PaymentUnitOfWork on one MariaDB transaction of the caller (SqlPaymentStore's conditional
// updates). Borrows `tx`, which must outlive it. Not thread-safe: one transaction, one thread.
class SqlPaymentUnitOfWork final : public PaymentUnitOfWork {
 public:
  explicit SqlPaymentUnitOfWork(sql::Transaction& tx) : tx_(tx) {}

  Result<bool> MarkApproved(const OrderId& order_id, const toss::Payment& approval, TimePoint now) override;
  Result<bool> MarkRefused(const OrderId& order_id, std::string_view code, std::string_view reason,
                           const std::optional<toss::Payment>& seen, TimePoint now) override;
  Result<bool> MarkRefunded(const OrderId& order_id, const toss::Payment& seen, std::string_view cancel_key,
                            const std::vector<PaymentStatus>& from, TimePoint now) override;

 private:
  sql::Transaction& tx_;
};

}  // namespace eda::payment
