#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "catalog/domain/catalog_error.hpp"
#include "catalog/domain/product.hpp"
#include "eda/http/json_body.hpp"
#include "eda/http/response.hpp"

namespace eda::catalog {

// The seed product JSON: {productId, sellerId, productName, productDescription, productPrice,
// stockCount, tags[]}. Pure.
boost::json::value ProductJson(const Product& p);
boost::json::value ProductListJson(const std::vector<Product>& products);

// Reads a `tags` array of strings (absent: nullopt; not an array or a non-string item: a field
// error recorded in `body`).
std::optional<std::vector<std::string>> ReadTags(http::JsonBody& body, bool required);

// The RFC 9457 problem of a domain error (status and code from the error table).
http::Response ErrorResponse(const CatalogError& error);

}  // namespace eda::catalog
