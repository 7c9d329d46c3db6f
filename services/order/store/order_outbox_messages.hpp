#pragma once

#include <string>

#include "eda/events/outbox.hpp"
#include "order/domain/order.hpp"
#include "order/domain/order_saga.hpp"

namespace eda::order {

// The outbox event for a message a decision emitted, keyed by the order id:
//   kPaymentConfirmRequest -> payment-confirm-request (seed paymentRequestV1)
//   kStockRequest          -> catalog-decrement-request-delivery-request (seed stockCountRequestV1)
//   kOrderCancelled        -> order-cancelled (OrderCancelled {order_id, member_id, payment_key, amount,
//                             product_id, product_count, reason, cancelled_at = the order's updated_at})
//   kShipmentCancelRequest -> delivery-cancel-request (ShipmentCancelRequested {order_id, member_id, payment_key,
//                             amount, reason, requested_at = the order's cancel_requested_at})
// Every message carries the order's payment key and amount. `trace_id`: the W3C traceparent of the
// cause (empty: a fresh one).
events::OutgoingEvent BuildMessage(const Order& order, Emit emit, std::string trace_id);

}  // namespace eda::order
