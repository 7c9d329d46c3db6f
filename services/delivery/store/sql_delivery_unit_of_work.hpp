#pragma once

#include "delivery/domain/delivery_ports.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/transaction.hpp"

namespace eda::delivery {

// DeliveryUnitOfWork over the caller's open transaction and the delivery outbox. Borrowed
// references; lives for one transaction. Not thread-safe (one transaction, one thread).
class SqlDeliveryUnitOfWork : public DeliveryUnitOfWork {
 public:
  SqlDeliveryUnitOfWork(sql::Transaction& tx, const events::Outbox& outbox) : tx_(tx), outbox_(outbox) {}

  Result<std::optional<Delivery>> FindByOrderForUpdate(const OrderId& order_id) override;
  Result<DeliveryId> Insert(const DeliveryRequest& request) override;
  Status MarkBooked(const Delivery& delivery, const std::string& reference_code) override;
  Status MarkFailed(const Delivery& delivery, const std::string& reason) override;
  Status InsertFailed(const ShipmentCancelRequest& request, const std::string& reason) override;

 private:
  sql::Transaction& tx_;
  const events::Outbox& outbox_;
};

}  // namespace eda::delivery
