#pragma once

#include "eda/http/blocking_pool.hpp"
#include "eda/http/router.hpp"
#include "order/api/order_pages.hpp"
#include "order/domain/order_service.hpp"

namespace eda::order {

// Registers the order routes (api/openapi.json) on `router`. Handlers are thin: parse, call one
// OrderService function on `blocking` (database and catalog calls block), map the result.
// `service` and `blocking` must outlive the server using the router.
void AddOrderRoutes(http::Router& router, const OrderService& service, http::BlockingPool& blocking,
                    CheckoutSettings checkout);

}  // namespace eda::order
