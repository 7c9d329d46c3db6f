#pragma once

#include <string>

#include "delivery/domain/delivery.hpp"
#include "eda/sql/rows.hpp"

namespace eda::delivery {

// The column list every delivery SELECT uses, and its row mapping.
inline constexpr const char* kDeliveryColumns =
    "delivery_id, order_id, order_name, product_count, address, delivery_company, member_id, payment_key, "
    "approved_at, amount, delivery_status, reference_code, failure_reason";

Delivery DeliveryFromRow(const sql::Row& row);

// Current UTC time as ISO 8601 ("2026-11-24T03:04:05Z").
std::string NowUtcIso();

}  // namespace eda::delivery
