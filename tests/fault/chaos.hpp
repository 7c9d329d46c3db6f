#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"

namespace eda::fault_test {

// Injects faults through the project's own command, `$EDA_ROOT/eda <verb> <component> --profile P`
// (verbs kill|start|stop|restart; components mariadb, redis, kafka-1..3, cassandra, member, order, ...;
// and `scale order=3,...`, whose "component" is the new instance counts),
// run as a child process with a deadline.
//
// Every command's output is appended to `log_file` (one header line per command), so the test's own
// output stays readable; a failure's error message carries the last lines of that output.
// Chaos remembers which components it took down (kill/stop) and not yet brought back (start/restart
// succeeded); RestoreAll() starts them again, and the destructor calls it, so a test that fails
// half-way does not leave the stack broken for later tests.
//
// Thread safety: Run may be called from several threads, but fault tests run one command at a time.
class Chaos {
 public:
  Chaos(std::string eda_root, std::string profile, std::filesystem::path log_file);
  ~Chaos();
  Chaos(const Chaos&) = delete;
  Chaos& operator=(const Chaos&) = delete;

  // Runs the command and waits for it up to `timeout`; on timeout the command's whole process
  // group is killed. Errors: "chaos.spawn" (could not start), "chaos.timeout", "chaos.exit" (exit
  // status != 0; message = status and output tail).
  Status Run(std::string_view verb, std::string_view component, std::chrono::seconds timeout);

  // Starts every component still down (see class comment); returns the first error, after trying all.
  Status RestoreAll(std::chrono::seconds timeout_each);

  // The components taken down and not yet restored.
  std::vector<std::string> Down() const;

 private:
  std::string LogTail(std::size_t max_bytes) const;

  std::string eda_root_;
  std::string profile_;
  std::filesystem::path log_file_;
  mutable std::mutex mutex_;
  std::set<std::string> down_;
};

}  // namespace eda::fault_test
