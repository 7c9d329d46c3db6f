#pragma once

#include <string>

#include "eda/events/outbox.hpp"
#include "eda/sql/transaction.hpp"
#include "payment/domain/payment_ports.hpp"
#include "payment/events/payment_messages.hpp"

namespace eda::payment {

// The PaymentAnnouncer on the payment outbox: each announcement is one outbox row in `tx`, keyed by
// the order id, carrying `trace_id` (empty: a new trace). Borrows `tx`, `outbox` and `topics`, which
// must outlive it. Not thread-safe: one transaction, one thread.
class OutboxPaymentAnnouncer final : public PaymentAnnouncer {
 public:
  OutboxPaymentAnnouncer(sql::Transaction& tx, const events::Outbox& outbox, const PaymentTopics& topics,
                         std::string trace_id)
      : tx_(tx), outbox_(outbox), topics_(topics), trace_id_(std::move(trace_id)) {}

  Status Approved(const toss::Payment& approval) override;
  Status Failed(const PaymentFailure& failure) override;
  Status Refunded(const PaymentRefund& refund) override;

 private:
  Status Add(const events::OutgoingEvent& event);

  sql::Transaction& tx_;
  const events::Outbox& outbox_;
  const PaymentTopics& topics_;
  std::string trace_id_;
};

}  // namespace eda::payment
