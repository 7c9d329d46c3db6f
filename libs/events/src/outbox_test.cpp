#include "eda/events/outbox.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace eda::events {
namespace {

TEST(OutboxHeaders, JsonRoundTrip) {
  Headers h = EncodeEnvelope(Envelope::New("T", "svc"));
  h.push_back({"x-quote\"and\\slash", "va\"lue\n"});
  auto back = DecodeHeadersJson(EncodeHeadersJson(h));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(*back, h);
  EXPECT_EQ(EncodeHeadersJson({}), "[]");
}

TEST(OutboxHeaders, RejectsMalformedJson) {
  for (const char* bad : {"", "{}", "[1]", "[[\"a\"]]", "[[\"a\", 1]]", "[[\"a\",\"b\",\"c\"]]", "not json"}) {
    auto r = DecodeHeadersJson(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "events.bad_headers");
  }
}

TEST(OutboxTables, NamesAreValidatedIdentifiers) {
  EXPECT_NO_THROW(Outbox("outbox"));
  EXPECT_NO_THROW(Inbox("inbox_order_2"));
  for (const char* bad : {"", "1outbox", "out box", "outbox;drop", "o`x", "x-y"}) {
    EXPECT_THROW(Outbox{bad}, std::invalid_argument) << bad;
    EXPECT_THROW(Inbox{bad}, std::invalid_argument) << bad;
  }
  EXPECT_THROW(Outbox(std::string(49, 'a')), std::invalid_argument);
}

TEST(OutboxTables, MigrationsCreateTheNamedTables) {
  auto m = Outbox("my_outbox").Migration(3);
  EXPECT_EQ(m.version, 3);
  EXPECT_NE(m.sql.find("CREATE TABLE IF NOT EXISTS my_outbox ("), std::string::npos);
  EXPECT_NE(m.sql.find("published_at DATETIME(6) NULL"), std::string::npos);
  EXPECT_NE(m.sql.find("UNIQUE KEY uq_my_outbox_event (event_id)"), std::string::npos);
  EXPECT_NE(m.sql.find("my_outbox_lock"), std::string::npos);
  auto i = Inbox("my_inbox").Migration(4);
  EXPECT_NE(i.sql.find("PRIMARY KEY (consumer, event_id)"), std::string::npos);
}

TEST(OutgoingEvent, OfProtobufLikeMessage) {
  struct FakeMessage {
    std::string GetTypeName() const { return "eda.events.v1.OrderCancelled"; }
    std::string SerializeAsString() const { return "bytes"; }
  };
  auto e = OutgoingEvent::Of("order-cancelled", "ORD1", FakeMessage{}, "order");
  EXPECT_EQ(e.topic, "order-cancelled");
  EXPECT_EQ(e.key, "ORD1");
  EXPECT_EQ(e.event_type, "eda.events.v1.OrderCancelled");
  EXPECT_EQ(e.payload, "bytes");
  EXPECT_EQ(e.source, "order");
}

}  // namespace
}  // namespace eda::events
