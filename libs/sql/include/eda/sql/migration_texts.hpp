#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/sql/migrations.hpp"

namespace eda::sql {

// Migrations from {file name, SQL text} pairs, as compiled into a binary by eda_embed_texts
// (cmake/EdaHelpers.cmake): "0002_refresh_token.sql" becomes version 2, name "refresh_token".
// The same naming rule as LoadMigrations, sorted by version. Pure.
// Errors ("sql.migration"): a name not of the form NNNN_<name>.sql, a version <= 0, a duplicate version.
Result<std::vector<Migration>> MigrationsFromTexts(
    const std::vector<std::pair<std::string_view, std::string_view>>& files);

}  // namespace eda::sql
