#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eda::http {

// An ordered list of HTTP header fields with case-insensitive name lookup. Small (a vector): a
// request has a handful of fields, so a linear scan beats a map. Value type; not thread-safe.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // The first value of `name`, or an empty view when absent.
  std::string_view Get(std::string_view name) const noexcept;
  bool Has(std::string_view name) const noexcept;
  // Replaces every field named `name` by one field.
  void Set(std::string_view name, std::string_view value);
  // Appends a field (repeated names allowed, e.g. Set-Cookie).
  void Add(std::string_view name, std::string_view value);
  void Remove(std::string_view name);

  const std::vector<Field>& fields() const noexcept { return fields_; }
  bool empty() const noexcept { return fields_.empty(); }
  void reserve(std::size_t n) { fields_.reserve(n); }

 private:
  std::vector<Field> fields_;
};

// ASCII case-insensitive equality, as HTTP field names require.
bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept;

}  // namespace eda::http
