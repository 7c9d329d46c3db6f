#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "eda/core/result.hpp"
#include "eda/toss/payment.hpp"
#include "eda/toss/toss_error.hpp"

namespace eda::toss {

template <class T>
using TossResult = Result<T, TossError>;

struct ConfirmRequest {
  std::string payment_key;
  std::string order_id;
  std::int64_t amount = 0;
  std::string idempotency_key;  // one per logical confirm, persisted by the caller and reused on retry
};

struct CancelRequest {
  std::string payment_key;
  std::string cancel_reason;                 // 1..200 characters
  std::optional<std::int64_t> cancel_amount; // absent: the whole remaining balance
  std::string idempotency_key;               // one per logical cancel, persisted and reused on retry
};

// The blocking Toss payment API, as the payment service's use cases see it (a port: the real Client
// implements it; tests give fakes). Implementations are thread-safe. Each call is one attempt (no
// retries inside): the caller decides from TossError::error_class.
class Api {
 public:
  virtual ~Api() = default;
  // POST /v1/payments/confirm.
  virtual TossResult<Payment> Confirm(const ConfirmRequest& request) = 0;
  // GET /v1/payments/{paymentKey}.
  virtual TossResult<Payment> GetByPaymentKey(const std::string& payment_key) = 0;
  // GET /v1/payments/orders/{orderId}.
  virtual TossResult<Payment> GetByOrderId(const std::string& order_id) = 0;
  // POST /v1/payments/{paymentKey}/cancel.
  virtual TossResult<Payment> Cancel(const CancelRequest& request) = 0;
};

}  // namespace eda::toss
