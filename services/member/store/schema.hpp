#pragma once

#include <vector>

#include "eda/core/result.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/migrations.hpp"
#include "eda/sql/settings.hpp"

namespace eda::member {

// The member service's schema migrations (store/migrations/NNNN_<name>.sql), compiled into the
// binary so that it needs no source tree at run time.
std::vector<sql::Migration> MemberMigrations();

// Applies the member migrations (key "member") and the tables of `outbox` plus an inbox named
// "member_inbox" (key "member.events") to the database of `settings`. Blocking; call at start. Errors: sql.migration and server errors.
Status ApplyMemberSchema(const sql::Settings& settings, const events::Outbox& outbox);

}  // namespace eda::member
