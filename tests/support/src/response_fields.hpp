#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "eda/e2e/http_result.hpp"

// Reading the stack's JSON answers, shared by the clients of this library (not part of its API).
namespace eda::e2e {

// Throws E2eFailure naming `what` and the answer (status and body).
[[noreturn]] void Fail(std::string_view what, const HttpResult& r);

// The string at `key`; empty when it is missing or not a string.
std::string StringAt(const boost::json::object& o, std::string_view key);

// The number at `key`, also when it is sent as a decimal string (as the seed's longs may be);
// 0 when it is missing or not a number.
std::int64_t IntAt(const boost::json::object& o, std::string_view key);

}  // namespace eda::e2e
