#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "toss-sandbox/domain/payment.hpp"
#include "toss-sandbox/domain/toss_error.hpp"

namespace eda::toss_sandbox {

// The Payment object of API version 2022-11-16 (reference §3), every documented field present (null
// where the sandbox has nothing). `english`: `Accept-Language: en-US` (method "CARD" instead of "카드").
boost::json::object PaymentToJson(const Payment& payment, bool english = false);

// The v1 error body {"code","message"}.
boost::json::object ErrorToJson(const TossError& error);

// The webhook body {eventType:"PAYMENT_STATUS_CHANGED", createdAt, data:<Payment>}.
boost::json::object WebhookBody(const Payment& payment, TimePoint created_at);

}  // namespace eda::toss_sandbox
