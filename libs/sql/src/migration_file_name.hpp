#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace eda::sql::internal {

struct MigrationFileName {
  int version = 0;
  std::string name;
};

// "0007_add_index.sql" -> {7, "add_index"}; nullopt when the name does not follow NNNN_<name>.sql
// (1 to 9 leading digits, an underscore, a non-empty name, the .sql extension).
std::optional<MigrationFileName> ParseMigrationFileName(std::string_view file_name);

}  // namespace eda::sql::internal
