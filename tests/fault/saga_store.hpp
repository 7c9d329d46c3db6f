#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/sql/settings.hpp"

namespace eda::sql {
class Pool;
}

namespace eda::fault_test {

// One row of the order service's `orders` table (services/order/store/migrations).
struct OrderRow {
  std::string id;
  std::int64_t member_id = 0;
  std::int64_t product_id = 0;
  std::int64_t count = 0;
  std::int64_t amount = 0;
  std::string status;
  bool flagged = false;
  std::string payment_key;  // empty when NULL
};

// One row of the delivery service's `delivery` table (services/delivery/store/migrations).
struct DeliveryRow {
  std::string order_id;
  std::int64_t member_id = 0;
  std::string status;  // REQUESTED, IN_DELIVERY, DONE, FAILED
  std::int64_t amount = 0;
  std::int64_t count = 0;
};

// Read-only access to the services' MariaDB tables (the shared `my_db` of the profile), through
// eda::sql prepared statements. Errors: the eda::sql error (retryable while MariaDB restarts).
// Thread safety: all methods are thread-safe.
class SagaStore {
 public:
  explicit SagaStore(sql::Settings settings);
  ~SagaStore();

  // EDA_MYSQL_* (host/port/user/database default to the test profile: 127.0.0.1:23306 root my_db;
  // the password comes only from EDA_MYSQL_PASSWORD, which ./eda test and `./eda infra env` export).
  static Result<sql::Settings> SettingsFromEnv();

  // Every order of these members.
  Result<std::vector<OrderRow>> Orders(const std::vector<std::int64_t>& member_ids);
  // The order's history rows as "at from->to (reason)", oldest first (for reports of stuck orders).
  Result<std::vector<std::string>> History(const std::string& order_id);
  // Every shipment of these members.
  Result<std::vector<DeliveryRow>> Deliveries(const std::vector<std::int64_t>& member_ids);

 private:
  std::unique_ptr<sql::Pool> pool_;
};

}  // namespace eda::fault_test
