#include "eda/events/dead_letter.hpp"

#include <gtest/gtest.h>

namespace eda::events {
namespace {

FailureInfo SampleInfo() {
  FailureInfo i;
  i.original_topic = "order-complete";
  i.original_partition = 2;
  i.original_offset = 1234;
  i.reason = "db.down: connection refused";
  i.attempts = 6;
  i.failed_at = TimePoint{std::chrono::milliseconds(1'700'000'000'123)};
  i.consumer = "order-service";
  return i;
}

TEST(DeadLetter, TopicNames) {
  EXPECT_EQ(RetryTopicOf("delivery-request", "delivery"), "delivery-request.retry.delivery");
  EXPECT_EQ(DlqTopicOf("delivery-request"), "delivery-request.DLQ");
}

TEST(DeadLetter, BuildsAndReadsDlqHeaders) {
  Headers original = EncodeEnvelope(Envelope::New("T", "svc"));
  Headers h = BuildDeadLetterHeaders(original, SampleInfo());
  EXPECT_EQ(FindHeader(h, "eda-original-topic"), "order-complete");
  EXPECT_EQ(FindHeader(h, "eda-original-partition"), "2");
  EXPECT_EQ(FindHeader(h, "eda-original-offset"), "1234");
  EXPECT_EQ(FindHeader(h, "eda-error"), "db.down: connection refused");
  EXPECT_EQ(FindHeader(h, "eda-attempt"), "6");
  EXPECT_EQ(FindHeader(h, "eda-failed-at"), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(FindHeader(h, "eda-consumer"), "order-service");
  EXPECT_EQ(FindHeader(h, "eda-not-before"), std::nullopt);
  // The envelope travels unchanged with the record.
  EXPECT_EQ(DecodeEnvelope(h)->event_id, DecodeEnvelope(original)->event_id);
  auto back = ReadFailureInfo(h);
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(*back, SampleInfo());
}

TEST(DeadLetter, RetryHeadersCarryNotBeforeAndReplaceOldOnes) {
  Headers original = EncodeEnvelope(Envelope::New("T", "svc"));
  FailureInfo first = SampleInfo();
  first.attempts = 3;
  TimePoint due{std::chrono::milliseconds(1'700'000'005'000)};
  Headers once = BuildRetryHeaders(original, first, due);
  EXPECT_EQ(NotBeforeOf(once), due);
  EXPECT_EQ(AttemptsOf(once), 3);
  FailureInfo second = first;
  second.attempts = 4;
  second.reason = "again";
  Headers twice = BuildRetryHeaders(once, second, due + std::chrono::seconds(2));
  EXPECT_EQ(twice.size(), once.size());  // replaced, not duplicated
  EXPECT_EQ(AttemptsOf(twice), 4);
  EXPECT_EQ(FindHeader(twice, "eda-error"), "again");
}

TEST(DeadLetter, LongReasonsAreTruncated) {
  FailureInfo i = SampleInfo();
  i.reason = std::string(5000, 'x');
  Headers h = BuildDeadLetterHeaders({}, i);
  EXPECT_EQ(FindHeader(h, "eda-error")->size(), 1000u);
}

TEST(DeadLetter, OriginPrefersOriginalHeaders) {
  Origin own = OriginOf("t.retry", 1, 7, {});
  EXPECT_EQ(own.topic, "t.retry");
  EXPECT_EQ(own.offset, 7);
  Headers h = BuildRetryHeaders({}, SampleInfo(), TimePoint{});
  Origin o = OriginOf("order-complete.retry", 0, 99, h);
  EXPECT_EQ(o.topic, "order-complete");
  EXPECT_EQ(o.partition, 2);
  EXPECT_EQ(o.offset, 1234);
}

TEST(DeadLetter, StripForReplayAndBadHeaders) {
  Headers original = EncodeEnvelope(Envelope::New("T", "svc"));
  Headers h = BuildRetryHeaders(original, SampleInfo(), TimePoint{});
  EXPECT_EQ(StripFailureHeaders(h), original);
  EXPECT_EQ(AttemptsOf(StripFailureHeaders(h)), 0);
  EXPECT_FALSE(ReadFailureInfo(original).ok());
  Headers bad = h;
  SetHeader(bad, "eda-original-offset", "12x");
  EXPECT_EQ(ReadFailureInfo(bad).error().code, "events.bad_failure_headers");
  SetHeader(h, "eda-attempt", "-4");
  EXPECT_EQ(AttemptsOf(h), 0);
}

}  // namespace
}  // namespace eda::events
