#include "catalog/domain/catalog_service.hpp"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "catalog/domain/stock_service.hpp"
#include "catalog/domain/testing/fake_ports.hpp"

namespace eda::catalog {
namespace {

using testing::FakeProductLedger;
using testing::FakeProductStore;

Caller Seller(std::int64_t id) { return Caller{true, id, true, false}; }
Caller Admin() { return Caller{true, 999, false, true}; }
Caller Buyer(std::int64_t id) { return Caller{true, id, false, false}; }

class CatalogServiceTest : public ::testing::Test {
 protected:
  FakeProductStore store_;
  FakeProductLedger ledger_;
  CatalogService service_{CatalogService::Ports{store_, ledger_}, CatalogService::Settings{}};
  StockService stock_{store_, CatalogService::Settings{}};

  Product Register(std::int64_t stock = 10, std::vector<std::string> tags = {"Pen", "office"}) {
    auto p = service_.Register(Seller(7), ProductDraft{SellerId{7}, " Pen ", "blue", 1500, stock, tags});
    EXPECT_TRUE(p.ok());
    return *p;
  }
  std::vector<ProductEvent> EventsOf(ProductEvent::Kind kind) {
    std::vector<ProductEvent> out;
    for (auto& e : ledger_.events()) {
      if (e.kind == kind) out.push_back(e);
    }
    return out;
  }
};

TEST_F(CatalogServiceTest, RegisterStoresNormalizedProductAndEmitsCreatedEvents) {
  const Product p = Register(10, {" Pen", "OFFICE", "pen"});
  EXPECT_EQ(p.name, "Pen");
  EXPECT_EQ(p.tags, (std::vector<std::string>{"office", "pen"}));
  EXPECT_EQ(ledger_.State(p.id), "ACTIVE");
  auto got = service_.Get(p.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->stock, 10);
  auto added = EventsOf(ProductEvent::Kind::kTagsAdded);
  ASSERT_EQ(added.size(), 1U);
  EXPECT_EQ(added[0].tags, p.tags);
  auto changed = EventsOf(ProductEvent::Kind::kChanged);
  ASSERT_EQ(changed.size(), 1U);
  EXPECT_EQ(changed[0].change, ProductEvent::Change::kCreated);
}

TEST_F(CatalogServiceTest, RegisterRequiresTheOwningSellerOrAdmin) {
  const ProductDraft d{SellerId{7}, "Pen", "", 100, 1, {}};
  EXPECT_EQ(service_.Register(Caller{}, d).error().code, CatalogErrc::kUnauthenticated);
  EXPECT_EQ(service_.Register(Seller(8), d).error().code, CatalogErrc::kForbidden);
  EXPECT_EQ(service_.Register(Buyer(7), d).error().code, CatalogErrc::kForbidden) << "role SELLER required";
  EXPECT_TRUE(service_.Register(Admin(), d).ok());
  ProductDraft bad = d;
  bad.price = 0;
  auto r = service_.Register(Seller(7), bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, CatalogErrc::kInvalidRequest);
  ASSERT_EQ(r.error().fields.size(), 1U);
  EXPECT_EQ(r.error().fields[0].field, "productPrice");
}

TEST_F(CatalogServiceTest, UpdateEmitsTheTagDiff) {
  const Product p = Register(10, {"a", "b"});
  ProductPatch patch;
  patch.tags = std::vector<std::string>{"B", "c"};
  patch.price = 2000;
  EXPECT_EQ(service_.Update(Seller(8), p.id, patch).error().code, CatalogErrc::kForbidden);
  auto u = service_.Update(Seller(7), p.id, patch);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->price, 2000);
  EXPECT_EQ(u->tags, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(u->name, "Pen") << "absent fields are kept";
  auto added = EventsOf(ProductEvent::Kind::kTagsAdded);
  ASSERT_EQ(added.size(), 2U);
  EXPECT_EQ(added[1].tags, (std::vector<std::string>{"c"}));
  auto removed = EventsOf(ProductEvent::Kind::kTagsRemoved);
  ASSERT_EQ(removed.size(), 1U);
  EXPECT_EQ(removed[0].tags, (std::vector<std::string>{"a"}));
  EXPECT_EQ(EventsOf(ProductEvent::Kind::kChanged).back().change, ProductEvent::Change::kUpdated);
}

TEST_F(CatalogServiceTest, DeleteRemovesAllTagsThenReadsAre404AndRetryIsHarmless) {
  const Product p = Register(10, {"a", "b"});
  EXPECT_EQ(service_.Delete(Seller(8), p.id).error().code, CatalogErrc::kForbidden);
  ASSERT_TRUE(service_.Delete(Seller(7), p.id).ok());
  EXPECT_EQ(service_.Get(p.id).error().code, CatalogErrc::kProductNotFound);
  EXPECT_EQ(service_.Update(Seller(7), p.id, ProductPatch{}).error().code, CatalogErrc::kProductNotFound);
  ASSERT_TRUE(service_.Delete(Seller(7), p.id).ok());
  auto removed = EventsOf(ProductEvent::Kind::kTagsRemoved);
  ASSERT_EQ(removed.size(), 1U) << "a retried delete emits nothing twice";
  EXPECT_EQ(removed[0].tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(service_.Get(ProductId{12345}).error().code, CatalogErrc::kProductNotFound);
  EXPECT_TRUE(service_.ListBySeller(SellerId{7}, "", 10)->items.empty());
}

TEST_F(CatalogServiceTest, ListPagesWithACursor) {
  for (int i = 0; i < 5; ++i) Register();
  auto first = service_.ListBySeller(SellerId{7}, "", 2);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 2U);
  ASSERT_FALSE(first->next_cursor.empty());
  std::vector<std::int64_t> seen;
  std::string cursor;
  do {
    auto page = service_.ListBySeller(SellerId{7}, cursor, 2);
    ASSERT_TRUE(page.ok());
    for (auto& p : page->items) seen.push_back(p.id.value());
    cursor = page->next_cursor;
  } while (!cursor.empty());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
}

TEST_F(CatalogServiceTest, AdjustStockNeverClamps) {
  const Product p = Register(3);
  EXPECT_EQ(service_.AdjustStock(Seller(7), p.id, -4).error().code, CatalogErrc::kInsufficientStock);
  EXPECT_EQ(service_.AdjustStock(Seller(7), p.id, -3)->stock, 0);
  EXPECT_EQ(service_.AdjustStock(Seller(7), p.id, 5)->stock, 5);
  EXPECT_EQ(service_.AdjustStock(Seller(8), p.id, 5).error().code, CatalogErrc::kForbidden);
  EXPECT_EQ(store_.Stock(p.id), 5);
}

TEST_F(CatalogServiceTest, RepairFinishesAHalfDoneRegistration) {
  // Crash after the Cassandra write, before the ledger step.
  auto id = ledger_.AllocateId(SellerId{7});
  Product p;
  p.id = *id;
  p.seller_id = SellerId{7};
  p.name = "x";
  p.price = 1;
  p.tags = {"t"};
  ASSERT_TRUE(store_.Insert(p).ok());
  auto orphan = ledger_.AllocateId(SellerId{7});  // crash before the Cassandra write
  auto settled = service_.RepairPending(std::chrono::seconds(0));
  ASSERT_TRUE(settled.ok());
  EXPECT_EQ(*settled, 2);
  EXPECT_EQ(ledger_.State(p.id), "ACTIVE");
  EXPECT_EQ(ledger_.State(*orphan), "ABANDONED");
  EXPECT_EQ(EventsOf(ProductEvent::Kind::kTagsAdded).size(), 1U);
  EXPECT_EQ(*service_.RepairPending(std::chrono::seconds(0)), 0);
}

// ---- the order stock protocol ----

TEST_F(CatalogServiceTest, TakeOnceEvenWhenRedelivered) {
  const Product p = Register(5);
  auto first = stock_.Take({"o1", p.id, 2});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->kind, TakeOutcome::kReserved);
  auto again = stock_.Take({"o1", p.id, 2});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->kind, TakeOutcome::kReserved);
  EXPECT_EQ(store_.Stock(p.id), 3);
  EXPECT_EQ(store_.OpCount(p.id), 0U) << "markers are cleared once the reservation is final";
  EXPECT_EQ(stock_.Take({"o1", p.id, 3}).error().code, CatalogErrc::kInvalidRequest) << "same order, other count";
}

TEST_F(CatalogServiceTest, ShortStockIsRejectedNotClamped) {
  const Product p = Register(1);
  auto r = stock_.Take({"o1", p.id, 2});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, TakeOutcome::kRejected);
  EXPECT_EQ(r->reason, "insufficient_stock");
  EXPECT_EQ(r->available, 1);
  EXPECT_EQ(store_.Stock(p.id), 1);
  // Redelivery after a restock still answers the same: the order's outcome was decided.
  ASSERT_TRUE(service_.AdjustStock(Seller(7), p.id, 10).ok());
  EXPECT_EQ(stock_.Take({"o1", p.id, 2})->kind, TakeOutcome::kRejected);
  EXPECT_EQ(store_.Stock(p.id), 11);
  EXPECT_EQ(stock_.Take({"o2", ProductId{4242}, 1})->reason, "unknown_product");
}

TEST_F(CatalogServiceTest, LostCasAnswerIsResolvedByTheMarker) {
  const Product p = Register(5);
  store_.LoseNextCasAnswer();  // the CAS applied but the client saw a timeout
  auto r = stock_.Take({"o1", p.id, 2});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, TakeOutcome::kReserved);
  EXPECT_EQ(store_.Stock(p.id), 3) << "taken once, not twice";
}

TEST_F(CatalogServiceTest, CrashAfterTheCasBeforeReservedIsFinishedByRedelivery) {
  const Product p = Register(5);
  // Simulate: reservation PENDING written, CAS applied with the marker, process died.
  ASSERT_TRUE(store_.CreateReservation({"o1", p.id, 2, ReservationState::kPending, {}}).ok());
  auto snap = *store_.ReadStock(p.id);
  ASSERT_TRUE(store_.CasStock(p.id, snap, 3, TakeMarker("o1"))->applied);
  auto r = stock_.Take({"o1", p.id, 2});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, TakeOutcome::kReserved);
  EXPECT_EQ(store_.Stock(p.id), 3);
  EXPECT_EQ((*store_.FindReservation("o1"))->state, ReservationState::kReserved);
}

TEST_F(CatalogServiceTest, CrashAfterPendingBeforeTheCasTakesOnRedelivery) {
  const Product p = Register(5);
  ASSERT_TRUE(store_.CreateReservation({"o1", p.id, 2, ReservationState::kPending, {}}).ok());
  EXPECT_EQ(stock_.Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved);
  EXPECT_EQ(store_.Stock(p.id), 3);
}

TEST_F(CatalogServiceTest, ReleasePutsStockBackOnce) {
  const Product p = Register(5);
  ASSERT_EQ(stock_.Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved);
  auto r1 = stock_.Release("o1", p.id);
  ASSERT_TRUE(r1.ok());
  EXPECT_TRUE(r1->restocked);
  auto r2 = stock_.Release("o1", p.id);
  ASSERT_TRUE(r2.ok());
  EXPECT_FALSE(r2->restocked);
  EXPECT_EQ(store_.Stock(p.id), 5);
  // The request redelivered after the release takes nothing.
  EXPECT_EQ(stock_.Take({"o1", p.id, 2})->kind, TakeOutcome::kCancelled);
  EXPECT_EQ(store_.Stock(p.id), 5);
}

TEST_F(CatalogServiceTest, ReleaseCrashAfterCasIsFinishedOnce) {
  const Product p = Register(5);
  ASSERT_EQ(stock_.Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved);
  auto snap = *store_.ReadStock(p.id);
  ASSERT_TRUE(store_.CasStock(p.id, snap, 5, ReleaseMarker("o1"))->applied);  // then the process died
  ASSERT_TRUE(stock_.Release("o1", p.id).ok());
  EXPECT_EQ(store_.Stock(p.id), 5);
  EXPECT_EQ((*store_.FindReservation("o1"))->state, ReservationState::kReleased);
}

TEST_F(CatalogServiceTest, ReleaseByOrderAloneUsesTheReservationsProduct) {
  const Product p = Register(5);
  ASSERT_EQ(stock_.Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved);
  auto r = stock_.Release("o1", ProductId{0});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->restocked);
  EXPECT_EQ(store_.Stock(p.id), 5);
  // Unknown order, unknown product: nothing to put back, nothing recorded.
  auto none = stock_.Release("o-unknown", ProductId{0});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->restocked);
  EXPECT_FALSE(store_.FindReservation("o-unknown")->has_value());
}

TEST_F(CatalogServiceTest, ReleaseBeforeTheRequestCancelsIt) {
  const Product p = Register(5);
  ASSERT_TRUE(stock_.Release("o9", p.id).ok());
  EXPECT_EQ(stock_.Take({"o9", p.id, 2})->kind, TakeOutcome::kCancelled);
  EXPECT_EQ(store_.Stock(p.id), 5);
}

TEST_F(CatalogServiceTest, ConcurrentOrdersAndRedeliveriesNeverOversell) {
  const Product p = Register(50);
  StockService stock(store_, CatalogService::Settings{.max_cas_attempts = 100000});
  std::atomic<int> reserved{0}, rejected{0}, failed{0};
  std::vector<std::thread> threads;
  // 200 orders, each delivered twice concurrently (redeliveries).
  for (int i = 0; i < 400; ++i) {
    threads.emplace_back([&, i] {
      const std::string order = "o" + std::to_string(i % 200);
      auto r = stock.Take({order, p.id, 1});
      if (!r.ok()) {
        ++failed;
      } else if (i >= 200) {
        return;  // count each order once (the redelivery must agree, checked below)
      } else if (r->kind == TakeOutcome::kReserved) {
        ++reserved;
      } else {
        ++rejected;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(reserved.load(), 50);
  EXPECT_EQ(rejected.load(), 150);
  EXPECT_EQ(store_.Stock(p.id), 0);
  int reserved_rows = 0;
  for (int i = 0; i < 200; ++i) {
    auto r = *store_.FindReservation("o" + std::to_string(i));
    ASSERT_TRUE(r.has_value());
    if (r->state == ReservationState::kReserved) ++reserved_rows;
    // A third delivery agrees with the first outcome.
    auto again = stock.Take({"o" + std::to_string(i), p.id, 1});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->kind == TakeOutcome::kReserved, r->state == ReservationState::kReserved);
  }
  EXPECT_EQ(reserved_rows, 50);
  EXPECT_EQ(store_.Stock(p.id), 0);
}

}  // namespace
}  // namespace eda::catalog
