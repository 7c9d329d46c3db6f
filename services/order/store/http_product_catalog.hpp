#pragma once

#include <chrono>
#include <string>

#include "eda/httpclient/client.hpp"
#include "order/domain/order_ports.hpp"

namespace eda::order {

// ProductCatalog over the catalog service: GET {base_url}/catalog/products/{id}, reading
// productName and productPrice. 404 -> kProductNotFound; transport errors, 5xx and unreadable bodies
// -> kCatalogUnavailable. Blocking (SendBlocking): never call it on the client's I/O thread.
// Thread-safe. `client` must outlive this object.
class HttpProductCatalog final : public ProductCatalog {
 public:
  HttpProductCatalog(const httpclient::Client& client, std::string base_url,
                     std::chrono::milliseconds timeout = std::chrono::seconds(3))
      : client_(client), base_url_(std::move(base_url)), timeout_(timeout) {}

  Result<CatalogProduct, OrderError> Find(ProductId product_id) override;

 private:
  const httpclient::Client& client_;
  std::string base_url_;
  std::chrono::milliseconds timeout_;
};

}  // namespace eda::order
