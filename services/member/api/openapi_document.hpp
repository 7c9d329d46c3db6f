#pragma once

#include <string_view>

namespace eda::member {

// The OpenAPI 3.1 document of the member service (api/openapi.json), compiled into the binary and
// served at /openapi.json. Static storage; thread-safe.
std::string_view OpenApiDocument();

}  // namespace eda::member
