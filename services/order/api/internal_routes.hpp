#pragma once

#include "eda/config/secret.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/router.hpp"
#include "order/domain/order_service.hpp"

namespace eda::order {

// Routes for other services, not for buyers: GET /orders/internal/orders/{orderId} answers
// {orderId, status, productId, productCount, memberId, amount, paymentKey} (404 order_not_found) to a
// caller presenting `delivery_token` as its bearer token (the delivery service asks before it ships;
// 401 otherwise, and 403 to everyone while no token is configured). The token is compared in constant
// time and is not a member's token: these routes skip the member-token hook. `service` and
// `blocking` must outlive the server using the router.
void AddOrderInternalRoutes(http::Router& router, const OrderService& service, http::BlockingPool& blocking,
                            config::Secret delivery_token);

}  // namespace eda::order
