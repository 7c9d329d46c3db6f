#include "payment/events/payment_step_runners.hpp"

#include "eda/events/inbox_handler.hpp"
#include "eda/sql/retry.hpp"
#include "payment/events/outbox_payment_announcer.hpp"
#include "payment/store/sql_payment_unit_of_work.hpp"

namespace eda::payment {

StepRunner PaymentCommit::Transaction() const {
  return [this](const StepWork& work) -> Status {
    bool announced = false;
    Status done = sql::RetryTransaction(pool, [&](sql::Transaction& tx) -> Status {
      announced = false;
      SqlPaymentUnitOfWork rows(tx);
      OutboxPaymentAnnouncer announce(tx, outbox, topics, {});
      Status s = work(rows, announce);
      announced = announce.announced();
      return s;
    });
    if (done && announced && wake_relay) wake_relay();
    return done;
  };
}

StepRunner PaymentCommit::Inbox(const events::Inbox& inbox, const std::string& consumer_name,
                                const events::IncomingEvent& ev) const {
  return [this, &inbox, &consumer_name, &ev](const StepWork& work) -> Status {
    bool announced = false;
    Status done = events::InboxHandler(pool, inbox, consumer_name,
                                       [&](sql::Transaction& tx, const events::IncomingEvent& e) -> Status {
                                         announced = false;
                                         SqlPaymentUnitOfWork rows(tx);
                                         OutboxPaymentAnnouncer announce(tx, outbox, topics, e.envelope.trace_id);
                                         Status s = work(rows, announce);
                                         announced = announce.announced();
                                         return s;
                                       })(ev);
    if (done && announced && wake_relay) wake_relay();
    return done;
  };
}

}  // namespace eda::payment
