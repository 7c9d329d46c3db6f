#pragma once

#include <functional>
#include <memory>

#include "catalog/domain/catalog_error.hpp"
#include "catalog/domain/catalog_ports.hpp"
#include "catalog/domain/stock_ports.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/inbox_handler.hpp"
#include "eda/events/outbox.hpp"

namespace eda::catalog {

// Makes the stock unit of work of one batch transaction; `trace_id` goes on the events it writes.
using StockUnitOfWorkFactory =
    std::function<std::unique_ptr<StockUnitOfWork>(sql::Transaction& tx, const std::string& trace_id)>;

// The catalog's saga steps, one consumer batch per transaction (events::InboxBatchHandler; give it
// the transaction options the unit of work asks for):
// - `catalog-decrement-request-delivery-request` (seed stockCountRequestV1): decode every request,
//   lock their products in id order, take or refuse each (StockBatch), write delivery-request or
//   stock-rejected per order (keyed by order id, deterministic event ids, the request's trace id),
//   then each changed product's stock once with one product-changed.
// - `order-cancelled` (OrderCancelled): put back the stock each order holds, once, same shape (an
//   order cancelled before its stock request came leaves a tombstone, so the request takes nothing;
//   stock is never put back on a delivery-failed directly: the order decides whether it cancels).
// Undecodable payloads or payloads without order id / product id / positive count are permanent
// errors (DLQ); a poisoned request (same order, other product/count) too; storage errors retry.
// `outbox` must outlive the factories' steps. `now_us`: the wall clock in microseconds.
events::BatchStepFactory StockRequestSteps(const events::Outbox& outbox, StockUnitOfWorkFactory make_uow,
                                           std::function<std::int64_t()> now_us);
events::BatchStepFactory OrderCancelledSteps(StockUnitOfWorkFactory make_uow, std::function<std::int64_t()> now_us);

// `product-changed` (the catalog's own events) -> the stock projection in Cassandra, written with
// the event's stock version as timestamp (idempotent, order-insensitive). Events without a stock
// version (from before the ledger) are skipped. `store` must outlive the handler.
events::Handler MakeStockProjectionHandler(ProductStore& store);

// Domain error -> consumer error (kInvalidRequest permanent, the rest retryable).
Error ToConsumerError(const CatalogError& e);

}  // namespace eda::catalog
