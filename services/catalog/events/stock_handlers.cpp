#include "catalog/events/stock_handlers.hpp"

#include "catalog/domain/catalog_service.hpp"
#include "catalog/events/catalog_events.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::catalog {

Error ToConsumerError(const CatalogError& e) {
  const std::string message = e.detail + (e.cause.empty() ? "" : " (" + e.cause + ")");
  if (e.code == CatalogErrc::kInvalidRequest) return Error::Permanent("catalog.invalid_event", message);
  return Error::Transient("catalog.retry", message);
}

events::TransactionalHandler MakeStockRequestHandler(const StockService& service, const events::Outbox& outbox) {
  return [&service, &outbox](sql::Transaction& tx, const events::IncomingEvent& ev) -> Status {
    edaordersystem::protobuf::stockCountRequestV1 request;
    if (!request.ParseFromString(ev.payload)) {
      return Error::Permanent("events.undecodable", "not a stockCountRequestV1");
    }
    // proto3 parses many byte strings; a request without these fields is garbage, not an order.
    if (request.order_id().empty() || request.product_id() <= 0 || request.decrement_stock_count() <= 0) {
      return Error::Permanent("events.undecodable", "stockCountRequestV1 without order_id/product_id/count");
    }
    auto outcome = service.Take(StockRequest{request.order_id(), ProductId{request.product_id()},
                                             request.decrement_stock_count()});
    if (!outcome) return ToConsumerError(outcome.error());
    switch (outcome->kind) {
      case TakeOutcome::kReserved: {
        if (auto s = AddOnce(outbox, tx, DeliveryRequestEvent(request)); !s) return s;
        if (outcome->product) {
          const auto changed = CatalogService::ChangedEvent(*outcome->product, ProductEvent::Change::kUpdated,
                                                            "take:" + request.order_id());
          if (auto s = AddOnce(outbox, tx, ToOutgoing(changed)); !s) return s;
        }
        return {};
      }
      case TakeOutcome::kRejected:
        return AddOnce(outbox, tx, StockRejectedEvent(request, *outcome, std::chrono::system_clock::now()));
      case TakeOutcome::kCancelled: return {};
    }
    return {};
  };
}

events::TransactionalHandler MakeDeliveryFailedHandler(const StockService& service, const events::Outbox& outbox) {
  return [&service, &outbox](sql::Transaction& tx, const events::IncomingEvent& ev) -> Status {
    eda::events::v1::DeliveryFailed failed;
    // product_id is 0 when the sender does not know it (delivery); the reservation row names it.
    if (!failed.ParseFromString(ev.payload) || failed.order_id().empty() || failed.product_id() < 0) {
      return Error::Permanent("events.undecodable", "not a DeliveryFailed with an order_id");
    }
    auto outcome = service.Release(failed.order_id(), ProductId{failed.product_id()});
    if (!outcome) return ToConsumerError(outcome.error());
    if (outcome->product) {
      const auto changed = CatalogService::ChangedEvent(*outcome->product, ProductEvent::Change::kUpdated,
                                                        "release:" + failed.order_id());
      if (auto s = AddOnce(outbox, tx, ToOutgoing(changed)); !s) return s;
    }
    return {};
  };
}

}  // namespace eda::catalog
