#include "eda/http/method.hpp"

namespace eda::http {

std::string_view ToString(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

Method ParseMethod(std::string_view t) {
  if (t == "GET") return Method::kGet;
  if (t == "POST") return Method::kPost;
  if (t == "PUT") return Method::kPut;
  if (t == "DELETE") return Method::kDelete;
  if (t == "PATCH") return Method::kPatch;
  if (t == "HEAD") return Method::kHead;
  if (t == "OPTIONS") return Method::kOptions;
  return Method::kOther;
}

}  // namespace eda::http
