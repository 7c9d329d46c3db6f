#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace eda::config {

// A configuration value that must never reach a log, a problem body or a terminal: passwords, API
// keys, signing keys. Streaming or formatting it prints "***"; only Reveal() gives the value, so a
// grep for Reveal() finds every place a secret is used. A plain value type; not thread-safe.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  // The secret itself. Call it only where the value is handed to a driver or a crypto routine.
  const std::string& Reveal() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }

  // Always "***", whatever the value (even empty), so logs never reveal whether a secret is set.
  static constexpr std::string_view kMask = "***";

  friend bool operator==(const Secret&, const Secret&) = default;

 private:
  std::string value_;
};

std::ostream& operator<<(std::ostream& os, const Secret& s);

}  // namespace eda::config
