#include "carrier-sim/domain/shipment_registry.hpp"

#include <gtest/gtest.h>

#include "carrier-sim/domain/fault_policy.hpp"

namespace eda::carrier_sim {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
  TimePoint now = TimePoint{} + 1000h;
  ShipmentRegistry::Clock fn() { return [this] { return now; }; }
};

BookRequest Req(std::string order = "ORD1", std::string address = "Seoul 1") { return {std::move(order), std::move(address), 2}; }

TEST(ShipmentRegistry, BookingIsIdempotentPerCarrierAndOrder) {
  FakeClock clock;
  ShipmentRegistry reg(60s, clock.fn());
  auto a = reg.Book("HANJIN", Req());
  auto b = reg.Book("HANJIN", Req());
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(a->created);
  EXPECT_FALSE(b->created);
  EXPECT_EQ(a->shipment.tracking_number, b->shipment.tracking_number);
  EXPECT_EQ(a->shipment.tracking_number.rfind("HANJIN-", 0), 0U);
  auto other = reg.Book("LOTTE", Req());
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->shipment.tracking_number, a->shipment.tracking_number);
  EXPECT_EQ(reg.size(), 2U);
}

TEST(ShipmentRegistry, RejectsUnknownCarrierInvalidInputAndRefusedAddress) {
  ShipmentRegistry reg(60s);
  EXPECT_EQ(reg.Book("DHL", Req()).error().code, "carrier.unknown");
  EXPECT_EQ(reg.Book("CJ", Req("", "x")).error().code, "carrier.invalid");
  EXPECT_EQ(reg.Book("CJ", Req("o", "")).error().code, "carrier.invalid");
  EXPECT_EQ(reg.Book("CJ", BookRequest{"o", "x", 0}).error().code, "carrier.invalid");
  auto refused = reg.Book("CJ", Req("o", "1 UNDELIVERABLE street"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "carrier.refused");
  EXPECT_FALSE(refused.error().retryable);
  EXPECT_EQ(reg.size(), 0U);
}

TEST(ShipmentRegistry, StatusAdvancesOneStepAtATime) {
  FakeClock clock;
  ShipmentRegistry reg(60s, clock.fn());
  const auto tn = reg.Book("CJ", Req())->shipment.tracking_number;
  auto v = reg.Find("CJ", tn);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->status, ShipmentStatus::kAccepted);
  EXPECT_EQ(v->events.size(), 1U);
  clock.now += 59s;
  EXPECT_EQ(reg.Find("CJ", tn)->status, ShipmentStatus::kAccepted);
  clock.now += 1s;
  EXPECT_EQ(reg.Find("CJ", tn)->status, ShipmentStatus::kInTransit);
  clock.now += 60s;
  v = reg.Find("CJ", tn);
  EXPECT_EQ(v->status, ShipmentStatus::kDelivered);
  ASSERT_EQ(v->events.size(), 3U);
  EXPECT_EQ(v->events[2].status, ShipmentStatus::kDelivered);
  EXPECT_EQ(v->events[2].location, "Seoul 1");
  clock.now += 1000h;
  EXPECT_EQ(reg.Find("CJ", tn)->events.size(), 3U);
}

TEST(ShipmentRegistry, TrackingNumberBelongsToItsCarrier) {
  ShipmentRegistry reg(60s);
  const auto tn = reg.Book("CJ", Req())->shipment.tracking_number;
  EXPECT_FALSE(reg.Find("HANJIN", tn).has_value());
  EXPECT_FALSE(reg.Find("CJ", "CJ-999").has_value());
}

TEST(ShipmentRegistry, CancelStopsAParcelOnlyBeforePickup) {
  FakeClock clock;
  ShipmentRegistry reg(60s, clock.fn());
  const auto early = reg.Book("CJ", Req("ORD-EARLY"))->shipment.tracking_number;
  const auto late = reg.Book("CJ", Req("ORD-LATE"))->shipment.tracking_number;
  clock.now += 30s;
  auto c = reg.Cancel("CJ", early);
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->cancelled);
  EXPECT_EQ(c->status, ShipmentStatus::kCancelled);
  EXPECT_TRUE(reg.Cancel("CJ", early)->cancelled) << "idempotent";
  clock.now += 1000h;
  EXPECT_EQ(reg.Find("CJ", early)->status, ShipmentStatus::kCancelled) << "a cancelled parcel never moves";
  c = reg.Cancel("CJ", late);
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(c->cancelled);
  EXPECT_EQ(c->status, ShipmentStatus::kDelivered);
  EXPECT_FALSE(reg.Cancel("HANJIN", early).has_value());
  EXPECT_FALSE(reg.Cancel("CJ", "CJ-999").has_value());
}

TEST(ShipmentRegistry, AParcelHeldAtTheHubWaitsUntilCancelled) {
  FakeClock clock;
  ShipmentRegistry reg(60s, clock.fn());
  const auto tn = reg.Book("LOTTE", Req("ORD-H", "Seoul 1 HOLD-AT-HUB"))->shipment.tracking_number;
  clock.now += 1000h;
  EXPECT_EQ(reg.Find("LOTTE", tn)->status, ShipmentStatus::kAccepted);
  EXPECT_TRUE(reg.Cancel("LOTTE", tn)->cancelled);
  EXPECT_EQ(reg.Find("LOTTE", tn)->status, ShipmentStatus::kCancelled);
}

TEST(FaultPolicy, RatesAndBounds) {
  FaultPolicy none;
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(none.ShouldFail());
  FaultPolicy all(Faults{100, 0ms});
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(all.ShouldFail());
  FaultPolicy half(Faults{50, 0ms}, 42);
  int fails = 0;
  for (int i = 0; i < 2000; ++i) fails += half.ShouldFail() ? 1 : 0;
  EXPECT_GT(fails, 800);
  EXPECT_LT(fails, 1200);
  EXPECT_FALSE(half.Set(Faults{101, 0ms}));
  EXPECT_FALSE(half.Set(Faults{10, 61s}));
  EXPECT_EQ(half.Get().error_percent, 50);
}

}  // namespace
}  // namespace eda::carrier_sim
