#include "eda/http/headers.hpp"

#include <algorithm>

namespace eda::http {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view Headers::Get(std::string_view name) const noexcept {
  for (const auto& [k, v] : fields_) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

bool Headers::Has(std::string_view name) const noexcept {
  return std::any_of(fields_.begin(), fields_.end(), [&](const Field& f) { return EqualsIgnoreCase(f.first, name); });
}

void Headers::Set(std::string_view name, std::string_view value) {
  Remove(name);
  fields_.emplace_back(std::string(name), std::string(value));
}

void Headers::Add(std::string_view name, std::string_view value) { fields_.emplace_back(std::string(name), std::string(value)); }

void Headers::Remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& f) { return EqualsIgnoreCase(f.first, name); });
}

}  // namespace eda::http
