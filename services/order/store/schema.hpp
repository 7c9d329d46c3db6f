#pragma once

#include <vector>

#include "eda/core/result.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/migrations.hpp"
#include "eda/sql/settings.hpp"

namespace eda::order {

// The order service's migrations (store/migrations/*.sql, compiled in).
std::vector<sql::Migration> OrderMigrations();

// Applies them, then the outbox/inbox migrations (tables order_outbox, order_inbox). Idempotent.
Status ApplyOrderSchema(const sql::Settings& settings, const events::Outbox& outbox, const events::Inbox& inbox);

}  // namespace eda::order
