#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "delivery/domain/carrier.hpp"
#include "delivery/domain/delivery_ports.hpp"
#include "eda/events/outbox.hpp"
#include "eda/core/result.hpp"
#include "eda/sql/pool.hpp"

namespace eda::delivery {

// Reads of the `delivery` table and of `member_address`, plus address inserts. Blocking (call from
// a worker thread). Thread-safe; `pool` is borrowed.
class SqlDeliveryQueries : public DeliveryDirectory {
 public:
  SqlDeliveryQueries(sql::Pool& pool, const events::Outbox& outbox, const CarrierDirectory& carriers)
      : pool_(pool), outbox_(outbox), carriers_(carriers) {}

  Result<std::optional<Delivery>> FindById(DeliveryId delivery_id) override;
  Result<std::optional<Delivery>> FindByOrder(const OrderId& order_id) override;
  // Booked deliveries in REQUESTED or IN_DELIVERY, oldest first, at most `limit`.
  Result<std::vector<Delivery>> ListActive(int limit);
  // Counts of the deliveries still under way (REQUESTED, IN_DELIVERY) by delivery_status, for the
  // in-flight gauge. Reads only those rows (idx_delivery_status); counting every status read the
  // whole table on every poll, a cost that grew with the delivery history.
  Result<std::vector<std::pair<std::string, std::int64_t>>> CountInFlight();

  Result<MemberAddress> InsertAddress(const MemberAddress& address) override;
  Result<std::optional<MemberAddress>> FindAddress(std::int64_t id) override;
  Result<std::vector<MemberAddress>> ListAddresses(MemberId member_id) override;
  Result<Delivery> Process(const DeliveryRequest& request) override;

 private:
  sql::Pool& pool_;
  const events::Outbox& outbox_;
  const CarrierDirectory& carriers_;
};

}  // namespace eda::delivery
