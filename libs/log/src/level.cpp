#include "eda/log/level.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace eda::log {

Result<Level> ParseLevel(std::string_view text) {
  std::string s(text);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "trace") return Level::kTrace;
  if (s == "debug") return Level::kDebug;
  if (s == "info") return Level::kInfo;
  if (s == "warn" || s == "warning") return Level::kWarn;
  if (s == "error") return Level::kError;
  if (s == "off") return Level::kOff;
  return Error::Permanent("log.level", "EDA_LOG_LEVEL: expected trace|debug|info|warn|error|off, got '" +
                                           std::string(text) + "'");
}

std::string_view ToString(Level level) {
  switch (level) {
    case Level::kTrace: return "trace";
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
    case Level::kOff: return "off";
  }
  return "info";
}

}  // namespace eda::log
