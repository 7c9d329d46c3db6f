// Producer and consumer behaviour that needs no broker: configuration errors, sends that cannot be
// queued or acknowledged, the awaitable bridge.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "eda/events/async_send.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/producer.hpp"

namespace eda::events {
namespace {

using namespace std::chrono_literals;

TEST(Producer, SendBeforeStartFails) {
  Producer p(ProducerSettings{});
  auto r = p.SendAndWait(OutgoingMessage{"t", "k", "v", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "kafka.not_started");
}

TEST(Producer, BadPropertyIsASettingsError) {
  ProducerSettings s;
  s.extra = {{"no.such.property", "1"}};
  Producer p(s);
  auto st = p.Start();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "kafka.settings");
  EXPECT_NE(st.error().message.find("no.such.property"), std::string::npos);
}

TEST(Producer, UnacknowledgedSendTimesOutWithRetryableError) {
  ProducerSettings s;
  s.brokers = "127.0.0.1:1";  // nothing listens there
  s.delivery_timeout = 500ms;
  s.extra = {{"log_level", "0"}};
  Producer p(s);
  ASSERT_TRUE(p.Start().ok());
  const auto start = std::chrono::steady_clock::now();
  auto r = p.SendAndWait(OutgoingMessage{"t", "k", "v", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "kafka.timeout");
  EXPECT_TRUE(r.error().retryable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(Producer, PingSaysWhetherTheClusterAnswers) {
  ProducerSettings s;
  s.brokers = "127.0.0.1:1";  // nothing listens there
  s.extra = {{"log_level", "0"}};
  Producer p(s);
  EXPECT_EQ(p.Ping(300ms).error().code, "kafka.not_started");
  ASSERT_TRUE(p.Start().ok());
  auto st = p.Ping(300ms);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "kafka.unavailable");
}

TEST(Producer, StopFailsWhatIsStillQueued) {
  ProducerSettings s;
  s.brokers = "127.0.0.1:1";
  s.extra = {{"log_level", "0"}};
  Producer p(s);
  ASSERT_TRUE(p.Start().ok());
  std::atomic<int> failed{0};
  for (int i = 0; i < 10; ++i)
    p.Send(OutgoingMessage{"t", "k", "v", {}}, [&](Result<Delivery> d) {
      if (!d.ok()) ++failed;
    });
  p.Stop(100ms);
  EXPECT_EQ(failed.load(), 10);  // every callback ran, with an error
}

TEST(Producer, AwaitableSendResumesOnTheCallersExecutor) {
  Producer p(ProducerSettings{});  // not started: fails at once, through the same path
  boost::asio::io_context io;
  std::optional<Result<Delivery>> got;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        // A named message: GCC 12 mishandles aggregate temporaries inside co_await expressions.
        OutgoingMessage m{"t", "k", "v", {}};
        auto r = co_await AsyncSend(p, std::move(m));
        got.emplace(std::move(r));
      },
      boost::asio::detached);
  io.run();
  ASSERT_TRUE(got.has_value());
  ASSERT_FALSE(got->ok());
  EXPECT_EQ(got->error().code, "kafka.not_started");
}

TEST(Consumer, StartNeedsGroupAndHandlers) {
  Producer p(ProducerSettings{});
  ConsumerSettings s;
  s.create_topics = false;
  Consumer no_group(s, p);
  no_group.Subscribe("t", [](const IncomingEvent&) { return Status{}; });
  EXPECT_EQ(no_group.Start().error().code, "kafka.settings");
  s.group_id = "g";
  Consumer no_handler(s, p);
  EXPECT_EQ(no_handler.Start().error().code, "kafka.settings");
}

}  // namespace
}  // namespace eda::events
