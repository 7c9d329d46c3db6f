#pragma once

#include "eda/http/blocking_pool.hpp"
#include "eda/http/router.hpp"
#include "payment/domain/payment_ports.hpp"

namespace eda::payment {

// The payment routes (api/openapi.json):
//   POST   /payments/payment        {paymentKey}                 token; buyer: own payments, ADMIN: all
//   DELETE /payments/cancel         {paymentKey, cancelReason, cancelAmount?}  token; full refund only
//   POST   /payments/webhooks/toss  Toss PAYMENT_STATUS_CHANGED   no token; reconciled by a Toss lookup
// `directory` and `blocking` (runs the blocking directory calls) must outlive the router.
void AddPaymentRoutes(http::Router& router, PaymentDirectory& directory, http::BlockingPool& blocking);

}  // namespace eda::payment
