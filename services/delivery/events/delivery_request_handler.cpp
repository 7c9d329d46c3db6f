#include "delivery/events/delivery_request_handler.hpp"

#include "delivery/domain/delivery_service.hpp"
#include "delivery/events/delivery_events.hpp"
#include "delivery/store/sql_delivery_unit_of_work.hpp"
#include "eda/events/inbox_handler.hpp"
#include "eda/log/log.hpp"

namespace eda::delivery {

events::Handler MakeDeliveryRequestHandler(sql::Pool& pool, const events::Outbox& outbox, const events::Inbox& inbox,
                                           const CarrierDirectory& carriers, std::string consumer_name) {
  return events::InboxHandler(
      pool, inbox, std::move(consumer_name),
      [&outbox, &carriers](sql::Transaction& tx, const events::IncomingEvent& ev) -> Status {
        auto request = DecodeDeliveryRequest(ev.payload);
        if (!request) return request.error();
        SqlDeliveryUnitOfWork uow(tx, outbox);
        auto result = ProcessDeliveryRequest(*request, uow, carriers);
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
      });
}

}  // namespace eda::delivery
