#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace eda::search {

// {file name, text} of api/openapi.json, compiled in by eda_embed_texts (CMakeLists.txt).
const std::vector<std::pair<std::string_view, std::string_view>>& EmbeddedOpenApi();

inline std::string_view OpenApiDocument() { return EmbeddedOpenApi().front().second; }

}  // namespace eda::search
