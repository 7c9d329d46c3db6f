#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "eda/core/result.hpp"
#include "search/domain/search_error.hpp"

namespace eda::search {

// What the admin API sees of the index rebuild (events/rebuilder.hpp does the work).
struct RebuildStatus {
  bool running = false;
  std::string active_generation;      // empty when unknown
  std::optional<std::string> last_generation;  // generation built by the last finished rebuild
  std::optional<std::string> last_error;       // why the last rebuild failed (the old index stayed live)
  std::uint64_t last_events = 0;
  double last_seconds = 0;
};

// Port: starts a rebuild in the background. Thread-safe.
class RebuildTrigger {
 public:
  virtual ~RebuildTrigger() = default;
  // kRebuildRunning when one is already running.
  virtual Result<void, SearchError> Start() = 0;
  virtual RebuildStatus Status() = 0;
};

}  // namespace eda::search
