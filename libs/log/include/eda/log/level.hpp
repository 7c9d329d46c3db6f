#pragma once

#include <string_view>

#include "eda/core/result.hpp"

namespace eda::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// Parses trace|debug|info|warn|warning|error|off (case-insensitive). Error code "log.level".
Result<Level> ParseLevel(std::string_view text);
std::string_view ToString(Level level);

}  // namespace eda::log
