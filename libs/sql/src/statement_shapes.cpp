#include "eda/sql/statement_shapes.hpp"

namespace eda::sql {

std::string Placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ", ?";
  return s;
}

std::string RowPlaceholders(std::size_t rows, std::size_t columns) {
  const std::string row = "(" + Placeholders(columns) + ")";
  std::string s;
  for (std::size_t i = 0; i < rows; ++i) s += (i == 0 ? "" : ", ") + row;
  return s;
}

std::size_t ChunkRows(std::size_t remaining, std::size_t max) {
  std::size_t chunk = 1;
  while (chunk * 2 <= remaining && chunk * 2 <= max) chunk *= 2;
  return chunk;
}

std::size_t InListWidth(std::size_t remaining, std::size_t max) {
  std::size_t width = 1;
  while (width < remaining && width * 2 <= max) width *= 2;
  return width;
}

}  // namespace eda::sql
