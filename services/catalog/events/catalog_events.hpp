#pragma once

#include <string>
#include <string_view>

#include "catalog/domain/catalog_events.hpp"
#include "catalog/domain/stock_batch.hpp"
#include "eda/events/outbox.hpp"
#include "eda/saga/topics.hpp"

namespace edaordersystem::protobuf {
class stockCountRequestV1;
}

namespace eda::catalog {

inline constexpr std::string_view kSource = "catalog";

// RFC 3339 UTC with milliseconds ("2026-11-24T02:50:00.123Z"). Pure.
std::string Rfc3339(TimePoint t);

// The outbox event id of a deterministic event name ("delivery-request:<orderId>"): a name-based
// UUID (SHA-256, version 8), so emitting the same event twice hits the outbox's unique key. Pure.
std::string EventIdFor(std::string_view name);

// A product event as an outbox row: seed ProductTags on the tag topics, ProductChanged on
// product-changed; keyed by product id; event id = the domain's deterministic id.
events::OutgoingEvent ToOutgoing(const ProductEvent& event);

// delivery-request (seed deliveryRequestV1 from the request's fields), keyed by order id, event id
// EventIdFor("delivery-request:<orderId>") so a second emission for the same order is a duplicate key.
// `trace_id`: the request's, so the order's trace goes on.
events::OutgoingEvent DeliveryRequestEvent(const edaordersystem::protobuf::stockCountRequestV1& request,
                                           std::string trace_id = {});

// stock-rejected (StockRejected), keyed by order id, event id EventIdFor("stock-rejected:<orderId>").
events::OutgoingEvent StockRejectedEvent(const edaordersystem::protobuf::stockCountRequestV1& request,
                                         const TakeOutcome& outcome, TimePoint now, std::string trace_id = {});

// Adds `event` in `tx`; an event id already in the outbox counts as success (emitted before).
Status AddOnce(const events::Outbox& outbox, sql::Transaction& tx, const events::OutgoingEvent& event);

}  // namespace eda::catalog
