#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/domain/catalog_error.hpp"
#include "catalog/domain/product.hpp"

namespace eda::catalog {

// Limits of a product's fields. Lengths of names count UTF-8 code points, not bytes.
inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::size_t kMaxDescriptionLength = 4000;
inline constexpr std::size_t kMaxTags = 20;
inline constexpr std::size_t kMaxTagLength = 50;
// Prices (KRW) and stock counts above these are typing errors or attacks: a price near 2^63 would
// overflow price x count in every consumer that multiplies.
inline constexpr std::int64_t kMaxPrice = 1'000'000'000;
inline constexpr std::int64_t kMaxStock = 1'000'000'000;

// Number of UTF-8 code points in `s` (bytes that are not continuation bytes). Pure.
std::size_t Utf8Length(std::string_view s) noexcept;

// Tags as stored and published: each trimmed of ASCII white space and ASCII-lower-cased, empty ones
// dropped, duplicates removed, sorted. Appends a FieldError to `errors` (field "tags") for more than
// kMaxTags distinct tags or a tag longer than kMaxTagLength; the result is then meaningless. Pure.
std::vector<std::string> NormalizeTags(const std::vector<std::string>& raw, std::vector<FieldError>& errors);

// Field rules of a registration: name 1..200, description <= 4000, price 1..kMaxPrice, stock
// 0..kMaxStock, tags as above. Returns the per-field errors (empty: valid). Pure.
std::vector<FieldError> ValidateDraft(const ProductDraft& draft);

// Field rules of an update (only the fields present are checked). Pure.
std::vector<FieldError> ValidatePatch(const ProductPatch& patch);

// The tags added and removed between two normalized (sorted, unique) tag lists. Pure.
struct TagDiff {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  bool empty() const noexcept { return added.empty() && removed.empty(); }
};
TagDiff DiffTags(const std::vector<std::string>& before, const std::vector<std::string>& after);

}  // namespace eda::catalog
