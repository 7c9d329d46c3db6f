#include "eda/http/problem.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace eda::http {

Problem Problem::Make(int status, std::string code, std::string detail) {
  Problem p;
  p.status = status;
  p.code = std::move(code);
  p.detail = std::move(detail);
  return p;
}

Problem Problem::BadRequest(std::string detail, std::string code) { return Make(400, std::move(code), std::move(detail)); }

Problem Problem::Validation(std::vector<FieldError> errors) {
  Problem p = Make(400, "validation_failed", "the request body has invalid fields");
  p.errors = std::move(errors);
  return p;
}

Problem Problem::Unauthorized(std::string detail) { return Make(401, "unauthorized", std::move(detail)); }
Problem Problem::Forbidden(std::string detail) { return Make(403, "forbidden", std::move(detail)); }
Problem Problem::NotFound(std::string detail) { return Make(404, "not_found", std::move(detail)); }
Problem Problem::Conflict(std::string detail, std::string code) { return Make(409, std::move(code), std::move(detail)); }

Problem Problem::Internal(std::string error_id) {
  Problem p = Make(500, "internal_error", "an unexpected error occurred; quote the errorId when reporting it");
  p.error_id = std::move(error_id);
  return p;
}

std::string Problem::ToJson(std::string_view instance) const {
  boost::json::object o;
  o["type"] = type.empty() ? "urn:eda:problem:" + code : type;
  o["title"] = title.empty() ? std::string(ReasonPhrase(status)) : title;
  o["status"] = status;
  o["detail"] = detail;
  o["instance"] = instance;
  o["code"] = code;
  if (!errors.empty()) {
    boost::json::array arr;
    arr.reserve(errors.size());
    for (const auto& e : errors) arr.push_back(boost::json::object{{"field", e.field}, {"message", e.message}});
    o["errors"] = std::move(arr);
  }
  if (!error_id.empty()) o["errorId"] = error_id;
  return boost::json::serialize(o);
}

std::string_view ReasonPhrase(int status) noexcept {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

}  // namespace eda::http
