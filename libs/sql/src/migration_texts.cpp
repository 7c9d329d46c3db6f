#include "eda/sql/migration_texts.hpp"

#include <cctype>
#include <map>
#include <string>

#include "migration_file_name.hpp"

namespace eda::sql {
namespace internal {

std::optional<MigrationFileName> ParseMigrationFileName(std::string_view file_name) {
  constexpr std::string_view kExtension = ".sql";
  if (file_name.size() <= kExtension.size() || file_name.substr(file_name.size() - kExtension.size()) != kExtension)
    return std::nullopt;
  const std::string_view stem = file_name.substr(0, file_name.size() - kExtension.size());
  std::size_t digits = 0;
  while (digits < stem.size() && std::isdigit(static_cast<unsigned char>(stem[digits])) != 0) ++digits;
  if (digits == 0 || digits > 9 || digits + 1 >= stem.size() || stem[digits] != '_') return std::nullopt;
  return MigrationFileName{std::stoi(std::string(stem.substr(0, digits))), std::string(stem.substr(digits + 1))};
}

}  // namespace internal

Result<std::vector<Migration>> MigrationsFromTexts(
    const std::vector<std::pair<std::string_view, std::string_view>>& files) {
  std::map<int, Migration> by_version;
  for (const auto& [file_name, text] : files) {
    auto parsed = internal::ParseMigrationFileName(file_name);
    if (!parsed) return Error::Permanent("sql.migration", "not a migration file name (NNNN_<name>.sql): " + std::string(file_name));
    if (parsed->version <= 0) return Error::Permanent("sql.migration", "migration version must be > 0: " + std::string(file_name));
    if (by_version.count(parsed->version) != 0)
      return Error::Permanent("sql.migration", "duplicate migration version " + std::to_string(parsed->version));
    by_version.emplace(parsed->version, Migration{parsed->version, std::move(parsed->name), std::string(text)});
  }
  std::vector<Migration> out;
  out.reserve(by_version.size());
  for (auto& [version, migration] : by_version) out.push_back(std::move(migration));
  return out;
}

}  // namespace eda::sql
