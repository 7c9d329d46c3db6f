#include "eda/http/openapi_check.hpp"

#include <boost/json/parse.hpp>

namespace eda::http {
namespace {

// "/a/{x}/b" → "/a/{}/b": parameter names do not matter for matching.
std::string Shape(std::string_view path) {
  std::string out;
  bool in_param = false;
  for (char c : path) {
    if (c == '{') {
      in_param = true;
      out += "{}";
    } else if (c == '}') {
      in_param = false;
    } else if (!in_param) {
      out.push_back(c);
    }
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string LowerMethod(Method m) {
  std::string s(ToString(m));
  for (auto& c : s) c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

Result<std::vector<std::string>> UndocumentedRoutes(const Router& router, std::string_view openapi_json) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(openapi_json, ec);
  if (ec) return Error::Permanent("openapi.invalid", "OpenAPI document is not JSON: " + ec.message());
  const auto* paths = doc.is_object() ? doc.get_object().if_contains("paths") : nullptr;
  if (paths == nullptr || !paths->is_object()) {
    return Error::Permanent("openapi.invalid", "OpenAPI document has no 'paths' object");
  }
  std::vector<std::string> missing;
  for (const Route* r : router.routes()) {
    bool found = false;
    for (const auto& [key, item] : paths->get_object()) {
      if (Shape(key) != Shape(r->pattern) || !item.is_object()) continue;
      if (item.get_object().contains(LowerMethod(r->method))) found = true;
    }
    if (!found) missing.push_back(std::string(ToString(r->method)) + " " + r->pattern);
  }
  return missing;
}

}  // namespace eda::http
