#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eda/saga/ids.hpp"
#include "order/domain/order_status.hpp"

namespace eda::order {

using TimePoint = std::chrono::system_clock::time_point;
using OrderId = saga::OrderId;
using MemberId = saga::MemberId;
using ProductId = saga::ProductId;
using PaymentKey = saga::PaymentKey;

// One order (table `orders`). Plain value.
struct Order {
  OrderId id;                     // "ORD" + 30 lower-case hex chars
  MemberId member_id;             // the buyer (owner)
  ProductId product_id;
  std::int64_t product_count = 0;
  std::int64_t amount = 0;        // catalog price x count at creation, KRW; never from the client
  std::string order_name;         // product name (+ " x N")
  std::string delivery_company;   // LOTTE, HANJIN, ...
  std::string address;
  OrderStatus status = OrderStatus::kCreated;
  PaymentKey payment_key;         // set by finish
  std::string approved_at;        // from payment-confirm-response
  std::optional<std::int64_t> delivery_id;  // from order-complete
  int confirm_attempts = 0;       // publications in the current waiting step: confirm requests while
                                  // PAYMENT_REQUESTED, stock requests while PAID, refund requests after
  bool flagged = false;           // the sweeper gave up driving it: needs an operator
  TimePoint created_at{};
  TimePoint updated_at{};         // when the current state was entered (or last re-driven)
  std::optional<TimePoint> finished_at;  // when finish moved it to PAYMENT_REQUESTED (saga latency)
  std::optional<TimePoint> cancel_requested_at;  // the buyer asked to cancel a paid order (RequestCancel)
};

// One row of `order_history`. from == to for recorded non-transitions (amount mismatch, re-publication).
struct HistoryEntry {
  OrderStatus from = OrderStatus::kCreated;
  OrderStatus to = OrderStatus::kCreated;
  std::string reason;
  TimePoint at{};
};

// Messages a decision asks to publish (through the outbox, in the same transaction).
enum class Emit {
  kPaymentConfirmRequest,  // payment-confirm-request (seed paymentRequestV1)
  kStockRequest,           // catalog-decrement-request-delivery-request (seed stockCountRequestV1)
  kOrderCancelled,         // order-cancelled (OrderCancelled): on becoming CANCELLING, again from the sweeper
  kShipmentCancelRequest,  // delivery-cancel-request (ShipmentCancelRequested): the buyer cancels a paid order
};

}  // namespace eda::order
