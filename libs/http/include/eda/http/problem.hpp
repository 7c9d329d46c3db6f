#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eda::http {

// One invalid input field of a 400 problem: {"field": "price", "message": "must be >= 0"}.
// Nested fields use dots ("address.zipCode"), array items brackets ("items[2].quantity").
struct FieldError {
  std::string field;
  std::string message;
};

// An RFC 9457 problem: every error response of every service is one, serialized as
// application/problem+json:
//   {"type":"urn:eda:problem:not_found","title":"Not Found","status":404,"detail":"...",
//    "instance":"/catalog/products/7","code":"not_found", "errors":[...], "errorId":"..."}
// `code` is the stable machine-readable identifier clients switch on (snake_case, owned by the
// service's error table); `type` defaults to "urn:eda:problem:<code>", `title` to the status phrase.
// `errors` appears only when non-empty (validation), `errorId` only for 500s (the id is logged with
// the exception). Handlers may `co_return` a Problem: it converts to a Response and the server fills
// `instance` with the request path. Value type.
struct Problem {
  int status = 500;
  std::string code = "internal_error";
  std::string detail;
  std::string title;  // empty: ReasonPhrase(status)
  std::string type;   // empty: "urn:eda:problem:" + code
  std::vector<FieldError> errors;
  std::string error_id;

  static Problem Make(int status, std::string code, std::string detail);
  static Problem BadRequest(std::string detail, std::string code = "bad_request");
  // 400 "validation_failed" with one entry per invalid field.
  static Problem Validation(std::vector<FieldError> errors);
  static Problem Unauthorized(std::string detail);  // 401 "unauthorized"
  static Problem Forbidden(std::string detail);     // 403 "forbidden"
  static Problem NotFound(std::string detail);      // 404 "not_found"
  static Problem Conflict(std::string detail, std::string code = "conflict");
  // 500 "internal_error" with a generic detail (never the exception text) and the logged id.
  static Problem Internal(std::string error_id);

  // The JSON body; `instance` is the request path (may be empty).
  std::string ToJson(std::string_view instance) const;
};

inline constexpr std::string_view kProblemContentType = "application/problem+json";

// "Not Found" for 404 etc.; "Unknown" for codes without a phrase.
std::string_view ReasonPhrase(int status) noexcept;

}  // namespace eda::http
