#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "eda/core/result.hpp"
#include "order/domain/order_error.hpp"

namespace eda::order {

// Limits of one order line.
inline constexpr std::int64_t kMaxProductCount = 1000;

// price x count in KRW. Errors: kInvalidRequest when count is outside 1..kMaxProductCount or price is
// negative; kProductNotFound never. Overflow (beyond int64) is refused as kInvalidRequest.
Result<std::int64_t, OrderError> ComputeAmount(std::int64_t unit_price, std::int64_t count);

// "ORD" + 30 lower-case hex chars from `random_bytes` (15 bytes; the seed's format).
std::string FormatOrderId(std::string_view random_bytes);
// true when `id` has the seed format (used to reject garbage before touching the database).
bool IsValidOrderId(std::string_view id) noexcept;

// "<product name>" for one item, "<product name> x N" for more (shown in the payment window).
std::string MakeOrderName(std::string_view product_name, std::int64_t count);

}  // namespace eda::order
