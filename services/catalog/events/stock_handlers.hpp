#pragma once

#include "catalog/domain/stock_service.hpp"
#include "eda/events/inbox_handler.hpp"
#include "eda/events/outbox.hpp"

namespace eda::catalog {

// The transactional handler of `catalog-decrement-request-delivery-request` (seed
// stockCountRequestV1): runs StockService::Take (Cassandra), then, in the inbox transaction, writes
// delivery-request or stock-rejected (keyed by order id, deterministic event ids) and, when stock
// moved, product-changed. Undecodable or invalid payloads are permanent errors (DLQ); unavailable
// storage and CAS exhaustion are retryable. `service` and `outbox` must outlive the handler.
events::TransactionalHandler MakeStockRequestHandler(const StockService& service, const events::Outbox& outbox);

// The transactional handler of `delivery-failed` (DeliveryFailed): StockService::Release, then
// product-changed when the stock went back.
events::TransactionalHandler MakeDeliveryFailedHandler(const StockService& service, const events::Outbox& outbox);

// Domain error -> consumer error (kInvalidRequest permanent, the rest retryable).
Error ToConsumerError(const CatalogError& e);

}  // namespace eda::catalog
