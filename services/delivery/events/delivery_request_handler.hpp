#pragma once

#include "delivery/domain/carrier.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"

namespace eda::delivery {

// The consumer handler of `delivery-request` (seed deliveryRequestV1): an InboxHandler (one effect
// per event id) around ProcessDeliveryRequest (one delivery and one outcome event per order id).
// Errors: undecodable or invalid request → permanent (DLQ); carrier unavailable → retryable (the
// consumer retries in place, then through delivery-request.retry). The carrier booking is an HTTP
// call inside the transaction; the inbox may rerun the function after a deadlock, which is safe
// because the carrier books idempotently by order id. Borrowed references must outlive the handler.
events::Handler MakeDeliveryRequestHandler(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                                           const CarrierDirectory& carriers, std::string consumer_name = "delivery");

}  // namespace eda::delivery
