#pragma once

#include <functional>
#include <string_view>

#include "delivery/domain/carrier.hpp"
#include "delivery/domain/order_check.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"

namespace eda::delivery {

// Called once per delivery request refused by RefuseDeliveryRequest, with its reason, for a metric.
using RefusedRequestObserver = std::function<void(std::string_view reason)>;

// The consumer handler of `delivery-request` (seed deliveryRequestV1). First the order service is
// asked (`orders`) whether the order is paid and is the one the request names
// (RefuseDeliveryRequest): a refused request (forged, misrouted, or for an unpaid order) creates
// nothing, is logged and acknowledged, and its reason goes to `refused`. Then ProcessDeliveryRequest
// (one delivery and one outcome event per order id) with its claim in a transaction of its own and
// its settle step in an InboxHandler transaction (one effect per event id); the carrier is called
// between the two, with no transaction open. Errors: undecodable or invalid request, or the order
// service refusing our token → permanent (DLQ); order service or carrier unavailable → retryable
// (the consumer retries in place, then through delivery-request.retry.delivery; the carrier books
// idempotently by order id). Thread-safe. Borrowed references must outlive the handler.
events::Handler MakeDeliveryRequestHandler(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                                           const CarrierDirectory& carriers, const OrderDirectory& orders,
                                           RefusedRequestObserver refused, std::string consumer_name = "delivery");

// Called once per cancel refused as not the row's payment (forged or misrouted), for a metric.
using RefusedCancelObserver = std::function<void(std::string_view order_id)>;

// The consumer handler of `delivery-cancel-request` (ShipmentCancelRequested from the order service):
// CancelShipment in the same claim -> call -> commit shape, its settle step in the inbox transaction.
// Errors: undecodable → permanent (DLQ); carrier unavailable or a row that moved meanwhile →
// retryable. A refused request is acknowledged, logged and reported to `refused`. Thread-safe.
events::Handler MakeShipmentCancelHandler(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                                          const CarrierDirectory& carriers, RefusedCancelObserver refused,
                                          std::string consumer_name = "delivery");

}  // namespace eda::delivery
