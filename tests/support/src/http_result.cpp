#include "eda/e2e/http_result.hpp"

#include <boost/json/object.hpp>

#include "eda/httpclient/message.hpp"

namespace eda::e2e {

std::optional<std::string> HttpResult::Header(std::string_view name) const {
  const auto v = httpclient::FindHeader(headers, name);
  if (!v) return std::nullopt;
  return std::string(*v);
}

std::string HttpResult::ErrorCode() const {
  if (!json.is_object()) return {};
  const auto* code = json.as_object().if_contains("code");
  if (code == nullptr || !code->is_string()) return {};
  return std::string(code->as_string());
}

std::string HttpResult::Describe() const {
  std::string out = method + " " + url + " -> ";
  if (!answered()) return out + "no answer (" + error + ")";
  out += std::to_string(status);
  if (auto location = Header("Location")) out += " Location: " + *location;
  constexpr std::size_t kMax = 2048;
  if (!body.empty()) {
    out += " ";
    out += body.size() > kMax ? body.substr(0, kMax) + "...(" + std::to_string(body.size()) + " bytes)" : body;
  }
  return out;
}

}  // namespace eda::e2e
