#include "order/domain/order_rules.hpp"

#include <limits>

namespace eda::order {

Result<std::int64_t, OrderError> ComputeAmount(std::int64_t unit_price, std::int64_t count) {
  if (count < 1 || count > kMaxProductCount) {
    return OrderError{OrderErrc::kInvalidRequest, "productCount must be between 1 and 1000", {}};
  }
  if (unit_price < 0) return OrderError{OrderErrc::kInvalidRequest, "the product has no valid price", {}};
  if (unit_price > std::numeric_limits<std::int64_t>::max() / count) {
    return OrderError{OrderErrc::kInvalidRequest, "the order amount is too large", {}};
  }
  return unit_price * count;
}

std::string FormatOrderId(std::string_view random_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "ORD";
  for (std::size_t i = 0; i < 15; ++i) {
    const auto b = static_cast<unsigned char>(i < random_bytes.size() ? random_bytes[i] : 0);
    id += kHex[b >> 4];
    id += kHex[b & 0xF];
  }
  return id;
}

bool IsValidOrderId(std::string_view id) noexcept {
  if (id.size() != 33 || id.substr(0, 3) != "ORD") return false;
  for (char c : id.substr(3)) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

std::string MakeOrderName(std::string_view product_name, std::int64_t count) {
  std::string name(product_name.substr(0, 90));
  if (count > 1) name += " x " + std::to_string(count);
  return name;
}

}  // namespace eda::order
