#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace eda::carrier_sim {

// Generated from api/openapi.json by eda_embed_texts (CMakeLists.txt).
const std::vector<std::pair<std::string_view, std::string_view>>& EmbeddedTexts();

// The simulator's OpenAPI 3.1 document (api/openapi.json), compiled in; served at /openapi.json.
inline std::string_view OpenApiDocument() { return EmbeddedTexts().at(0).second; }

}  // namespace eda::carrier_sim
