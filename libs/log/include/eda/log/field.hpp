#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace eda::log {

// One key=value pair of a log line. The value is rendered at construction; keys must be plain
// identifiers (letters, digits, '_', '.'). Never pass a secret (config::Secret has no conversion).
struct Field {
  std::string_view key;
  std::string value;

  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v ? "true" : "false") {}
  template <class T>
    requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>)
  Field(std::string_view k, T v) : key(k), value(std::to_string(v)) {}
};

}  // namespace eda::log
