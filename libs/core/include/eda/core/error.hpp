#pragma once

#include <ostream>
#include <string>
#include <utility>

namespace eda {

// An expected failure crossing a module boundary. `code` is a stable, machine-readable identifier
// owned by the module that produced it (for example "sql.duplicate_key", "kafka.timeout");
// `message` is for humans and logs and never contains secrets; `retryable` says whether the same
// operation may succeed if attempted again later (deadlocks, timeouts, a broker or node down).
struct Error {
  std::string code;
  std::string message;
  bool retryable = false;

  static Error Permanent(std::string code, std::string message) {
    return Error{std::move(code), std::move(message), false};
  }
  static Error Transient(std::string code, std::string message) {
    return Error{std::move(code), std::move(message), true};
  }
};

inline std::ostream& operator<<(std::ostream& os, const Error& e) {
  return os << e.code << ": " << e.message << (e.retryable ? " (retryable)" : "");
}

}  // namespace eda
