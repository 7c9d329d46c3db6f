#include "payment/store/sql_payment_unit_of_work.hpp"

#include "payment/store/sql_payment_store.hpp"

namespace eda::payment {

Result<bool> SqlPaymentUnitOfWork::MarkApproved(const OrderId& order_id, const toss::Payment& approval,
                                                TimePoint now) {
  return SqlPaymentStore::MarkApproved(tx_, order_id, approval, now);
}

Result<bool> SqlPaymentUnitOfWork::MarkRefused(const OrderId& order_id, std::string_view code,
                                               std::string_view reason, const std::optional<toss::Payment>& seen,
                                               TimePoint now) {
  return SqlPaymentStore::MarkRefused(tx_, order_id, code, reason, seen, now);
}

Result<bool> SqlPaymentUnitOfWork::MarkRefunded(const OrderId& order_id, const toss::Payment& seen,
                                                std::string_view cancel_key, const std::vector<PaymentStatus>& from,
                                                TimePoint now) {
  return SqlPaymentStore::MarkRefunded(tx_, order_id, seen, cancel_key, from, now);
}

}  // namespace eda::payment
