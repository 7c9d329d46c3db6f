#include "eda/events/envelope.hpp"

#include <gtest/gtest.h>

namespace eda::events {
namespace {

TEST(Envelope, EncodeDecodeRoundTrip) {
  Envelope e = Envelope::New("eda.events.v1.OrderCancelled", "order");
  EXPECT_TRUE(IsUuid(e.event_id));
  EXPECT_TRUE(IsValidTraceparent(e.trace_id));
  Headers h = EncodeEnvelope(e);
  ASSERT_EQ(h.size(), 6u);
  EXPECT_EQ(h[0].key, "event-id");
  EXPECT_EQ(h[5].key, "source");
  auto d = DecodeEnvelope(h);
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(*d, e);
}

TEST(Envelope, KeepsGivenTraceparent) {
  const std::string tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  Envelope e = Envelope::New("T", "svc", tp);
  EXPECT_EQ(e.trace_id, tp);
}

TEST(Envelope, MissingOrBadFieldsAreNamed) {
  Headers good = EncodeEnvelope(Envelope::New("T", "svc"));
  struct Case {
    std::string header;
    std::optional<std::string> value;  // nullopt = remove
  };
  for (const Case& c : {Case{"event-id", std::nullopt}, Case{"event-id", "123"}, Case{"event-type", ""},
                        Case{"schema-version", "0"}, Case{"schema-version", "x"}, Case{"produced-at", "yesterday"},
                        Case{"produced-at", std::nullopt}, Case{"source", std::nullopt}}) {
    Headers h = good;
    if (c.value) SetHeader(h, c.header, *c.value);
    else RemoveHeader(h, c.header);
    auto d = DecodeEnvelope(h);
    ASSERT_FALSE(d.ok()) << c.header;
    EXPECT_EQ(d.error().code, "events.bad_envelope");
    EXPECT_FALSE(d.error().retryable);
    EXPECT_NE(d.error().message.find(c.header), std::string::npos) << d.error().message;
  }
}

TEST(Envelope, BadTraceIdDecodesAsEmpty) {
  Headers h = EncodeEnvelope(Envelope::New("T", "svc"));
  SetHeader(h, "trace-id", "not-a-traceparent");
  auto d = DecodeEnvelope(h);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->trace_id, "");
}

TEST(Envelope, LastHeaderWins) {
  Headers h{{"a", "1"}, {"b", "2"}, {"a", "3"}};
  EXPECT_EQ(FindHeader(h, "a"), "3");
  EXPECT_EQ(FindHeader(h, "c"), std::nullopt);
  SetHeader(h, "a", "4");
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(FindHeader(h, "a"), "4");
}

TEST(Timestamp, FormatsUtcMilliseconds) {
  TimePoint t{std::chrono::milliseconds(1'700'000'000'123)};
  EXPECT_EQ(FormatTimestamp(t), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(FormatTimestamp(TimePoint{}), "1970-01-01T00:00:00.000Z");
}

TEST(Timestamp, ParsesRfc3339Variants) {
  TimePoint t{std::chrono::milliseconds(1'700'000'000'123)};
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20.123Z"), t);
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20.123456Z"), t);
  EXPECT_EQ(ParseTimestamp("2023-11-15T07:13:20.123+09:00"), t);
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20Z"), TimePoint{std::chrono::milliseconds(1'700'000'000'000)});
  for (const char* bad : {"", "2023-11-14", "2023-11-14T22:13:20", "2023-13-14T22:13:20Z", "2023-11-14T22:13:20.Z",
                          "2023-11-14T22:13:20Zjunk", "2023-11-14 22:13:20Z"})
    EXPECT_EQ(ParseTimestamp(bad), std::nullopt) << bad;
}

TEST(Traceparent, Validation) {
  EXPECT_TRUE(IsValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  EXPECT_FALSE(IsValidTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
  EXPECT_FALSE(IsValidTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
  EXPECT_FALSE(IsValidTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  EXPECT_FALSE(IsValidTraceparent(""));
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(IsValidTraceparent(NewTraceparent()));
}

}  // namespace
}  // namespace eda::events
