#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "delivery/domain/delivery.hpp"
#include "eda/core/result.hpp"

namespace eda::delivery {

// The writes of one delivery request, all inside ONE transaction of the caller (the inbox's): the
// row and the outcome event commit together or not at all. Implemented by store/ over sql + outbox.
class DeliveryUnitOfWork {
 public:
  virtual ~DeliveryUnitOfWork() = default;
  // The delivery of an order, locked until the transaction ends; nullopt when there is none.
  virtual Result<std::optional<Delivery>> FindByOrderForUpdate(const OrderId& order_id) = 0;
  // Inserts a REQUESTED delivery without reference code; returns its id.
  virtual Result<DeliveryId> Insert(const DeliveryRequest& request) = 0;
  // Stores the tracking number and writes `order-complete` (status REQUESTED) to the outbox.
  virtual Status MarkBooked(const Delivery& delivery, const std::string& reference_code) = 0;
  // Sets FAILED with the reason and writes `delivery-failed` to the outbox.
  virtual Status MarkFailed(const Delivery& delivery, const std::string& reason) = 0;
  // Inserts a FAILED row for an order that has none (only the order id, payment key and amount are
  // known) and writes `delivery-failed`: a tombstone, so a delivery-request arriving later books nothing.
  virtual Status InsertFailed(const ShipmentCancelRequest& request, const std::string& reason) = 0;
};

// Status progression: applies `steps` (in order, starting from delivery.status) in ONE transaction
// with a conditional update on the old status, writing one `delivery-status-update` per step.
// Returns false (nothing written) when the row was no longer in delivery.status (another poller won).
class TransitionStore {
 public:
  virtual ~TransitionStore() = default;
  virtual Result<bool> Apply(const Delivery& delivery, const std::vector<DeliveryStatus>& steps) = 0;
};

}  // namespace eda::delivery

namespace eda::delivery {

// What the HTTP API needs, implemented by store/ (blocking; called from worker threads).
class DeliveryDirectory {
 public:
  virtual ~DeliveryDirectory() = default;
  virtual Result<std::optional<Delivery>> FindById(DeliveryId delivery_id) = 0;
  virtual Result<std::optional<Delivery>> FindByOrder(const OrderId& order_id) = 0;
  virtual Result<MemberAddress> InsertAddress(const MemberAddress& address) = 0;
  virtual Result<std::optional<MemberAddress>> FindAddress(std::int64_t id) = 0;
  virtual Result<std::vector<MemberAddress>> ListAddresses(MemberId member_id) = 0;
  // Runs ProcessDeliveryRequest in its own transaction (the admin's process-delivery route); returns
  // the delivery as stored.
  virtual Result<Delivery> Process(const DeliveryRequest& request) = 0;
};

}  // namespace eda::delivery
