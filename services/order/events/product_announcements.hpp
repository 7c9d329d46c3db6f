#pragma once

#include <string_view>

#include "eda/events/consumer.hpp"
#include "eda/saga/topics.hpp"
#include "order/domain/order_ports.hpp"

namespace eda::order {

// product-changed (ProductChanged) -> `model`.Apply: name, price, and whether the product was
// deleted, so orders are priced locally (store/sql_product_read_model). Undecodable records and
// records without a product id are permanent errors (DLQ); a database error is retried. `model` must
// outlive the handler.
events::Handler MakeProductAnnouncementHandler(ProductReadModel& model);

}  // namespace eda::order
