#pragma once

#include <cstdint>

#include "catalog/domain/product.hpp"

namespace eda::catalog {

// Who is calling, as the api layer read it from the verified token. Plain value.
struct Caller {
  bool authenticated = false;
  std::int64_t member_id = 0;
  bool seller = false;
  bool admin = false;
};

// Only the seller who owns the products (token sub == sellerId, role SELLER) or an ADMIN may
// register for a seller id, change or delete its products. Pure.
inline bool MayManage(const Caller& caller, SellerId seller) noexcept {
  if (!caller.authenticated) return false;
  if (caller.admin) return true;
  return caller.seller && caller.member_id == seller.value();
}

}  // namespace eda::catalog
