#include "search/events/index_updater.hpp"

#include "eda/log/log.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::search {
namespace {

std::int64_t Ms(events::TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace

Result<ProductChange> DecodeProductChanged(std::string_view payload, std::int64_t produced_at_ms) {
  eda::events::v1::ProductChanged m;
  if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return Error::Permanent("events.undecodable", "not a ProductChanged message");
  }
  ProductChange c;
  switch (m.change_type()) {
    case eda::events::v1::ProductChanged::CREATED:
    case eda::events::v1::ProductChanged::UPDATED: c.kind = ChangeKind::kUpsert; break;
    case eda::events::v1::ProductChanged::DELETED: c.kind = ChangeKind::kDelete; break;
    default: return Error::Permanent("search.invalid_event", "ProductChanged without a change type");
  }
  c.product.product_id = m.product_id();
  c.product.seller_id = m.seller_id();
  c.product.name = m.product_name();
  c.product.price = m.product_price();
  c.product.stock = m.stock_count();
  c.product.tags.assign(m.tags().begin(), m.tags().end());
  if (m.changed_at().empty()) {
    c.version_ms = produced_at_ms;
  } else {
    auto t = events::ParseTimestamp(m.changed_at());
    if (!t) return Error::Permanent("search.invalid_event", "changed_at is not RFC 3339");
    c.version_ms = Ms(*t);
  }
  if (auto bad = ValidateChange(c)) return Error::Permanent("search.invalid_event", *bad);
  return c;
}

Result<TagChange> DecodeProductTags(std::string_view payload, TagOp op, std::int64_t produced_at_ms) {
  edaordersystem::protobuf::ProductTags m;
  if (!m.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return Error::Permanent("events.undecodable", "not a ProductTags message");
  }
  TagChange c;
  c.op = op;
  c.product_id = m.product_id();
  c.tags.assign(m.tags().begin(), m.tags().end());
  c.version_ms = produced_at_ms;
  if (auto bad = ValidateTagChange(c)) return Error::Permanent("search.invalid_event", *bad);
  return c;
}

Status IndexUpdater::Invalid(const events::IncomingEvent& ev, Error error) const {
  if (!skip_invalid_) return error;  // permanent: the consumer dead-letters it
  log::Warn("rebuild skips an invalid event",
            {{"topic", ev.topic}, {"partition", ev.partition}, {"offset", ev.offset}, {"error", error.message}});
  return {};
}

Status IndexUpdater::OnProductChanged(const events::IncomingEvent& ev) const {
  auto change = DecodeProductChanged(ev.payload, Ms(ev.envelope.produced_at));
  if (!change) return Invalid(ev, change.error());
  if (change->kind == ChangeKind::kDelete) {
    auto r = index_.ApplyDelete(change->product.product_id, change->version_ms, target_);
    if (!r) return r.error();
    return {};
  }
  auto r = index_.ApplyUpsert(MakeDocument(*change), target_);
  if (!r) return r.error();
  return {};
}

Status IndexUpdater::OnTags(const events::IncomingEvent& ev, TagOp op) const {
  auto change = DecodeProductTags(ev.payload, op, Ms(ev.envelope.produced_at));
  if (!change) return Invalid(ev, change.error());
  auto r = index_.ApplyTags(*change, target_);
  if (!r) return r.error();
  return {};
}

void IndexUpdater::SubscribeAll(events::Consumer& consumer) const {
  consumer.Subscribe(std::string(saga::kProductChanged), [this](const events::IncomingEvent& ev) { return OnProductChanged(ev); });
  consumer.Subscribe(std::string(saga::kProductTagsAdded), [this](const events::IncomingEvent& ev) { return OnTagsAdded(ev); });
  consumer.Subscribe(std::string(saga::kProductTagsRemoved), [this](const events::IncomingEvent& ev) { return OnTagsRemoved(ev); });
}

}  // namespace eda::search
