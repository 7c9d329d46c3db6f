#include "eda/sql/migrations.hpp"

#include "migration_file_name.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "eda/sql/errors.hpp"
#include "native_connection.hpp"

namespace eda::sql {
namespace {

Error MigrationError(std::string message) { return Error::Permanent(std::string(errc::kMigration), std::move(message)); }

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

std::string CreateLedger(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS `" + table +
         "` ("
         " service VARCHAR(64) NOT NULL,"
         " version INT NOT NULL,"
         " name VARCHAR(255) NOT NULL,"
         " checksum CHAR(64) NOT NULL,"
         " applied_at DATETIME(6) NOT NULL,"
         " PRIMARY KEY (service, version)"
         ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
}

}  // namespace

Result<std::string> MigrationLedger(std::string_view service) {
  const std::string_view owner = service.substr(0, service.find('.'));
  const bool valid = !owner.empty() && owner.size() <= 40 && std::all_of(owner.begin(), owner.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '-';
  });
  if (!valid) return MigrationError("migration set '" + std::string(service) +
                                    "': the part before the first '.' must be 1..40 letters, digits, '_' or '-'");
  return std::string(owner) + "_schema_migrations";
}

std::string MigrationChecksum(std::string_view sql) {
  std::string normalised;
  normalised.reserve(sql.size());
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '\r' && i + 1 < sql.size() && sql[i + 1] == '\n') continue;
    normalised.push_back(sql[i]);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(normalised.data(), normalised.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xf]);
  }
  return out;
}

Result<std::vector<Migration>> LoadMigrations(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return MigrationError("migration directory not found: " + dir.string());
  std::map<int, Migration> by_version;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    auto parsed = internal::ParseMigrationFileName(entry.path().filename().string());
    if (!parsed) continue;
    Migration m;
    m.version = parsed->version;
    m.name = std::move(parsed->name);
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) return MigrationError("cannot read " + entry.path().string());
    std::ostringstream text;
    text << in.rdbuf();
    m.sql = text.str();
    if (m.version <= 0) return MigrationError("migration version must be > 0: " + entry.path().string());
    if (by_version.count(m.version) != 0)
      return MigrationError("duplicate migration version " + std::to_string(m.version) + " in " + dir.string());
    by_version.emplace(m.version, std::move(m));
  }
  if (ec) return MigrationError("cannot list " + dir.string() + ": " + ec.message());
  std::vector<Migration> out;
  for (auto& [v, m] : by_version) out.push_back(std::move(m));
  return out;
}

Result<MigrationOutcome> ApplyMigrations(const Settings& settings, std::string_view service,
                                         std::vector<Migration> migrations, std::chrono::seconds lock_timeout) {
  if (service.empty() || service.size() > 64) return MigrationError("service name must be 1..64 characters");
  auto ledger = MigrationLedger(service);
  if (!ledger) return std::move(ledger).error();
  std::sort(migrations.begin(), migrations.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version <= 0) return MigrationError("migration version must be > 0");
    if (i > 0 && migrations[i].version == migrations[i - 1].version)
      return MigrationError("duplicate migration version " + std::to_string(migrations[i].version));
  }

  auto opened = detail::NativeConnection::Open(settings, /*multi_statements=*/true);
  if (!opened) return std::move(opened).error();
  detail::NativeConnection& conn = **opened;

  const std::string lock_name = "eda_migrate:" + std::string(service);
  auto locked = conn.Query("SELECT GET_LOCK(?, ?)", {lock_name, static_cast<std::int64_t>(lock_timeout.count())});
  if (!locked) return std::move(locked).error();
  if (locked->empty() || locked->front().Get<std::optional<std::int64_t>>(0).value_or(0) != 1)
    return MigrationError("could not take the migration lock '" + lock_name + "' within " +
                          std::to_string(lock_timeout.count()) + " s");
  // The lock is released by RELEASE_LOCK below or, on any early return, when the session closes.

  if (auto st = conn.Batch(CreateLedger(*ledger)); !st.ok()) return std::move(st).error();
  auto recorded_rows = conn.Query("SELECT version, checksum FROM `" + *ledger + "` WHERE service = ?", {service});
  if (!recorded_rows) return std::move(recorded_rows).error();
  std::map<int, std::string> recorded;
  for (const auto& row : *recorded_rows) recorded[row.Get<int>(0)] = row.Get<std::string>(1);

  MigrationOutcome outcome;
  for (const auto& m : migrations) {
    const std::string checksum = MigrationChecksum(m.sql);
    if (auto it = recorded.find(m.version); it != recorded.end()) {
      if (it->second != checksum)
        return MigrationError("migration " + std::string(service) + "/" + std::to_string(m.version) + " (" + m.name +
                              ") was changed after it was applied (checksum " + checksum + ", recorded " +
                              it->second + "); add a new migration instead");
      outcome.skipped.push_back(m.version);
      continue;
    }
    if (!Blank(m.sql)) {
      if (auto st = conn.Batch(m.sql); !st.ok()) {
        Error e = std::move(st).error();
        e.message = "migration " + std::string(service) + "/" + std::to_string(m.version) + " (" + m.name +
                    ") failed: " + e.message;
        return e;
      }
    }
    auto inserted = conn.Execute(
        "INSERT INTO `" + *ledger +
            "` (service, version, name, checksum, applied_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))",
        {service, m.version, m.name, checksum});
    if (!inserted) return std::move(inserted).error();
    outcome.applied.push_back(m.version);
  }
  (void)conn.Query("SELECT RELEASE_LOCK(?)", {lock_name});
  return outcome;
}

}  // namespace eda::sql
