#include "search/events/index_updater.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "events.pb.h"
#include "search/domain/testing/fake_search_index.hpp"
#include "seed.pb.h"

namespace eda::search {
namespace {

using ::testing::ElementsAre;

events::IncomingEvent Event(std::string topic, std::string payload, std::int64_t produced_at_ms) {
  events::IncomingEvent ev;
  ev.topic = std::move(topic);
  ev.payload = std::move(payload);
  ev.envelope.produced_at = events::TimePoint(std::chrono::milliseconds(produced_at_ms));
  return ev;
}

std::string Tags(std::int64_t id, std::vector<std::string> tags) {
  edaordersystem::protobuf::ProductTags m;
  m.set_product_id(id);
  for (auto& t : tags) m.add_tags(t);
  return m.SerializeAsString();
}

std::string Changed(std::int64_t id, eda::events::v1::ProductChanged::ChangeType type, std::string name,
                    std::int64_t price, std::string changed_at, std::vector<std::string> tags = {}) {
  eda::events::v1::ProductChanged m;
  m.set_product_id(id);
  m.set_seller_id(3);
  m.set_change_type(type);
  m.set_product_name(name);
  m.set_product_price(price);
  m.set_stock_count(5);
  for (auto& t : tags) m.add_tags(t);
  m.set_changed_at(changed_at);
  return m.SerializeAsString();
}

class IndexUpdaterTest : public ::testing::Test {
 protected:
  testing::FakeSearchIndex index;
  IndexUpdater updater{index, IndexTarget{}};
};

TEST_F(IndexUpdaterTest, TagEventsAddAndRemoveSeedMembers) {
  ASSERT_TRUE(updater.OnTagsAdded(Event("product_tags_added", Tags(7, {"Laptop", "게이밍"}), 100)).ok());
  EXPECT_THAT(index.seed["Laptop"], ElementsAre("7"));  // raw tag: the seed key is the tag itself
  EXPECT_THAT(index.seed["게이밍"], ElementsAre("7"));
  ASSERT_TRUE(updater.OnTagsRemoved(Event("product_tags_removed", Tags(7, {"Laptop"}), 200)).ok());
  EXPECT_TRUE(index.seed["Laptop"].empty());
  // An add older than the removal (e.g. consumed late from another topic) does not come back.
  ASSERT_TRUE(updater.OnTagsAdded(Event("product_tags_added", Tags(7, {"Laptop"}), 150)).ok());
  EXPECT_TRUE(index.seed["Laptop"].empty());
}

TEST_F(IndexUpdaterTest, ProductChangedUsesChangedAtAsVersion) {
  using PC = eda::events::v1::ProductChanged;
  ASSERT_TRUE(updater.OnProductChanged(Event("product-changed", Changed(9, PC::CREATED, "Mouse", 10, "2026-01-01T00:00:01Z"), 5)).ok());
  ASSERT_EQ(index.products[9].version, 1767225601000);
  ASSERT_TRUE(updater.OnProductChanged(Event("product-changed", Changed(9, PC::DELETED, "", 0, "2026-01-01T00:00:03Z"), 5)).ok());
  EXPECT_FALSE(index.products[9].doc.has_value());
  // A stale update after the delete does not resurrect the product.
  ASSERT_TRUE(updater.OnProductChanged(Event("product-changed", Changed(9, PC::UPDATED, "Mouse 2", 11, "2026-01-01T00:00:02Z"), 5)).ok());
  EXPECT_FALSE(index.products[9].doc.has_value());
  // Without changed_at the event time orders it.
  ASSERT_TRUE(updater.OnProductChanged(Event("product-changed", Changed(10, PC::CREATED, "Pad", 1, ""), 42)).ok());
  EXPECT_EQ(index.products[10].version, 42);
}

TEST_F(IndexUpdaterTest, GarbageIsPermanentSoTheConsumerDeadLettersIt) {
  auto r = updater.OnTagsAdded(Event("product_tags_added", "\xff\xff\xff\xff garbage", 1));
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().retryable);
  auto zero = updater.OnTagsAdded(Event("product_tags_added", Tags(0, {"x"}), 1));
  ASSERT_FALSE(zero.ok());
  EXPECT_FALSE(zero.error().retryable);
  using PC = eda::events::v1::ProductChanged;
  auto bad_time = updater.OnProductChanged(Event("product-changed", Changed(1, PC::CREATED, "a", 1, "yesterday"), 1));
  ASSERT_FALSE(bad_time.ok());
  EXPECT_FALSE(bad_time.error().retryable);
  EXPECT_EQ(index.writes, 0);
  // A rebuild acknowledges them instead (the live group already dead-lettered them).
  IndexUpdater replay(index, IndexTarget{"5"}, /*skip_invalid=*/true);
  EXPECT_TRUE(replay.OnTagsAdded(Event("product_tags_added", "\xff\xff\xff\xff garbage", 1)).ok());
}

TEST_F(IndexUpdaterTest, StoreErrorsPassThroughAsRetryable) {
  index.fail_next = Error::Transient("redis.connection", "down");
  auto r = updater.OnTagsAdded(Event("product_tags_added", Tags(7, {"a"}), 1));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().retryable);
}

}  // namespace
}  // namespace eda::search
