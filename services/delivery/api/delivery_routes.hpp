#pragma once

#include "delivery/domain/delivery_ports.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/router.hpp"

namespace eda::delivery {

// Registers the delivery routes (api/openapi.json). Every route needs a bearer token; personal
// routes answer 403 unless the caller owns the resource or is ADMIN; process-delivery is ADMIN only.
// `directory` and `blocking` are borrowed and must outlive the router.
void AddDeliveryRoutes(http::Router& router, DeliveryDirectory& directory, http::BlockingPool& blocking);

}  // namespace eda::delivery
