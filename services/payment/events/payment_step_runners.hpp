#pragma once

#include <functional>
#include <string>

#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/pool.hpp"
#include "payment/domain/payment_ports.hpp"
#include "payment/events/payment_messages.hpp"

namespace eda::payment {

// Where a step's commit runs: the rows (SqlPaymentUnitOfWork) and the announcements
// (OutboxPaymentAnnouncer) in one MariaDB transaction, retried on deadlocks. Borrowed references must
// outlive the runners.
struct PaymentCommit {
  sql::Pool& pool;
  const events::Outbox& outbox;
  PaymentTopics topics;

  // A fresh transaction; announcements start a new trace (the sweeper, the webhook).
  StepRunner Transaction() const;
  // The inbox transaction of `ev` for `consumer_name`: the work runs at most once per event id and its
  // announcements carry the event's trace id. `ev` must outlive the runner.
  StepRunner Inbox(const events::Inbox& inbox, const std::string& consumer_name, const events::IncomingEvent& ev) const;
};

}  // namespace eda::payment
