#include "catalog/events/catalog_events.hpp"

#include <gtest/gtest.h>

#include "catalog/domain/catalog_service.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace eda::catalog {
namespace {

edaordersystem::protobuf::stockCountRequestV1 Request() {
  edaordersystem::protobuf::stockCountRequestV1 r;
  r.set_product_id(42);
  r.set_decrement_stock_count(3);
  r.set_order_id("ORD0123");
  r.set_order_name("Pen x3");
  r.set_member_id(9);
  r.set_delivery_company("LOTTE");
  r.set_payment_key("pk_1");
  r.set_address("Seoul");
  r.set_amount(4500);
  r.set_approved_at("2026-11-24T02:00:00+09:00");
  return r;
}

TEST(CatalogEvents, DeliveryRequestCarriesEveryRequestField) {
  const auto ev = DeliveryRequestEvent(Request());
  EXPECT_EQ(ev.topic, "delivery-request");
  EXPECT_EQ(ev.key, "ORD0123");
  EXPECT_EQ(ev.event_id, EventIdFor("delivery-request:ORD0123"));
  EXPECT_EQ(ev.event_id.size(), 36U);
  EXPECT_NE(EventIdFor("delivery-request:ORD0124"), ev.event_id);
  EXPECT_EQ(ev.event_id[14], '8');
  edaordersystem::protobuf::deliveryRequestV1 m;
  ASSERT_TRUE(m.ParseFromString(ev.payload));
  EXPECT_EQ(m.order_id(), "ORD0123");
  EXPECT_EQ(m.order_name(), "Pen x3");
  EXPECT_EQ(m.address(), "Seoul");
  EXPECT_EQ(m.delivery_company(), "LOTTE");
  EXPECT_EQ(m.product_count(), 3);
  EXPECT_EQ(m.member_id(), 9);
  EXPECT_EQ(m.payment_key(), "pk_1");
  EXPECT_EQ(m.approved_at(), "2026-11-24T02:00:00+09:00");
  EXPECT_EQ(m.amount(), 4500);
}

TEST(CatalogEvents, StockRejectedCarriesRefundData) {
  TakeOutcome outcome;
  outcome.kind = TakeOutcome::kRejected;
  outcome.reason = "insufficient_stock";
  outcome.available = 1;
  const auto ev = StockRejectedEvent(Request(), outcome, TimePoint{std::chrono::seconds(0)});
  EXPECT_EQ(ev.topic, "stock-rejected");
  EXPECT_EQ(ev.key, "ORD0123");
  EXPECT_EQ(ev.event_id, EventIdFor("stock-rejected:ORD0123"));
  eda::events::v1::StockRejected m;
  ASSERT_TRUE(m.ParseFromString(ev.payload));
  EXPECT_EQ(m.requested_count(), 3);
  EXPECT_EQ(m.available_count(), 1);
  EXPECT_EQ(m.reason(), "insufficient_stock");
  EXPECT_EQ(m.payment_key(), "pk_1");
  EXPECT_EQ(m.amount(), 4500);
  EXPECT_EQ(m.rejected_at(), "1970-01-01T00:00:00.000Z");
}

TEST(CatalogEvents, ProductEventsMapToSeedTagsAndProductChanged) {
  Product p;
  p.id = ProductId{5};
  p.seller_id = SellerId{7};
  p.name = "Pen";
  p.price = 100;
  p.stock = 4;
  p.tags = {"a", "b"};
  const auto events = CatalogService::CreatedEvents(p);
  ASSERT_EQ(events.size(), 2U);
  const auto tags = ToOutgoing(events[0]);
  EXPECT_EQ(tags.topic, "product_tags_added");
  EXPECT_EQ(tags.key, "5");
  edaordersystem::protobuf::ProductTags t;
  ASSERT_TRUE(t.ParseFromString(tags.payload));
  EXPECT_EQ(t.product_id(), 5);
  ASSERT_EQ(t.tags_size(), 2);
  const auto changed = ToOutgoing(events[1]);
  EXPECT_EQ(changed.topic, "product-changed");
  eda::events::v1::ProductChanged c;
  ASSERT_TRUE(c.ParseFromString(changed.payload));
  EXPECT_EQ(c.change_type(), eda::events::v1::ProductChanged::CREATED);
  EXPECT_EQ(c.stock_count(), 4);
  EXPECT_EQ(c.product_name(), "Pen");
  EXPECT_EQ(c.tags_size(), 2);
  EXPECT_EQ(CatalogService::DeletedEvents(p)[0].kind, ProductEvent::Kind::kTagsRemoved);
}

}  // namespace
}  // namespace eda::catalog
