#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/sql/settings.hpp"

namespace eda::sql {

// One versioned schema change of a service. `sql` may hold several statements separated by ';'
// (it runs as one multi-statement batch). Fixed DDL/seed text only; never values from input.
struct Migration {
  int version = 0;    // > 0, unique per service; applied in ascending order
  std::string name;   // e.g. "init"; informational
  std::string sql;
};

struct MigrationOutcome {
  std::vector<int> applied;  // versions applied by this call, ascending
  std::vector<int> skipped;  // versions already recorded (checksum verified)
};

// Reads `<dir>/NNNN_<name>.sql` files (version = the leading number), sorted by version. Files not
// matching the pattern are ignored. Errors ("sql.migration"): missing directory, duplicate
// version, unreadable file.
Result<std::vector<Migration>> LoadMigrations(const std::filesystem::path& dir);

// Hex SHA-256 of the migration text with "\r\n" normalised to "\n". Pure.
std::string MigrationChecksum(std::string_view sql);

// The migration history (ledger) of a migration set: "<owner>_schema_migrations", the owner being
// `service` up to its first '.' ("member" and "member.events" both go to member_schema_migrations).
// One table per owner, so a service's database user is granted its own history only and cannot
// read or rewrite another's. Error ("sql.migration") when the owner is not 1..40 of [A-Za-z0-9_-].
Result<std::string> MigrationLedger(std::string_view service);

// Applies the not-yet-applied `migrations` of `service` in version order, recording each in its
// ledger (MigrationLedger(service): service, version, name, checksum, applied_at; created if
// missing) after it ran. Uses its own dedicated connection built from `settings` (multi-statements on) and
// holds the server lock GET_LOCK('eda_migrate:<service>') for the whole run, so concurrent starters
// of the same service apply each migration once (the others wait up to `lock_timeout`, then see
// them applied). Errors ("sql.migration" unless the server's own classification says otherwise):
// a recorded migration whose checksum differs from the given text, duplicate versions, a failing
// statement (later migrations are then not attempted; note MariaDB DDL is not transactional, so a
// partly applied file must be repaired by hand), lock not obtained in time. Blocking; call at start.
Result<MigrationOutcome> ApplyMigrations(const Settings& settings, std::string_view service,
                                         std::vector<Migration> migrations,
                                         std::chrono::seconds lock_timeout = std::chrono::seconds(60));

}  // namespace eda::sql
