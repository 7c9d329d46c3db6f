#pragma once

#include <string_view>

namespace eda::catalog {

// The OpenAPI 3.1 document of the catalog service (api/openapi.json), compiled into the binary and
// served at /openapi.json. Static storage; thread-safe.
std::string_view OpenApiDocument();

}  // namespace eda::catalog
