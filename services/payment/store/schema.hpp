#pragma once

#include <vector>

#include "eda/core/result.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/migrations.hpp"
#include "eda/sql/settings.hpp"

namespace eda::payment {

// The payment service's migrations (store/migrations/*.sql, compiled in): payments, payment_cancels.
std::vector<sql::Migration> PaymentMigrations();

// Applies them, then the outbox/inbox migrations (tables payment_outbox, payment_inbox by default).
// Idempotent; blocking (call at start).
Status ApplyPaymentSchema(const sql::Settings& settings, const events::Outbox& outbox, const events::Inbox& inbox);

}  // namespace eda::payment
