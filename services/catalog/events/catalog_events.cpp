#include "catalog/events/catalog_events.hpp"

#include <cstdio>
#include <ctime>

#include "eda/sql/migrations.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::catalog {

std::string EventIdFor(std::string_view name) {
  // SHA-256 of the name (libs/sql's checksum helper), shaped as a UUID (version 8, RFC 9562 variant):
  // the outbox's event_id column holds 36 characters.
  std::string h = sql::MigrationChecksum(name);
  h[12] = '8';
  h[16] = "89ab"[std::string_view("0123456789abcdef").find(h[16]) % 4];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20, 12);
}

std::string Rfc3339(TimePoint t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

events::OutgoingEvent ToOutgoing(const ProductEvent& event) {
  const std::string key = std::to_string(event.product.id.value());
  events::OutgoingEvent out;
  if (event.kind == ProductEvent::Kind::kChanged) {
    eda::events::v1::ProductChanged m;
    m.set_product_id(event.product.id.value());
    m.set_seller_id(event.product.seller_id.value());
    switch (event.change) {
      case ProductEvent::Change::kCreated: m.set_change_type(eda::events::v1::ProductChanged::CREATED); break;
      case ProductEvent::Change::kUpdated: m.set_change_type(eda::events::v1::ProductChanged::UPDATED); break;
      case ProductEvent::Change::kDeleted: m.set_change_type(eda::events::v1::ProductChanged::DELETED); break;
    }
    m.set_product_name(event.product.name);
    m.set_product_price(event.product.price);
    m.set_stock_count(event.product.stock);
    m.set_stock_version(event.stock_version);
    for (const auto& t : event.product.tags) m.add_tags(t);
    m.set_changed_at(Rfc3339(event.change == ProductEvent::Change::kDeleted && event.product.deleted_at
                                 ? *event.product.deleted_at
                                 : event.product.updated_at));
    out = events::OutgoingEvent::Of(std::string(saga::kProductChanged), key, m, std::string(kSource));
  } else {
    edaordersystem::protobuf::ProductTags m;
    m.set_product_id(event.product.id.value());
    for (const auto& t : event.tags) m.add_tags(t);
    const std::string_view topic = event.kind == ProductEvent::Kind::kTagsAdded ? saga::kProductTagsAdded : saga::kProductTagsRemoved;
    out = events::OutgoingEvent::Of(std::string(topic), key, m, std::string(kSource));
  }
  out.event_id = EventIdFor(event.event_id);
  return out;
}

events::OutgoingEvent DeliveryRequestEvent(const edaordersystem::protobuf::stockCountRequestV1& r, std::string trace_id) {
  edaordersystem::protobuf::deliveryRequestV1 m;
  m.set_order_id(r.order_id());
  m.set_order_name(r.order_name());
  m.set_address(r.address());
  m.set_delivery_company(r.delivery_company());
  m.set_product_count(r.decrement_stock_count());
  m.set_member_id(r.member_id());
  m.set_payment_key(r.payment_key());
  m.set_approved_at(r.approved_at());
  m.set_amount(r.amount());
  auto out = events::OutgoingEvent::Of(std::string(saga::kDeliveryRequest), r.order_id(), m, std::string(kSource),
                                       std::move(trace_id));
  out.event_id = EventIdFor("delivery-request:" + r.order_id());
  return out;
}

events::OutgoingEvent StockRejectedEvent(const edaordersystem::protobuf::stockCountRequestV1& r,
                                         const TakeOutcome& outcome, TimePoint now, std::string trace_id) {
  eda::events::v1::StockRejected m;
  m.set_order_id(r.order_id());
  m.set_product_id(r.product_id());
  m.set_requested_count(r.decrement_stock_count());
  m.set_available_count(outcome.available);
  m.set_reason(outcome.reason);
  m.set_payment_key(r.payment_key());
  m.set_amount(r.amount());
  m.set_rejected_at(Rfc3339(now));
  auto out = events::OutgoingEvent::Of(std::string(saga::kStockRejected), r.order_id(), m, std::string(kSource),
                                       std::move(trace_id));
  out.event_id = EventIdFor("stock-rejected:" + r.order_id());
  return out;
}

Status AddOnce(const events::Outbox& outbox, sql::Transaction& tx, const events::OutgoingEvent& event) {
  auto added = outbox.Add(tx, event);
  // MariaDB rolls back only the failed statement on a duplicate key: the transaction goes on.
  if (!added && added.error().code != "sql.duplicate_key") return added.error();
  return {};
}

}  // namespace eda::catalog
