#include "eda/http/response.hpp"

#include <boost/json/serialize.hpp>

namespace eda::http {

Response::Response(Problem problem)
    : status_(problem.status), content_type_(kProblemContentType), problem_(std::move(problem)) {}

Response Response::Json(int status, const boost::json::value& body) {
  Response r;
  r.status_ = status;
  r.content_type_ = "application/json";
  r.body_ = boost::json::serialize(body);
  return r;
}

Response Response::Text(int status, std::string body, std::string content_type) {
  Response r;
  r.status_ = status;
  r.content_type_ = std::move(content_type);
  r.body_ = std::move(body);
  return r;
}

Response Response::Empty(int status) {
  Response r;
  r.status_ = status;
  return r;
}

void Response::RenderProblem(std::string_view instance) {
  if (!problem_) return;
  status_ = problem_->status;
  content_type_ = kProblemContentType;
  body_ = problem_->ToJson(instance);
  problem_.reset();
}

}  // namespace eda::http
