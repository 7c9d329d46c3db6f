#include "order/store/http_product_catalog.hpp"

#include <boost/json.hpp>

namespace eda::order {

Result<CatalogProduct, OrderError> HttpProductCatalog::Find(ProductId product_id) {
  httpclient::Request req;
  req.method = httpclient::Method::kGet;
  req.url = base_url_ + "/catalog/products/" + std::to_string(product_id.value());
  req.headers.emplace_back("Accept", "application/json");
  req.timeout = timeout_;
  req.idempotent = true;
  auto res = client_.SendBlocking(std::move(req));
  if (!res) {
    return OrderError{OrderErrc::kCatalogUnavailable, "the catalog service is unavailable",
                      res.error().code + ": " + res.error().message};
  }
  if (res->status == 404) return OrderError{OrderErrc::kProductNotFound, "no such product", {}};
  if (!res->IsSuccess()) {
    return OrderError{OrderErrc::kCatalogUnavailable, "the catalog service is unavailable",
                      "catalog answered " + std::to_string(res->status)};
  }
  auto json = res->Json();
  const boost::json::object* obj = json ? json->if_object() : nullptr;
  const boost::json::value* price = obj ? obj->if_contains("productPrice") : nullptr;
  const boost::json::value* name = obj ? obj->if_contains("productName") : nullptr;
  if (price == nullptr || !price->is_int64() || name == nullptr || !name->is_string()) {
    // The seed answered 200 with an empty object for a missing product.
    if (obj != nullptr && obj->empty()) return OrderError{OrderErrc::kProductNotFound, "no such product", {}};
    return OrderError{OrderErrc::kCatalogUnavailable, "the catalog service is unavailable",
                      "catalog body without productPrice/productName"};
  }
  return CatalogProduct{product_id, std::string(name->as_string()), price->as_int64()};
}

}  // namespace eda::order
