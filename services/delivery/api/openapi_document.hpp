#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace eda::delivery {

// Generated from api/openapi.json by eda_embed_texts (CMakeLists.txt).
const std::vector<std::pair<std::string_view, std::string_view>>& DeliveryOpenApiFiles();

// The service's OpenAPI 3.1 document, compiled in; served at /openapi.json.
inline std::string_view OpenApiDocument() { return DeliveryOpenApiFiles().at(0).second; }

}  // namespace eda::delivery
