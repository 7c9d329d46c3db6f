#pragma once

#include <vector>

#include "eda/core/result.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/migrations.hpp"
#include "eda/sql/settings.hpp"

namespace eda::delivery {

// The service's migrations (store/migrations/*.sql, compiled in), in version order.
std::vector<sql::Migration> DeliveryMigrations();

// Applies the delivery migrations, then the outbox/inbox ones. Blocking; call at start.
Status ApplyDeliverySchema(const sql::Settings& settings, const events::Outbox& outbox, const events::Inbox& inbox);

}  // namespace eda::delivery
