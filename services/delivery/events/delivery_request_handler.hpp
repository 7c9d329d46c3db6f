#pragma once

#include "delivery/domain/carrier.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"

namespace eda::delivery {

// The consumer handler of `delivery-request` (seed deliveryRequestV1): ProcessDeliveryRequest (one
// delivery and one outcome event per order id) with its claim in a transaction of its own and its
// settle step in an InboxHandler transaction (one effect per event id); the carrier is called
// between the two, with no transaction open. Errors: undecodable or invalid request → permanent
// (DLQ); carrier unavailable → retryable (the consumer retries in place, then through
// delivery-request.retry; the carrier books idempotently by order id). Thread-safe. Borrowed
// references must outlive the handler.
events::Handler MakeDeliveryRequestHandler(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                                           const CarrierDirectory& carriers, std::string consumer_name = "delivery");

}  // namespace eda::delivery
