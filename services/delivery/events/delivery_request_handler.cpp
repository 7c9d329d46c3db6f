#include "delivery/events/delivery_request_handler.hpp"

#include "delivery/domain/delivery_service.hpp"
#include "delivery/events/delivery_events.hpp"
#include "delivery/store/sql_delivery_unit_of_work.hpp"
#include "eda/events/inbox_handler.hpp"
#include "eda/log/log.hpp"
#include "eda/sql/retry.hpp"

namespace eda::delivery {

namespace {

// The two transactions of a saga step that calls a carrier: `claim` on its own, `settle` inside the
// inbox transaction of the event (one effect per event id).
struct StepRunners {
  UnitOfWorkRunner claim;
  UnitOfWorkRunner settle;
};

StepRunners RunnersFor(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                       const std::string& consumer, const events::IncomingEvent& ev) {
  return StepRunners{
      [&pool, &outbox](const std::function<Status(DeliveryUnitOfWork&)>& work) {
        return sql::RetryTransaction(pool, [&](sql::Transaction& tx) -> Status {
          SqlDeliveryUnitOfWork uow(tx, outbox);
          return work(uow);
        });
      },
      [&pool, &outbox, &inbox, &consumer, &ev](const std::function<Status(DeliveryUnitOfWork&)>& work) {
        return events::InboxHandler(pool, inbox, consumer, [&](sql::Transaction& tx, const events::IncomingEvent&) -> Status {
          SqlDeliveryUnitOfWork uow(tx, outbox);
          return work(uow);
        })(ev);
      }};
}

}  // namespace

events::Handler MakeDeliveryRequestHandler(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                                           const CarrierDirectory& carriers, const OrderDirectory& orders,
                                           RefusedRequestObserver refused, std::string consumer_name) {
  return [&pool, &outbox, inbox, &carriers, &orders, refused = std::move(refused),
          consumer = std::move(consumer_name)](const events::IncomingEvent& ev) -> Status {
    auto request = DecodeDeliveryRequest(ev.payload);
    if (!request) return request.error();
    // Whoever can produce to delivery-request must not be able to ship an order nobody paid.
    auto order = orders.Find(request->order_id);
    if (!order) {
      log::Warn("delivery request waits for the order service",
                {{"order_id", request->order_id.value()}, {"code", order.error().code}, {"error", order.error().message}});
      return std::move(order).error();
    }
    if (const auto reason = RefuseDeliveryRequest(*request, *order)) {
      log::Warn("delivery request refused: it does not match a paid order",
                {{"order_id", request->order_id.value()}, {"reason", *reason}, {"event_id", ev.envelope.event_id}});
      if (refused) refused(*reason);
      return {};
    }
    const StepRunners run = RunnersFor(pool, outbox, inbox, consumer, ev);
    auto result = ProcessDeliveryRequest(*request, run.claim, carriers, run.settle);
    if (!result) {
      log::Warn("delivery request not handled",
                {{"order_id", request->order_id.value()}, {"code", result.error().code}, {"error", result.error().message}});
      return result.error();
    }
    const char* outcome = result->outcome == IntakeOutcome::kBooked   ? "booked"
                          : result->outcome == IntakeOutcome::kFailed ? "failed"
                                                                      : "duplicate";
    log::Info("delivery request handled", {{"order_id", request->order_id.value()},
                                           {"delivery_id", result->delivery.id.value()},
                                           {"outcome", outcome},
                                           {"reference_code", result->delivery.reference_code}});
    return {};
  };
}

events::Handler MakeShipmentCancelHandler(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                                          const CarrierDirectory& carriers, RefusedCancelObserver refused,
                                          std::string consumer_name) {
  return [&pool, &outbox, inbox, &carriers, refused = std::move(refused),
          consumer = std::move(consumer_name)](const events::IncomingEvent& ev) -> Status {
    auto request = DecodeShipmentCancelRequest(ev.payload);
    if (!request) return request.error();
    const StepRunners run = RunnersFor(pool, outbox, inbox, consumer, ev);
    auto result = CancelShipment(*request, run.claim, carriers, run.settle);
    if (!result) {
      log::Warn("shipment cancel not handled",
                {{"order_id", request->order_id.value()}, {"code", result.error().code}, {"error", result.error().message}});
      return result.error();
    }
    if (result->action == CancelAction::kRefuse) {
      log::Warn("shipment cancel refused: another payment than the delivery's", {{"order_id", request->order_id.value()}});
      if (refused) refused(request->order_id.value());
      return {};
    }
    const char* outcome = result->outcome == CancelOutcome::kCancelled ? "cancelled"
                          : result->outcome == CancelOutcome::kTooLate ? "too_late"
                                                                       : "unchanged";
    log::Info("shipment cancel handled", {{"order_id", request->order_id.value()}, {"outcome", outcome}});
    return {};
  };
}

}  // namespace eda::delivery
