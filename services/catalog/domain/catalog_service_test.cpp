#include "catalog/domain/catalog_service.hpp"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "catalog/domain/stock_batch.hpp"
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
  CatalogService service_{CatalogService::Ports{store_, ledger_, ledger_}, CatalogService::Settings{}};

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
  EXPECT_EQ(ledger_.Stock(p.id), 5);
}

TEST_F(CatalogServiceTest, RepairFinishesAHalfDoneRegistration) {
  // Crash after the Cassandra write, before the ledger step.
  Product draft;
  draft.seller_id = SellerId{7};
  auto id = ledger_.AllocateId(draft);
  Product p;
  p.id = *id;
  p.seller_id = SellerId{7};
  p.name = "x";
  p.price = 1;
  p.tags = {"t"};
  ASSERT_TRUE(store_.Insert(p).ok());
  auto orphan = ledger_.AllocateId(draft);  // crash before the Cassandra write
  auto settled = service_.RepairPending(std::chrono::seconds(0));
  ASSERT_TRUE(settled.ok());
  EXPECT_EQ(*settled, 2);
  EXPECT_EQ(ledger_.State(p.id), "ACTIVE");
  EXPECT_EQ(ledger_.State(*orphan), "ABANDONED");
  EXPECT_EQ(EventsOf(ProductEvent::Kind::kTagsAdded).size(), 1U);
  EXPECT_EQ(*service_.RepairPending(std::chrono::seconds(0)), 0);
}

// ---- the stock ledger ----

// One transaction of stock steps, the way a consumer batch runs them.
class StockLedgerTest : public CatalogServiceTest {
 protected:
  std::int64_t clock_us_ = 1'000'000;
  std::function<std::int64_t()> Now() {
    return [this] { return ++clock_us_; };
  }
  // Runs `steps` on one StockBatch (locking `products` first) in one transaction, then Finish.
  Status InBatch(const std::vector<ProductId>& products, const std::function<Status(StockBatch&)>& steps) {
    return ledger_.Run([&](StockUnitOfWork& uow) -> Status {
      StockBatch batch(uow, Now());
      std::vector<StockRequest> locks;
      for (ProductId id : products) locks.push_back({{}, id, 0});
      if (auto l = batch.LockForTakes(locks); !l) return Error::Transient("test.lock", l.error().detail);
      if (auto s = steps(batch); !s) return s;
      if (auto f = batch.Finish(); !f) return Error::Transient("test.finish", f.error().detail);
      return {};
    });
  }
  Result<TakeOutcome, CatalogError> Take(StockRequest r) {
    std::optional<Result<TakeOutcome, CatalogError>> out;
    const Status s = InBatch({r.product_id}, [&](StockBatch& b) -> Status {
      out = b.Take(r);
      return {};
    });
    EXPECT_TRUE(s.ok()) << s.error();
    return *out;
  }
  Result<ReleaseOutcome, CatalogError> Release(const std::string& order, ProductId hint) {
    std::optional<Result<ReleaseOutcome, CatalogError>> out;
    const Status s = ledger_.Run([&](StockUnitOfWork& uow) -> Status {
      StockBatch batch(uow, Now());
      if (auto l = batch.LockForReleases({order}, {hint}); !l) return Error::Transient("test.lock", l.error().detail);
      out = batch.Release(order, hint);
      if (auto f = batch.Finish(); !f) return Error::Transient("test.finish", f.error().detail);
      return {};
    });
    EXPECT_TRUE(s.ok()) << s.error();
    return *out;
  }
  std::vector<ProductEvent> StockEvents() {
    std::vector<ProductEvent> out;
    for (auto& e : ledger_.events())
      if (e.kind == ProductEvent::Kind::kChanged && e.event_id.find(":v") != std::string::npos) out.push_back(e);
    return out;
  }
};

TEST_F(StockLedgerTest, TakeOnceEvenWhenRedelivered) {
  const Product p = Register(5);
  auto first = Take({"o1", p.id, 2});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->kind, TakeOutcome::kReserved);
  auto again = Take({"o1", p.id, 2});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->kind, TakeOutcome::kReserved);
  EXPECT_EQ(ledger_.Stock(p.id), 3);
  EXPECT_EQ(StockEvents().size(), 1U) << "the repeat changed nothing and announced nothing";
  EXPECT_EQ(Take({"o1", p.id, 3}).error().code, CatalogErrc::kInvalidRequest) << "same order, other count";
}

TEST_F(StockLedgerTest, ShortStockIsRejectedNotClamped) {
  const Product p = Register(1);
  auto r = Take({"o1", p.id, 2});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, TakeOutcome::kRejected);
  EXPECT_EQ(r->reason, "insufficient_stock");
  EXPECT_EQ(r->available, 1);
  EXPECT_EQ(ledger_.Stock(p.id), 1);
  // Redelivery after a restock still answers the same: the order's outcome was decided.
  ASSERT_TRUE(service_.AdjustStock(Seller(7), p.id, 10).ok());
  EXPECT_EQ(Take({"o1", p.id, 2})->kind, TakeOutcome::kRejected);
  EXPECT_EQ(ledger_.Stock(p.id), 11);
  EXPECT_EQ(Take({"o2", ProductId{4242}, 1})->reason, "unknown_product");
  ASSERT_TRUE(service_.Delete(Seller(7), p.id).ok());
  EXPECT_EQ(Take({"o3", p.id, 1})->reason, "product_deleted");
}

TEST_F(StockLedgerTest, ABatchTakesManyOrdersOfOneProductWithOneWrite) {
  const Product p = Register(10);
  std::vector<TakeOutcome::Kind> kinds;
  ASSERT_TRUE(InBatch({p.id}, [&](StockBatch& b) -> Status {
                for (int i = 0; i < 12; ++i) kinds.push_back(b.Take({"o" + std::to_string(i), p.id, 1})->kind);
                return {};
              }).ok());
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), TakeOutcome::kReserved), 10);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), TakeOutcome::kRejected), 2);
  EXPECT_EQ(ledger_.Stock(p.id), 0);
  const auto events = StockEvents();
  ASSERT_EQ(events.size(), 1U) << "one product-changed for the whole batch";
  EXPECT_EQ(events[0].product.stock, 0);
  EXPECT_GT(events[0].stock_version, 0);
}

TEST_F(StockLedgerTest, UndoForgetsTheLastStepOnly) {
  const Product p = Register(5);
  ASSERT_TRUE(InBatch({p.id}, [&](StockBatch& b) -> Status {
                b.Mark();
                EXPECT_EQ(b.Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved);
                b.Mark();
                EXPECT_EQ(b.Take({"o2", p.id, 2})->kind, TakeOutcome::kReserved);
                b.Undo();  // o2's writes were rolled back to its savepoint by the caller
                b.Mark();  // a step that fails before it changes anything undoes nothing
                b.Undo();
                return {};
              }).ok());
  EXPECT_EQ(ledger_.Stock(p.id), 3);
}

TEST_F(StockLedgerTest, AFailedTransactionLeavesNothing) {
  const Product p = Register(5);
  ledger_.FailSaveStock(true);
  const Status s = InBatch({p.id}, [&](StockBatch& b) -> Status {
    EXPECT_EQ(b.Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved);
    return {};
  });
  EXPECT_FALSE(s.ok());
  ledger_.FailSaveStock(false);
  EXPECT_EQ(ledger_.Stock(p.id), 5);
  EXPECT_FALSE(ledger_.ReservationOf("o1").has_value());
  EXPECT_EQ(Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved) << "the redelivery takes, once";
  EXPECT_EQ(ledger_.Stock(p.id), 3);
}

TEST_F(StockLedgerTest, ReleasePutsStockBackOnce) {
  const Product p = Register(5);
  ASSERT_EQ(Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved);
  auto r1 = Release("o1", p.id);
  ASSERT_TRUE(r1.ok());
  EXPECT_TRUE(r1->restocked);
  auto r2 = Release("o1", p.id);
  ASSERT_TRUE(r2.ok());
  EXPECT_FALSE(r2->restocked);
  EXPECT_EQ(ledger_.Stock(p.id), 5);
  // The request redelivered after the release takes nothing.
  EXPECT_EQ(Take({"o1", p.id, 2})->kind, TakeOutcome::kCancelled);
  EXPECT_EQ(ledger_.Stock(p.id), 5);
}

TEST_F(StockLedgerTest, ReleaseByOrderAloneUsesTheReservationsProduct) {
  const Product p = Register(5);
  ASSERT_EQ(Take({"o1", p.id, 2})->kind, TakeOutcome::kReserved);
  auto r = Release("o1", ProductId{0});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->restocked);
  EXPECT_EQ(ledger_.Stock(p.id), 5);
  // Unknown order, unknown product: nothing to put back, nothing recorded.
  auto none = Release("o-unknown", ProductId{0});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->restocked);
  EXPECT_FALSE(ledger_.ReservationOf("o-unknown").has_value());
}

TEST_F(StockLedgerTest, ReleaseBeforeTheRequestCancelsIt) {
  const Product p = Register(5);
  ASSERT_TRUE(Release("o9", p.id).ok());
  EXPECT_EQ(Take({"o9", p.id, 2})->kind, TakeOutcome::kCancelled);
  EXPECT_EQ(ledger_.Stock(p.id), 5);
}

TEST_F(StockLedgerTest, ProductsFromBeforeTheLedgerWaitForTheirStockCopy) {
  const Product p = Register(5);
  ledger_.ForgetStock(p.id);
  EXPECT_EQ(Take({"o1", p.id, 1}).error().code, CatalogErrc::kUnavailable) << "retried until copied";
  auto copied = service_.CopyLegacyStock();
  ASSERT_TRUE(copied.ok());
  EXPECT_EQ(*copied, 1);
  EXPECT_EQ(ledger_.Stock(p.id), 5);
  EXPECT_EQ(Take({"o1", p.id, 1})->kind, TakeOutcome::kReserved);
  EXPECT_EQ(*service_.CopyLegacyStock(), 0);
}

TEST_F(StockLedgerTest, TheProjectionFollowsTheNewestVersionInAnyOrder) {
  const Product p = Register(5);
  ASSERT_EQ(Take({"o1", p.id, 1})->kind, TakeOutcome::kReserved);
  ASSERT_EQ(Take({"o2", p.id, 1})->kind, TakeOutcome::kReserved);
  const auto events = StockEvents();
  ASSERT_EQ(events.size(), 2U);
  // Delivered newest first: the older one must not win.
  ASSERT_TRUE(store_.ProjectStock(p.id, events[1].product.stock, events[1].stock_version).ok());
  ASSERT_TRUE(store_.ProjectStock(p.id, events[0].product.stock, events[0].stock_version).ok());
  EXPECT_EQ(service_.Get(p.id)->stock, 3);
}

// 200 buyers for 50 units, each order delivered twice, in concurrent batches of mixed orders.
TEST_F(StockLedgerTest, ConcurrentBatchesAndRedeliveriesNeverOversell) {
  const Product p = Register(50);
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int b = 0; b < 10; ++b) {
        const Status s = InBatch({p.id}, [&](StockBatch& batch) -> Status {
          for (int i = 0; i < 5; ++i) {
            const int order = (t * 50 + b * 5 + i) % 200;  // threads 4..7 repeat the orders of 0..3
            if (!batch.Take({"o" + std::to_string(order), p.id, 1})) return Error::Transient("test.take", "failed");
          }
          return {};
        });
        if (!s.ok()) ++failed;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ledger_.Stock(p.id), 0);
  int reserved = 0, rejected = 0;
  for (int i = 0; i < 200; ++i) {
    auto r = ledger_.ReservationOf("o" + std::to_string(i));
    ASSERT_TRUE(r.has_value()) << i;
    (r->state == ReservationState::kReserved ? reserved : rejected)++;
    auto again = Take({"o" + std::to_string(i), p.id, 1});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->kind == TakeOutcome::kReserved, r->state == ReservationState::kReserved);
  }
  EXPECT_EQ(reserved, 50);
  EXPECT_EQ(rejected, 150);
  EXPECT_EQ(ledger_.Stock(p.id), 0);
}

}  // namespace
}  // namespace eda::catalog
