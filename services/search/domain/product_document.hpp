#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace eda::search {

// What the search read model knows of one product (fed by product-changed).
struct ProductSummary {
  std::int64_t product_id = 0;
  std::string name;
  std::int64_t price = 0;
  std::int64_t stock = 0;
  std::int64_t seller_id = 0;
  std::vector<std::string> tags;  // normalized (see NormalizeTag), in event order
  friend bool operator==(const ProductSummary&, const ProductSummary&) = default;
};

// A product-changed event in domain terms.
enum class ChangeKind { kUpsert, kDelete };
struct ProductChange {
  ChangeKind kind = ChangeKind::kUpsert;
  ProductSummary product;
  std::int64_t version_ms = 0;  // when the change happened (changed_at, ms since epoch): the ordering key
};

// A seed ProductTags event (product_tags_added / product_tags_removed) in domain terms.
enum class TagOp { kAdd, kRemove };
struct TagChange {
  TagOp op = TagOp::kAdd;
  std::int64_t product_id = 0;
  std::vector<std::string> tags;  // exactly as sent (the seed keys are the raw tag strings)
  std::int64_t version_ms = 0;    // event time (produced-at / record timestamp)
};

// Everything the index must write for one upserted product: the summary plus its derived terms.
// Deletion needs no document: the store removes whatever it recorded for the product.
struct IndexDocument {
  ProductSummary product;
  std::vector<std::string> words;   // whole words of the name ("w" index, relevance)
  std::vector<std::string> terms;   // prefix terms of the name ("tok" index, matching)
  std::int64_t version_ms = 0;
};

// Tag as used by the read model's own tag index: trimmed, ASCII lower-cased. Empty: not indexable.
std::string NormalizeTag(std::string_view tag);

// Builds the document of an upsert (pure): normalized, de-duplicated tags; name words and terms.
IndexDocument MakeDocument(const ProductChange& change);

// Validates a change before it is applied. nullopt when fine, else why it cannot be applied (a
// permanent error: the event goes to the DLQ).
std::optional<std::string> ValidateChange(const ProductChange& change);
std::optional<std::string> ValidateTagChange(const TagChange& change);

}  // namespace eda::search
