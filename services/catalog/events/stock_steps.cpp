#include "catalog/events/stock_steps.hpp"

#include <map>
#include <optional>

#include "catalog/domain/stock_batch.hpp"
#include "catalog/events/catalog_events.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::catalog {
namespace {

using edaordersystem::protobuf::stockCountRequestV1;

std::optional<stockCountRequestV1> DecodeRequest(const events::IncomingEvent& ev) {
  stockCountRequestV1 request;
  // proto3 parses many byte strings; a request without these fields is garbage, not an order.
  if (!request.ParseFromString(ev.payload) || request.order_id().empty() || request.product_id() <= 0 ||
      request.decrement_stock_count() <= 0)
    return std::nullopt;
  return request;
}

std::optional<eda::events::v1::OrderCancelled> DecodeCancellation(const events::IncomingEvent& ev) {
  eda::events::v1::OrderCancelled cancelled;
  // product_id 0: not named (the reservation row names it).
  if (!cancelled.ParseFromString(ev.payload) || cancelled.order_id().empty() || cancelled.product_id() < 0)
    return std::nullopt;
  return cancelled;
}

// The parts every stock step shares: its unit of work on the batch transaction and the StockBatch
// over it, made in Begin (the transaction is known only then); Undo and End delegate to the batch.
class StockStepBase : public events::BatchStep {
 public:
  StockStepBase(const StockUnitOfWorkFactory& make_uow, const std::function<std::int64_t()>& now_us)
      : make_uow_(make_uow), now_us_(now_us) {}

  // Apply only reads and decides; End writes everything (a failed event is undone in memory).
  bool SavepointPerEvent() const override { return false; }
  void Undo(const events::IncomingEvent&) override {
    if (batch_) batch_->Undo();
  }
  Status End(sql::Transaction&) override {
    if (!batch_) return {};
    auto written = batch_->Finish();
    if (!written) return ToConsumerError(written.error());
    return {};
  }

 protected:
  StockBatch& Open(sql::Transaction& tx, const std::string& trace_id) {
    uow_ = make_uow_(tx, trace_id);
    batch_.emplace(*uow_, now_us_);
    return *batch_;
  }

  const StockUnitOfWorkFactory& make_uow_;
  const std::function<std::int64_t()>& now_us_;
  std::unique_ptr<StockUnitOfWork> uow_;
  std::optional<StockBatch> batch_;
};

class StockRequestStep final : public StockStepBase {
 public:
  StockRequestStep(const events::Outbox& outbox, const StockUnitOfWorkFactory& make_uow,
                   const std::function<std::int64_t()>& now_us)
      : StockStepBase(make_uow, now_us), outbox_(outbox) {}

  Status Begin(sql::Transaction& tx, const std::vector<const events::IncomingEvent*>& fresh) override {
    std::vector<StockRequest> requests;
    for (const auto* ev : fresh) {
      if (auto r = DecodeRequest(*ev)) requests.push_back(StockRequest{r->order_id(), ProductId{r->product_id()}, 0});
    }
    // The product-changed of a batch carries the first event's trace id: it is about the product.
    auto locked = Open(tx, fresh.empty() ? std::string() : fresh.front()->envelope.trace_id).LockForTakes(requests);
    if (!locked) return ToConsumerError(locked.error());
    return {};
  }

  Status Apply(sql::Transaction&, const events::IncomingEvent& ev) override {
    batch_->Mark();
    auto request = DecodeRequest(ev);
    if (!request) return Error::Permanent("events.undecodable", "not a stockCountRequestV1 with order_id/product_id/count");
    auto outcome = batch_->Take(
        StockRequest{request->order_id(), ProductId{request->product_id()}, request->decrement_stock_count()});
    if (!outcome) {
      batch_->Undo();
      return ToConsumerError(outcome.error());
    }
    switch (outcome->kind) {
      case TakeOutcome::kReserved: answers_.push_back(DeliveryRequestEvent(*request, ev.envelope.trace_id)); break;
      case TakeOutcome::kRejected:
        answers_.push_back(StockRejectedEvent(*request, *outcome, std::chrono::system_clock::now(), ev.envelope.trace_id));
        break;
      case TakeOutcome::kCancelled: break;
    }
    return {};
  }

  // After the stock rows: one answer per order (a repeated answer has the same event id and is
  // skipped by the outbox).
  Status End(sql::Transaction& tx) override {
    if (auto s = StockStepBase::End(tx); !s) return s;
    return outbox_.AddAll(tx, answers_, /*skip_existing=*/true);
  }

 private:
  const events::Outbox& outbox_;
  std::vector<events::OutgoingEvent> answers_;
};

class OrderCancelledStep final : public StockStepBase {
 public:
  using StockStepBase::StockStepBase;

  Status Begin(sql::Transaction& tx, const std::vector<const events::IncomingEvent*>& fresh) override {
    std::vector<std::string> orders;
    std::vector<ProductId> hints;
    for (const auto* ev : fresh) {
      if (auto f = DecodeCancellation(*ev)) {
        orders.push_back(f->order_id());
        hints.emplace_back(f->product_id());
      }
    }
    auto locked = Open(tx, fresh.empty() ? std::string() : fresh.front()->envelope.trace_id)
                      .LockForReleases(orders, std::move(hints));
    if (!locked) return ToConsumerError(locked.error());
    return {};
  }

  Status Apply(sql::Transaction&, const events::IncomingEvent& ev) override {
    batch_->Mark();
    auto cancelled = DecodeCancellation(ev);
    if (!cancelled) return Error::Permanent("events.undecodable", "not an OrderCancelled with an order_id");
    auto outcome = batch_->Release(cancelled->order_id(), ProductId{cancelled->product_id()});
    if (!outcome) {
      batch_->Undo();
      return ToConsumerError(outcome.error());
    }
    return {};
  }
};

}  // namespace

Error ToConsumerError(const CatalogError& e) {
  const std::string message = e.detail + (e.cause.empty() ? "" : " (" + e.cause + ")");
  if (e.code == CatalogErrc::kInvalidRequest) return Error::Permanent("catalog.invalid_event", message);
  return Error::Transient("catalog.retry", message);
}

events::BatchStepFactory StockRequestSteps(const events::Outbox& outbox, StockUnitOfWorkFactory make_uow,
                                           std::function<std::int64_t()> now_us) {
  return [&outbox, make_uow = std::move(make_uow),
          now_us = std::move(now_us)]() -> std::unique_ptr<events::BatchStep> {
    return std::make_unique<StockRequestStep>(outbox, make_uow, now_us);
  };
}

events::BatchStepFactory OrderCancelledSteps(StockUnitOfWorkFactory make_uow, std::function<std::int64_t()> now_us) {
  return [make_uow = std::move(make_uow), now_us = std::move(now_us)]() -> std::unique_ptr<events::BatchStep> {
    return std::make_unique<OrderCancelledStep>(make_uow, now_us);
  };
}

events::Handler MakeStockProjectionHandler(ProductStore& store) {
  return [&store](const events::IncomingEvent& ev) -> Status {
    eda::events::v1::ProductChanged m;
    if (!m.ParseFromString(ev.payload)) return Error::Permanent("events.undecodable", "not a ProductChanged");
    if (m.stock_version() <= 0 || m.product_id() <= 0 || m.change_type() == eda::events::v1::ProductChanged::DELETED)
      return {};
    return store.ProjectStock(ProductId{m.product_id()}, m.stock_count(), m.stock_version());
  };
}

}  // namespace eda::catalog
