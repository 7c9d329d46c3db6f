#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "eda/http/headers.hpp"
#include "eda/http/problem.hpp"

namespace eda::http {

// What a handler returns. Either a ready body (Json/Text/Empty) or a Problem that the server
// serializes with the request path as `instance`. Content-Length, Connection, X-Request-Id and
// traceparent are set by the server. Value type; cheap to move.
class Response {
 public:
  Response() = default;  // 200, empty body
  Response(Problem problem);  // NOLINT(implicit): `co_return Problem::NotFound("...")` reads well

  // JSON body (application/json), serialized now.
  static Response Json(int status, const boost::json::value& body);
  static Response Json(const boost::json::value& body) { return Json(200, body); }
  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  // No body (e.g. 204 No Content, 202 Accepted).
  static Response Empty(int status = 204);

  int status() const noexcept { return status_; }
  const std::string& body() const noexcept { return body_; }
  std::string& body() noexcept { return body_; }
  const std::string& content_type() const noexcept { return content_type_; }
  const Headers& headers() const noexcept { return headers_; }
  Headers& headers() noexcept { return headers_; }
  // The problem this response carries, if it was made from one (until the server serializes it).
  const std::optional<Problem>& problem() const noexcept { return problem_; }

  Response& SetStatus(int status) { status_ = status; return *this; }
  Response& SetHeader(std::string_view name, std::string_view value) { headers_.Set(name, value); return *this; }

  // Turns a problem response into its final JSON body with `instance`; no-op otherwise. Called by
  // the server; idempotent.
  void RenderProblem(std::string_view instance);

 private:
  int status_ = 200;
  std::string content_type_;
  std::string body_;
  Headers headers_;
  std::optional<Problem> problem_;
};

}  // namespace eda::http
