#pragma once

#include <chrono>
#include <string>

#include "delivery/domain/order_check.hpp"
#include "eda/config/secret.hpp"
#include "eda/httpclient/client.hpp"

namespace eda::delivery {

// OrderDirectory over the order service: GET {order_url}/orders/internal/orders/{orderId} with the
// delivery service's token (`Authorization: Bearer`). 200 → the facts; 404 → nullopt; transport
// errors, 5xx and 429 → retryable "order.unavailable"; other answers (401/403: a token the order
// service does not accept) and unreadable bodies → permanent "order.refused". Blocking
// (SendBlocking): never call it on the client's I/O thread. Thread-safe; `client` must outlive it.
class HttpOrderDirectory final : public OrderDirectory {
 public:
  HttpOrderDirectory(const httpclient::Client& client, std::string order_url, config::Secret token,
                     std::chrono::milliseconds timeout = std::chrono::seconds(3))
      : client_(client), order_url_(std::move(order_url)), token_(std::move(token)), timeout_(timeout) {}

  Result<std::optional<OrderFacts>> Find(const OrderId& order_id) const override;

 private:
  const httpclient::Client& client_;
  std::string order_url_;
  config::Secret token_;
  std::chrono::milliseconds timeout_;
};

}  // namespace eda::delivery
