#include "delivery/events/delivery_request_handler.hpp"

#include "delivery/domain/delivery_service.hpp"
#include "delivery/events/delivery_events.hpp"
#include "delivery/store/sql_delivery_unit_of_work.hpp"
#include "eda/events/inbox_handler.hpp"
#include "eda/log/log.hpp"
#include "eda/sql/retry.hpp"

namespace eda::delivery {

events::Handler MakeDeliveryRequestHandler(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                                           const CarrierDirectory& carriers, std::string consumer_name) {
  return [&pool, &outbox, inbox, &carriers, consumer = std::move(consumer_name)](const events::IncomingEvent& ev) -> Status {
    auto request = DecodeDeliveryRequest(ev.payload);
    if (!request) return request.error();
    // Claim in a transaction of its own; settle in the inbox transaction (one effect per event id).
    const UnitOfWorkRunner claim = [&](const std::function<Status(DeliveryUnitOfWork&)>& work) {
      return sql::RetryTransaction(pool, [&](sql::Transaction& tx) -> Status {
        SqlDeliveryUnitOfWork uow(tx, outbox);
        return work(uow);
      });
    };
    const UnitOfWorkRunner settle = [&](const std::function<Status(DeliveryUnitOfWork&)>& work) {
      return events::InboxHandler(pool, inbox, consumer, [&](sql::Transaction& tx, const events::IncomingEvent&) -> Status {
        SqlDeliveryUnitOfWork uow(tx, outbox);
        return work(uow);
      })(ev);
    };
    auto result = ProcessDeliveryRequest(*request, claim, carriers, settle);
    if (!result) {
      log::Warn("delivery request not handled",
                {{"order_id", request->order_id}, {"code", result.error().code}, {"error", result.error().message}});
      return result.error();
    }
    const char* outcome = result->outcome == IntakeOutcome::kBooked   ? "booked"
                          : result->outcome == IntakeOutcome::kFailed ? "failed"
                                                                      : "duplicate";
    log::Info("delivery request handled", {{"order_id", request->order_id},
                                           {"delivery_id", result->delivery.id},
                                           {"outcome", outcome},
                                           {"reference_code", result->delivery.reference_code}});
    return {};
  };
}

}  // namespace eda::delivery
