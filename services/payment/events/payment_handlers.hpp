#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "eda/core/result.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/outbox.hpp"
#include "payment/domain/payment_service.hpp"
#include "payment/events/payment_messages.hpp"
#include "payment/events/payment_step_runners.hpp"

namespace eda::payment {

// Reports a compensation event refused because it names another payment than the order's row
// (forged or misrouted): `topic`, the order id, and the CompensationRefusalName.
using RefusalObserver = std::function<void(std::string_view topic, std::string_view order_id, std::string_view reason)>;

struct HandlerSettings {
  std::string consumer_name = "payment";  // the inbox's consumer name (= the consumer group)
  RefusalObserver refused;                // counts refused compensation events (may be empty)
};

// The consumer handlers of the payment saga: decode the record, run the PaymentService use case with
// its commit in the event's inbox transaction (`commit.Inbox`: one effect per event id, announcements
// through the outbox with the event's trace id), log the outcome. Errors: permanent
// events.undecodable (DLQ); the use case's errors as they are (payment.toss_unavailable and sql errors
// retryable: retry topic; payment.cancel_refused permanent: DLQ). Thread-safe. `service` and the
// references in `commit` must outlive it.
class PaymentHandlers {
 public:
  PaymentHandlers(PaymentService& service, PaymentCommit commit, events::Inbox inbox, HandlerSettings settings = {});

  // payment-confirm-request (seed paymentRequestV1) → PaymentService::Confirm.
  Status HandleConfirmRequest(const events::IncomingEvent& ev);
  // order-cancelled (OrderCancelled) → PaymentService::Refund.
  Status HandleOrderCancelled(const events::IncomingEvent& ev);

  // Subscribes both under the topics of `commit`.
  void Subscribe(events::Consumer& consumer);

 private:
  PaymentService& service_;
  PaymentCommit commit_;
  events::Inbox inbox_;
  HandlerSettings settings_;
};

}  // namespace eda::payment
