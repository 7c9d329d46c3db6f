#pragma once

#include <optional>

#include "eda/http/request.hpp"
#include "eda/http/response.hpp"
#include "eda/http/server_settings.hpp"

namespace eda::http {

// Applies CorsSettings. Immutable after construction; thread-safe.
class CorsPolicy {
 public:
  explicit CorsPolicy(CorsSettings settings);

  bool enabled() const noexcept { return !settings_.allowed_origins.empty(); }
  bool IsOriginAllowed(std::string_view origin) const noexcept;
  // For an OPTIONS request with Origin and Access-Control-Request-Method from an allowed origin:
  // the 204 preflight answer. nullopt for anything else (route it normally).
  std::optional<Response> Preflight(const Request& req) const;
  // Adds Access-Control-Allow-Origin (and Vary, Expose-Headers, credentials) when the request's
  // Origin is allowed.
  void Decorate(const Request& req, Response& res) const;

 private:
  CorsSettings settings_;
  bool any_origin_ = false;
};

}  // namespace eda::http
