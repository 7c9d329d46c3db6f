#include "eda/http/cors_policy.hpp"

#include <algorithm>

namespace eda::http {

CorsPolicy::CorsPolicy(CorsSettings settings) : settings_(std::move(settings)) {
  any_origin_ = std::find(settings_.allowed_origins.begin(), settings_.allowed_origins.end(), "*") !=
                settings_.allowed_origins.end();
}

bool CorsPolicy::IsOriginAllowed(std::string_view origin) const noexcept {
  if (origin.empty() || !enabled()) return false;
  if (any_origin_) return true;
  return std::find(settings_.allowed_origins.begin(), settings_.allowed_origins.end(), origin) !=
         settings_.allowed_origins.end();
}

std::optional<Response> CorsPolicy::Preflight(const Request& req) const {
  if (req.method() != Method::kOptions) return std::nullopt;
  auto origin = req.header("Origin");
  if (req.header("Access-Control-Request-Method").empty() || !IsOriginAllowed(origin)) return std::nullopt;
  Response res = Response::Empty(204);
  res.SetHeader("Access-Control-Allow-Methods", settings_.allowed_methods);
  auto requested = req.header("Access-Control-Request-Headers");
  res.SetHeader("Access-Control-Allow-Headers", requested.empty() ? std::string_view(settings_.allowed_headers) : requested);
  res.SetHeader("Access-Control-Max-Age", std::to_string(settings_.max_age_seconds));
  Decorate(req, res);
  return res;
}

void CorsPolicy::Decorate(const Request& req, Response& res) const {
  auto origin = req.header("Origin");
  if (!IsOriginAllowed(origin)) return;
  // Echo the origin (rather than "*") when credentials are allowed or the list is explicit.
  if (any_origin_ && !settings_.allow_credentials) {
    res.SetHeader("Access-Control-Allow-Origin", "*");
  } else {
    res.SetHeader("Access-Control-Allow-Origin", origin);
    res.SetHeader("Vary", "Origin");
  }
  if (settings_.allow_credentials) res.SetHeader("Access-Control-Allow-Credentials", "true");
  if (!settings_.exposed_headers.empty()) res.SetHeader("Access-Control-Expose-Headers", settings_.exposed_headers);
}

}  // namespace eda::http
