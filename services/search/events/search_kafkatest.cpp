// Integration (label kafka): real Kafka + Redis of the test stack. Publishes to the real product
// topics (shared: every product id and tag is unique to this run) and checks the HTTP routes.
//   eval "$(./eda infra env --profile test)"; ctest -L kafka -R search

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <random>
#include <thread>

#include <boost/json/parse.hpp>

#include "eda/core/uuid.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/envelope.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/events/producer.hpp"
#include "eda/http/authenticator.hpp"
#include "eda/http/dispatcher.hpp"
#include "eda/redis/pool.hpp"
#include "eda/redis/testing/test_redis.hpp"
#include "events.pb.h"
#include "search/api/search_routes.hpp"
#include "search/events/index_updater.hpp"
#include "search/events/rebuilder.hpp"
#include "search/store/redis_search_index.hpp"
#include "seed.pb.h"

namespace eda::search {
namespace {

using namespace std::chrono_literals;
using PC = eda::events::v1::ProductChanged;

class SearchKafkaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(std::random_device{}());
    base_id_ = 8'000'000'000'000 + static_cast<std::int64_t>(rng() % 1'000'000'000) * 1000;
    suffix_ = eda::NewUuid().substr(0, 8);
    events::ProducerSettings ps;
    ps.brokers = brokers_;
    ps.credentials = credentials_;
    ps.client_id = "search-kafkatest";
    producer_ = std::make_unique<events::Producer>(ps);
    ASSERT_TRUE(producer_->Start().ok());
    pool_ = std::make_unique<redis::Pool>(redis::testing::TestSettings(4));
    index_ = std::make_unique<RedisSearchIndex>(*pool_);
    updater_ = std::make_unique<IndexUpdater>(*index_, IndexTarget{});
    events::ConsumerSettings cs;
    cs.brokers = brokers_;
    cs.credentials = credentials_;
    cs.group_id = "search-test-" + suffix_;
    cs.require_envelope = false;
    consumer_ = std::make_unique<events::Consumer>(cs, *producer_);
    updater_->SubscribeAll(*consumer_);
    ASSERT_TRUE(consumer_->Start().ok());
    service_ = std::make_unique<SearchService>(*index_);
    RebuildSettings rs;
    rs.brokers = brokers_;
    rs.credentials = credentials_;
    rs.group_prefix = "search-test-rebuild-" + suffix_ + "-";
    rebuilder_ = std::make_unique<Rebuilder>(rs, *index_, *producer_);
    AddSearchRoutes(router_, *service_, *rebuilder_,
                    [this](const std::function<void()>& fn) -> boost::asio::awaitable<void> {
                      const auto task = [&fn] {
                        fn();
                        return Status{};
                      };
                      (void)co_await pool_->Offload(task);
                    });
    dispatcher_ = std::make_unique<http::Dispatcher>(router_, http::Authenticator());
  }
  void TearDown() override {
    if (consumer_) consumer_->Stop();
    if (producer_) producer_->Stop();
  }

  std::string Tag(const std::string& name) const { return name + "-" + suffix_; }

  void Publish(std::string_view topic, std::int64_t key, std::string payload, bool envelope = true,
               std::string type = "x") {
    events::OutgoingMessage m;
    m.topic = std::string(topic);
    m.key = std::to_string(key);
    m.payload = std::move(payload);
    if (envelope) m.headers = events::EncodeEnvelope(events::Envelope::New(std::move(type), "catalog"));
    auto d = producer_->SendAndWait(std::move(m));
    ASSERT_TRUE(d.ok()) << d.error().message;
  }
  void PublishTags(std::string_view topic, std::int64_t id, std::vector<std::string> tags) {
    edaordersystem::protobuf::ProductTags m;
    m.set_product_id(id);
    for (auto& t : tags) m.add_tags(t);
    // Seed-style: no envelope headers, like the original Java producers.
    Publish(topic, id, m.SerializeAsString(), /*envelope=*/false);
  }
  void PublishChanged(std::int64_t id, PC::ChangeType type, const std::string& name, std::int64_t price,
                      std::vector<std::string> tags, const std::string& changed_at) {
    PC m;
    m.set_product_id(id);
    m.set_seller_id(77);
    m.set_change_type(type);
    m.set_product_name(name);
    m.set_product_price(price);
    m.set_stock_count(3);
    for (auto& t : tags) m.add_tags(t);
    m.set_changed_at(changed_at);
    Publish(saga::kProductChanged, id, m.SerializeAsString(), true, "eda.events.v1.ProductChanged");
  }

  http::Response Get(const std::string& target) {
    http::Request req(http::Method::kGet, target);
    return dispatcher_->DispatchBlocking(req);
  }
  std::string Body(const std::string& target) { return Get(target).body(); }

  // Polls until `pred` holds (the consumer is asynchronous); the first run may replay history.
  static bool Eventually(const std::function<bool()>& pred, std::chrono::seconds limit = 90s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return pred();
  }

  std::vector<std::int64_t> ItemIds(const std::string& target) {
    auto r = Get(target);
    std::vector<std::int64_t> ids;
    if (r.status() != 200) return ids;
    const boost::json::value body = boost::json::parse(r.body());
    for (const auto& i : body.at("items").as_array()) ids.push_back(i.at("productId").as_int64());
    return ids;
  }

  std::string brokers_ = events::BrokersFromEnv(events::kTestBrokers);
  // The test profile's admin user (./eda infra env): the test writes raw product records.
  events::KafkaCredentials credentials_ = events::CredentialsFromEnv().value();
  std::int64_t base_id_ = 0;
  std::string suffix_;
  std::unique_ptr<events::Producer> producer_;
  std::unique_ptr<redis::Pool> pool_;
  std::unique_ptr<RedisSearchIndex> index_;
  std::unique_ptr<IndexUpdater> updater_;
  std::unique_ptr<events::Consumer> consumer_;
  std::unique_ptr<SearchService> service_;
  std::unique_ptr<Rebuilder> rebuilder_;
  http::Router router_;
  std::unique_ptr<http::Dispatcher> dispatcher_;
};

TEST_F(SearchKafkaTest, EventsReachTheRoutesDeletesStickGarbageIsDeadLetteredAndRebuildAgrees) {
  const std::int64_t a = base_id_ + 1, b = base_id_ + 2, c = base_id_ + 3;
  const std::string laptop = Tag("laptop"), gaming = Tag("gaming");
  const std::string word = "zq" + suffix_;  // a unique name word
  // changed_at close to the record times (the catalog stamps both from one clock).
  const auto t0 = events::NowMs() + std::chrono::seconds(1);
  const auto at = [&](int s) { return events::FormatTimestamp(t0 + std::chrono::seconds(s)); };

  // ---- tags (seed layout) and the read model ----
  PublishTags(saga::kProductTagsAdded, a, {laptop, gaming});
  PublishTags(saga::kProductTagsAdded, b, {laptop});
  PublishChanged(a, PC::CREATED, word + " 게이밍노트북", 2000, {laptop, gaming}, at(1));
  PublishChanged(b, PC::CREATED, word + " 사무용 노트북", 1000, {laptop}, at(1));
  const std::string expected_ab = "[" + std::to_string(a) + "," + std::to_string(b) + "]";
  ASSERT_TRUE(Eventually([&] { return Body("/search/tags/" + laptop) == expected_ab; })) << Body("/search/tags/" + laptop);
  const std::string q_and = "/search/products?tags=" + laptop + "," + gaming + "&q=" + word;
  const std::string q_price = "/search/products?tags=" + laptop + "&q=" + word + "&sort=price_asc";
  ASSERT_TRUE(Eventually([&] { return ItemIds(q_price) == std::vector<std::int64_t>{b, a}; }));
  EXPECT_EQ(ItemIds(q_and), std::vector<std::int64_t>{a});
  // Korean compound part and syllable prefix, percent-encoded "노트" (prefix of 노트북 inside 게이밍노트북).
  EXPECT_EQ(ItemIds("/search/products?q=" + word + "%20%EB%85%B8%ED%8A%B8&sort=price_desc"), (std::vector<std::int64_t>{a, b}));
  // The seed key is the tag itself: the layout the original wrote.
  auto members = pool_->Acquire().value().SMembers(laptop);
  ASSERT_TRUE(members.ok());
  EXPECT_THAT(*members, ::testing::UnorderedElementsAre(std::to_string(a), std::to_string(b)));

  // ---- removed tags disappear ----
  PublishTags(saga::kProductTagsRemoved, b, {laptop});
  ASSERT_TRUE(Eventually([&] { return Body("/search/tags/" + laptop) == "[" + std::to_string(a) + "]"; }));

  // ---- delete, then a stale update: no resurrection ----
  PublishChanged(a, PC::DELETED, "", 0, {}, at(5));
  PublishChanged(a, PC::UPDATED, word + " 게이밍노트북", 2000, {laptop, gaming}, at(3));
  PublishChanged(c, PC::CREATED, word + " sentinel", 5, {gaming}, at(1));
  ASSERT_TRUE(Eventually([&] { return ItemIds("/search/products?q=sentinel%20" + word) == std::vector<std::int64_t>{c}; }));
  // The stale update is keyed like the delete (same partition, earlier offset than nothing after it):
  // wait until it was surely handled by publishing one more record with the same key.
  PublishChanged(a, PC::DELETED, "", 0, {}, at(6));
  ASSERT_TRUE(Eventually([&] {
    auto h = pool_->Acquire().value().HGet("search:g" + index_->ActiveGeneration().value() + ":p:" + std::to_string(a), "v");
    return h.ok() && h->value_or("") == std::to_string((t0 + std::chrono::seconds(6)).time_since_epoch().count());
  }));
  EXPECT_TRUE(ItemIds(q_and).empty());
  EXPECT_EQ(ItemIds(q_price), std::vector<std::int64_t>{b});
  // DELETED also took the product out of the seed tag sets.
  EXPECT_EQ(Body("/search/tags/" + laptop), "[]");
  EXPECT_EQ(Body("/search/tags/" + gaming), "[]");

  // ---- every product, newest first, in pages; a delete leaves the order ----
  // Ids from the clock: above those of any earlier run, so they lead the shared index's listing.
  const std::int64_t newest_base =
      std::chrono::duration_cast<std::chrono::milliseconds>(t0.time_since_epoch()).count() * 1000;
  const std::int64_t n1 = newest_base + 999, n2 = newest_base + 1000, n3 = newest_base + 2500;
  PublishChanged(n2, PC::CREATED, word + " second", 20, {}, at(1));
  PublishChanged(n1, PC::CREATED, word + " first", 10, {}, at(1));
  PublishChanged(n3, PC::CREATED, word + " third", 30, {}, at(1));
  ASSERT_TRUE(Eventually([&] { return ItemIds("/search/products?sort=newest&size=3") == std::vector<std::int64_t>{n3, n2, n1}; }))
      << Body("/search/products?sort=newest&size=3");
  const auto second_page = ItemIds("/search/products?sort=newest&size=2&page=1");
  ASSERT_FALSE(second_page.empty());
  EXPECT_EQ(second_page.front(), n1);
  PublishChanged(n2, PC::DELETED, "", 0, {}, at(2));
  ASSERT_TRUE(Eventually([&] { return ItemIds("/search/products?sort=newest&size=2") == std::vector<std::int64_t>{n3, n1}; }));

  // ---- garbage goes to the DLQ; the consumer keeps going ----
  const auto dead_before = consumer_->Stats().dead_lettered;
  Publish(saga::kProductTagsAdded, c, "\xff\xff\xff\xff garbage " + suffix_, /*envelope=*/false);
  PublishTags(saga::kProductTagsAdded, c, {Tag("after-garbage")});
  ASSERT_TRUE(Eventually([&] { return Body("/search/tags/" + Tag("after-garbage")) == "[" + std::to_string(c) + "]"; }));
  EXPECT_GE(consumer_->Stats().dead_lettered, dead_before + 1);

  // ---- rebuild from the topics gives the same answers ----
  const std::string before_tags = Body("/search/tags/" + gaming) + Body("/search/tags/" + Tag("after-garbage")) +
                                  Body("/search/tags/" + laptop);
  const auto before_q = ItemIds(q_price);
  const auto gen_before = index_->ActiveGeneration().value();
  // Another instance of the service is rebuilding: this one refuses, and its status says so.
  const std::string other = "other-instance-" + suffix_;
  ASSERT_TRUE(index_->ClaimRebuild(other, std::chrono::seconds(30)).value());
  auto refused = rebuilder_->Run();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().errc, SearchErrc::kRebuildRunning);
  EXPECT_FALSE(rebuilder_->Start().ok());
  EXPECT_TRUE(rebuilder_->Status().running);
  ASSERT_TRUE(index_->ReleaseRebuild(other).ok());
  EXPECT_FALSE(rebuilder_->Status().running);
  auto report = rebuilder_->Run();
  ASSERT_TRUE(report.ok()) << report.error().detail;
  EXPECT_NE(report->new_generation, gen_before);
  EXPECT_EQ(index_->ActiveGeneration().value(), report->new_generation);
  EXPECT_FALSE(index_->RebuildClaimed().value()) << "the claim goes with the rebuild";
  EXPECT_GT(report->events, 0u);
  EXPECT_EQ(Body("/search/tags/" + gaming) + Body("/search/tags/" + Tag("after-garbage")) + Body("/search/tags/" + laptop),
            before_tags);
  EXPECT_EQ(ItemIds(q_price), before_q);
  EXPECT_EQ(ItemIds("/search/products?q=sentinel%20" + word), std::vector<std::int64_t>{c});
  EXPECT_EQ(ItemIds("/search/products?sort=newest&size=2"), (std::vector<std::int64_t>{n3, n1}));
  // The old generation's keys are gone.
  auto old_keys = pool_->Acquire().value().Command("KEYS", "search:g" + gen_before + ":p:" + std::to_string(b));
  ASSERT_TRUE(old_keys.ok());
  EXPECT_TRUE(old_keys->elements.empty());

  // ---- this run's products leave the shared index, so the shop's newest listing does not show them ----
  for (const std::int64_t id : {b, c, n1, n3}) PublishChanged(id, PC::DELETED, "", 0, {}, at(7));
  EXPECT_TRUE(Eventually([&] { return ItemIds("/search/products?q=" + word).empty(); })) << Body("/search/products?q=" + word);
}

}  // namespace
}  // namespace eda::search
