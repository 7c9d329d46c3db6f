#pragma once

#include <string>
#include <string_view>

#include "eda/core/result.hpp"
#include "eda/events/consumer.hpp"
#include "eda/saga/topics.hpp"
#include "search/domain/product_document.hpp"
#include "search/domain/search_index.hpp"

namespace eda::search {

// Decoding (pure). Errors are permanent "events.undecodable" / "search.invalid_event".
// ProductChanged: version = changed_at (RFC 3339) or, when empty, the event's produced-at.
Result<ProductChange> DecodeProductChanged(std::string_view payload, std::int64_t produced_at_ms);
// ProductTags: version = the event's produced-at (the record timestamp for seed producers).
Result<TagChange> DecodeProductTags(std::string_view payload, TagOp op, std::int64_t produced_at_ms);

// Applies consumed events to the index: the consumer handlers of the three topics. Effects are
// idempotent and version-guarded (see SearchIndex), so redelivery and reordering are harmless.
// Thread-safe if the index is.
class IndexUpdater {
 public:
  // `skip_invalid`: acknowledge undecodable/invalid events instead of dead-lettering them (a rebuild
  // replays what the live consumer already dead-lettered).
  IndexUpdater(SearchIndex& index, IndexTarget target, bool skip_invalid = false)
      : index_(index), target_(std::move(target)), skip_invalid_(skip_invalid) {}

  Status OnProductChanged(const events::IncomingEvent& ev) const;
  Status OnTagsAdded(const events::IncomingEvent& ev) const { return OnTags(ev, TagOp::kAdd); }
  Status OnTagsRemoved(const events::IncomingEvent& ev) const { return OnTags(ev, TagOp::kRemove); }

  // Subscribes the three handlers on `consumer` (before Start). `this` must outlive the consumer.
  void SubscribeAll(events::Consumer& consumer) const;

 private:
  Status OnTags(const events::IncomingEvent& ev, TagOp op) const;
  Status Invalid(const events::IncomingEvent& ev, Error error) const;

  SearchIndex& index_;
  IndexTarget target_;
  bool skip_invalid_;
};

}  // namespace eda::search
