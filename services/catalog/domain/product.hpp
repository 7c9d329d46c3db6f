#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eda/core/strong_id.hpp"
#include "eda/saga/ids.hpp"

namespace eda::catalog {

struct SellerIdTag {};
// Product ids come from the MariaDB `seller_product` auto-increment column (as in the seed system); the
// saga's type, as the stock requests and product-changed carry them.
using ProductId = saga::ProductId;
// A seller is a member: the id is the member id (token `sub`).
using SellerId = StrongId<SellerIdTag, std::int64_t>;
using TimePoint = std::chrono::system_clock::time_point;

// A catalog product as stored in Cassandra `catalog.product`. Plain value.
struct Product {
  ProductId id;
  SellerId seller_id;
  std::string name;
  std::string description;
  std::int64_t price = 0;        // KRW, > 0
  std::int64_t stock = 0;        // >= 0, changed only through the stock CAS path
  std::vector<std::string> tags; // normalized (see NormalizeTags), sorted
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<TimePoint> deleted_at;  // set: the product is deleted (reads answer 404)

  bool deleted() const noexcept { return deleted_at.has_value(); }
};

// Input of "register a product" after JSON parsing, before validation.
struct ProductDraft {
  SellerId seller_id;
  std::string name;
  std::string description;
  std::int64_t price = 0;
  std::int64_t stock = 0;
  std::vector<std::string> tags;  // raw, normalized by the service
};

// Input of "update a product": absent fields keep their value (PATCH); PUT sends all of them.
struct ProductPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::int64_t> price;
  std::optional<std::vector<std::string>> tags;
};

// One page of a seller's products; `next_cursor` is opaque (empty on the last page).
struct ProductPage {
  std::vector<Product> items;
  std::string next_cursor;
};

}  // namespace eda::catalog
