#pragma once

// Shapes of statements that take many rows or ids at once, so that a handful of distinct prepared
// statements serves every count (each connection caches its prepared statements). Pure.

#include <cstddef>
#include <string>

namespace eda::sql {

// "?, ?, ?": `n` placeholders.
std::string Placeholders(std::size_t n);

// "(?, ?), (?, ?)": `rows` groups of `columns` placeholders, for a multi-row INSERT.
std::string RowPlaceholders(std::size_t rows, std::size_t columns);

// Rows for the next multi-row statement with `remaining` rows left: the largest power of two not
// above `remaining` (1 if none), capped at `max`. Writing 13 rows takes 8 + 4 + 1.
std::size_t ChunkRows(std::size_t remaining, std::size_t max);

// Width of the next IN list with `remaining` ids left: the smallest power of two not below
// `remaining`, capped at `max`; the caller fills the list by repeating its last id (harmless in IN).
std::size_t InListWidth(std::size_t remaining, std::size_t max);

}  // namespace eda::sql
