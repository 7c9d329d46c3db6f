#include "response_fields.hpp"

#include <charconv>

#include "eda/e2e/e2e_failure.hpp"

namespace eda::e2e {

void Fail(std::string_view what, const HttpResult& r) {
  throw E2eFailure(std::string(what) + ": " + r.Describe());
}

std::string StringAt(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return {};
  return std::string(v->as_string());
}

std::int64_t IntAt(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  if (v->is_string()) {
    std::int64_t n = 0;
    const auto s = v->as_string();
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec == std::errc{} && end == s.data() + s.size()) return n;
  }
  return 0;
}

}  // namespace eda::e2e
