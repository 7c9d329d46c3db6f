#pragma once

#include <string>
#include <vector>

#include "catalog/domain/product.hpp"

namespace eda::catalog {

// A product event as the domain decides it; events/ turns it into the wire message and topic.
struct ProductEvent {
  enum class Kind {
    kTagsAdded,    // topic product_tags_added, seed ProductTags{product_id, tags}
    kTagsRemoved,  // topic product_tags_removed
    kChanged,      // topic product-changed, ProductChanged
  };
  enum class Change { kCreated, kUpdated, kDeleted };

  Kind kind = Kind::kChanged;
  Change change = Change::kUpdated;  // for kChanged
  Product product;                   // the product after the change
  std::int64_t stock_version = 0;    // for kChanged: the ledger's version of product.stock
  std::vector<std::string> tags;     // for kTagsAdded / kTagsRemoved: the tags concerned
  // Deterministic, so re-emitting the same change (repair after a crash) is deduplicated by the
  // outbox's unique event id.
  std::string event_id;
};

}  // namespace eda::catalog
