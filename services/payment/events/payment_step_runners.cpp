#include "payment/events/payment_step_runners.hpp"

#include "eda/events/inbox_handler.hpp"
#include "eda/sql/retry.hpp"
#include "payment/events/outbox_payment_announcer.hpp"
#include "payment/store/sql_payment_unit_of_work.hpp"

namespace eda::payment {

StepRunner PaymentCommit::Transaction() const {
  return [this](const StepWork& work) -> Status {
    return sql::RetryTransaction(pool, [&](sql::Transaction& tx) -> Status {
      SqlPaymentUnitOfWork rows(tx);
      OutboxPaymentAnnouncer announce(tx, outbox, topics, {});
      return work(rows, announce);
    });
  };
}

StepRunner PaymentCommit::Inbox(const events::Inbox& inbox, const std::string& consumer_name,
                                const events::IncomingEvent& ev) const {
  return [this, &inbox, &consumer_name, &ev](const StepWork& work) -> Status {
    return events::InboxHandler(pool, inbox, consumer_name,
                                [&](sql::Transaction& tx, const events::IncomingEvent& e) -> Status {
                                  SqlPaymentUnitOfWork rows(tx);
                                  OutboxPaymentAnnouncer announce(tx, outbox, topics, e.envelope.trace_id);
                                  return work(rows, announce);
                                })(ev);
  };
}

}  // namespace eda::payment
