#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "eda/core/result.hpp"
#include "eda/http/problem.hpp"

namespace eda::http {

// Range of an integer field (inclusive). IntRule::AtLeast(0), IntRule::Between(1, 100).
struct IntRule {
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
  static IntRule AtLeast(std::int64_t min) { return IntRule{min, std::numeric_limits<std::int64_t>::max()}; }
  static IntRule Between(std::int64_t min, std::int64_t max) { return IntRule{min, max}; }
};
// Length (bytes) of a string field. StringRule::NonEmpty(), StringRule::Length(1, 100).
struct StringRule {
  std::size_t min_length = 0;  // 1 = must not be empty
  std::size_t max_length = std::numeric_limits<std::size_t>::max();
  static StringRule NonEmpty() { return StringRule{1, std::numeric_limits<std::size_t>::max()}; }
  static StringRule Length(std::size_t min, std::size_t max) { return StringRule{min, max}; }
};

// Typed extraction of fields from a JSON object request body, collecting one FieldError per bad
// field (named with its dotted path) instead of failing at the first:
//
//   auto body = JsonBody::Parse(req.body());
//   if (!body.ok()) co_return body.error();                 // 400 malformed_json / invalid_body
//   auto name  = body->String("name", StringRule::NonEmpty());
//   auto price = body->Int("price", IntRule::AtLeast(0));
//   auto addr  = body->Object("address");                   // nested: errors say "address.city"
//   auto city  = addr.String("city");
//   if (!body->ok()) co_return body->ToProblem();           // 400 validation_failed, errors:[...]
//
// Required getters record "is required" (absent or null) or "must be a <type>" and return a default
// value; Optional* return nullopt for absent/null. Integers must be JSON integers (1.0 and "1" are
// rejected). Strings must not contain control characters (eda::HasControlCharacter): NUL, CR/LF and the
// rest have no place in a name, tag, address or token, and would split logs, headers or CSV lines.
// Not thread-safe; children made by Object() share the parent's error list and document.
class JsonBody {
 public:
  // 400 problem "malformed_json" (detail says where parsing failed) when not JSON; "invalid_body"
  // when the top level is not an object; "duplicate_key" when any object in it (nested ones too)
  // has a key twice (parsers disagree on which one wins).
  static Result<JsonBody, Problem> Parse(std::string_view body);

  std::string String(std::string_view field, StringRule rule = {});
  std::optional<std::string> OptionalString(std::string_view field, StringRule rule = {});
  std::int64_t Int(std::string_view field, IntRule rule = {});
  std::optional<std::int64_t> OptionalInt(std::string_view field, IntRule rule = {});
  double Number(std::string_view field);
  std::optional<double> OptionalNumber(std::string_view field);
  bool Bool(std::string_view field);
  std::optional<bool> OptionalBool(std::string_view field);
  // A nested object (required); when missing/wrong its getters report nothing further.
  JsonBody Object(std::string_view field);
  // A nested array (required); nullptr (and an error recorded) when missing or not an array.
  const boost::json::array* Array(std::string_view field);
  // The raw value, or nullptr when absent. Records nothing.
  const boost::json::value* Raw(std::string_view field) const;

  // Records a custom rule violation for `field` (relative to this object).
  void AddError(std::string_view field, std::string message);

  bool ok() const noexcept { return errors_->empty(); }
  const std::vector<FieldError>& errors() const noexcept { return *errors_; }
  // 400 "validation_failed" listing every error.
  Problem ToProblem() const { return Problem::Validation(*errors_); }

  // The full field name ("address.city") for `field` in this object.
  std::string PathOf(std::string_view field) const;

 private:
  JsonBody(std::shared_ptr<boost::json::value> root, const boost::json::object* object,
           std::shared_ptr<std::vector<FieldError>> errors, std::string prefix);
  // Looks up a field; records "is required" when absent/null and required.
  const boost::json::value* Find(std::string_view field, bool required);

  std::shared_ptr<boost::json::value> root_;
  const boost::json::object* object_ = nullptr;  // null: a missing nested object (getters are silent)
  std::shared_ptr<std::vector<FieldError>> errors_;
  std::string prefix_;
};

}  // namespace eda::http
