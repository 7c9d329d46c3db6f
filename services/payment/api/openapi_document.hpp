#pragma once

#include <string_view>

namespace eda::payment {

// api/openapi.json, compiled into the binary.
std::string_view OpenApiDocument();

}  // namespace eda::payment
