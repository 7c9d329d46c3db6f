#pragma once

#include <cstdint>
#include <string_view>

namespace eda::http {

// The request methods the router knows; anything else parses as kOther (answered 405/404).
enum class Method : std::uint8_t { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view ToString(Method m);
// Exact, case-sensitive (RFC 9110: method names are case-sensitive).
Method ParseMethod(std::string_view text);

}  // namespace eda::http
