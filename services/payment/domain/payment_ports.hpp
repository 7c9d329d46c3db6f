#pragma once

#include <optional>
#include <string>

#include "eda/core/result.hpp"
#include "payment/domain/payment_error.hpp"
#include "payment/domain/payment_record.hpp"

namespace eda::payment {

// What a webhook reconciliation did ("unknown_payment", "in_sync", "refunded", "partially_canceled").
struct ReconcileResult {
  std::string outcome;
  std::optional<PaymentRecord> payment;
};

// The use cases behind the HTTP routes (api/ depends on this port; events/PaymentProcessor implements it
// on MariaDB + Toss; tests give fakes). Blocking; implementations are thread-safe.
class PaymentDirectory {
 public:
  virtual ~PaymentDirectory() = default;
  // The payment with this Toss paymentKey, or nullopt.
  virtual Result<std::optional<PaymentRecord>, PaymentError> FindByPaymentKey(const std::string& payment_key) = 0;
  // Re-fetches `payment_key` from Toss and brings our row in line (webhook; the body is never trusted).
  virtual Result<ReconcileResult, PaymentError> Reconcile(const std::string& payment_key) = 0;
};

}  // namespace eda::payment
