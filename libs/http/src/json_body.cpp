#include "eda/http/json_body.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include <boost/json/parse.hpp>

#include "eda/core/text.hpp"

namespace eda::http {
namespace {

// The first key that occurs twice in one object of `text`, which must be valid JSON (Boost.JSON
// keeps only the last of duplicates, so `{"count":1,"count":1000}` would silently mean 1000 to us
// and 1 to a parser that keeps the first). Keys are compared decoded ("a" and "\u0061" are one).
std::optional<std::string> FirstDuplicateKey(std::string_view text) {
  struct Level {
    bool object = false;
    bool expect_key = false;
    std::unordered_set<std::string> keys;
  };
  std::vector<Level> levels;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      std::size_t end = i + 1;
      bool escaped = false;
      for (; end < text.size() && text[end] != '"'; ++end) {
        if (text[end] == '\\') {
          escaped = true;
          ++end;
        }
      }
      if (!levels.empty() && levels.back().object && levels.back().expect_key) {
        const std::string_view token = text.substr(i, end - i + 1);
        std::string key = escaped ? std::string(boost::json::parse(token).as_string())
                                  : std::string(token.substr(1, token.size() - 2));
        if (!levels.back().keys.insert(key).second) return key;
        levels.back().expect_key = false;
      }
      i = end;
    } else if (c == '{') {
      levels.push_back(Level{true, true, {}});
    } else if (c == '[') {
      levels.push_back(Level{});
    } else if (c == '}' || c == ']') {
      if (!levels.empty()) levels.pop_back();
    } else if (c == ',' && !levels.empty() && levels.back().object) {
      levels.back().expect_key = true;
    }
  }
  return std::nullopt;
}

// The key as it may appear in a problem detail: short printable ASCII only.
std::string Printable(std::string_view key) {
  const bool printable = key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char ch) {
                           return ch >= 0x20 && ch < 0x7F;
                         });
  return printable ? "\"" + std::string(key) + "\"" : "a key";
}

}  // namespace


JsonBody::JsonBody(std::shared_ptr<boost::json::value> root, const boost::json::object* object,
                   std::shared_ptr<std::vector<FieldError>> errors, std::string prefix)
    : root_(std::move(root)), object_(object), errors_(std::move(errors)), prefix_(std::move(prefix)) {}

Result<JsonBody, Problem> JsonBody::Parse(std::string_view body) {
  boost::system::error_code ec;
  auto root = std::make_shared<boost::json::value>(boost::json::parse(body, ec));
  if (ec) {
    return Problem::BadRequest("request body is not valid JSON: " + ec.message(), "malformed_json");
  }
  if (!root->is_object()) return Problem::BadRequest("request body must be a JSON object", "invalid_body");
  if (auto key = FirstDuplicateKey(body)) {
    return Problem::BadRequest("request body has " + Printable(*key) + " twice in one object", "duplicate_key");
  }
  const boost::json::object* obj = &root->get_object();
  return JsonBody(std::move(root), obj, std::make_shared<std::vector<FieldError>>(), "");
}

std::string JsonBody::PathOf(std::string_view field) const {
  if (prefix_.empty()) return std::string(field);
  return prefix_ + "." + std::string(field);
}

void JsonBody::AddError(std::string_view field, std::string message) {
  errors_->push_back(FieldError{PathOf(field), std::move(message)});
}

const boost::json::value* JsonBody::Raw(std::string_view field) const {
  if (object_ == nullptr) return nullptr;
  return object_->if_contains(field);
}

const boost::json::value* JsonBody::Find(std::string_view field, bool required) {
  if (object_ == nullptr) return nullptr;  // parent already reported
  const auto* v = object_->if_contains(field);
  if (v == nullptr || v->is_null()) {
    if (required) AddError(field, "is required");
    return nullptr;
  }
  return v;
}

namespace {

bool CheckString(JsonBody& b, std::string_view field, const std::string& s, const StringRule& rule) {
  if (s.size() < rule.min_length) {
    b.AddError(field, rule.min_length == 1 ? "must not be empty"
                                           : "must be at least " + std::to_string(rule.min_length) + " characters");
    return false;
  }
  if (s.size() > rule.max_length) {
    b.AddError(field, "must be at most " + std::to_string(rule.max_length) + " characters");
    return false;
  }
  if (HasControlCharacter(s)) {
    b.AddError(field, "must not contain control characters (such as NUL, CR, LF or TAB)");
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> JsonBody::OptionalString(std::string_view field, StringRule rule) {
  const auto* v = Find(field, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    AddError(field, "must be a string");
    return std::nullopt;
  }
  std::string s(v->get_string());
  if (!CheckString(*this, field, s, rule)) return std::nullopt;
  return s;
}

std::string JsonBody::String(std::string_view field, StringRule rule) {
  if (Find(field, true) == nullptr) return {};
  return OptionalString(field, rule).value_or(std::string());
}

std::optional<std::int64_t> JsonBody::OptionalInt(std::string_view field, IntRule rule) {
  const auto* v = Find(field, false);
  if (v == nullptr) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else {
    AddError(field, v->is_uint64() ? "is out of range" : "must be an integer");
    return std::nullopt;
  }
  if (n < rule.min) {
    AddError(field, "must be >= " + std::to_string(rule.min));
    return std::nullopt;
  }
  if (n > rule.max) {
    AddError(field, "must be <= " + std::to_string(rule.max));
    return std::nullopt;
  }
  return n;
}

std::int64_t JsonBody::Int(std::string_view field, IntRule rule) {
  if (Find(field, true) == nullptr) return 0;
  return OptionalInt(field, rule).value_or(0);
}

std::optional<double> JsonBody::OptionalNumber(std::string_view field) {
  const auto* v = Find(field, false);
  if (v == nullptr) return std::nullopt;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  AddError(field, "must be a number");
  return std::nullopt;
}

double JsonBody::Number(std::string_view field) {
  if (Find(field, true) == nullptr) return 0;
  return OptionalNumber(field).value_or(0);
}

std::optional<bool> JsonBody::OptionalBool(std::string_view field) {
  const auto* v = Find(field, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    AddError(field, "must be a boolean");
    return std::nullopt;
  }
  return v->get_bool();
}

bool JsonBody::Bool(std::string_view field) {
  if (Find(field, true) == nullptr) return false;
  return OptionalBool(field).value_or(false);
}

JsonBody JsonBody::Object(std::string_view field) {
  const auto* v = Find(field, true);
  const boost::json::object* obj = nullptr;
  if (v != nullptr) {
    if (v->is_object()) obj = &v->get_object();
    else AddError(field, "must be an object");
  }
  return JsonBody(root_, obj, errors_, PathOf(field));
}

const boost::json::array* JsonBody::Array(std::string_view field) {
  const auto* v = Find(field, true);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    AddError(field, "must be an array");
    return nullptr;
  }
  return &v->get_array();
}

}  // namespace eda::http
