// The last unit: several buyers pay for a product with one unit in stock at the same moment. Every
// payment is confirmed (money is taken before stock), exactly one order gets the unit and is delivered,
// every other one is refunded in full and ends CANCELLED; stock ends at 0 and is never negative.

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "saga_fixture.hpp"

namespace eda::e2e {
namespace {

using Clock = std::chrono::steady_clock;

class StockRace : public SagaTest {};

TEST_F(StockRace, LastUnitGoesToExactlyOneBuyerAndTheOthersAreRefunded) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  constexpr int kBuyers = 4;
  const Member seller = shop().RegisterMember("SELLER");
  const Product product = shop().RegisterProduct(seller, 50'000, 1);

  struct Contender {
    Member buyer;
    CreatedOrder order;
    WindowResult window;
  };
  std::vector<Contender> contenders;
  for (int i = 0; i < kBuyers; ++i) {
    Contender c;
    c.buyer = shop().RegisterMember("BUYER", "race");
    c.order = shop().CreateOrder(c.buyer, OrderOf(product.id, 1));
    c.window = shop().PayInWindow(shop().OpenCheckout(c.order), kApprove);
    ASSERT_TRUE(c.window.success) << c.window.raw.Describe();
    contenders.push_back(std::move(c));
  }

  // Everybody returns from the payment window at once.
  std::vector<std::future<HttpResult>> returns;
  for (const Contender& c : contenders) {
    returns.push_back(std::async(std::launch::async, [&c] { return shop().TryFollowRedirect(c.window); }));
  }
  for (auto& r : returns) {
    const HttpResult page = r.get();
    EXPECT_EQ(page.status, 200) << page.Describe();
  }

  // Follow every order to its end, watching the stock on the way.
  const auto deadline = Clock::now() + SagaTimeout();
  std::int64_t min_stock = 1;
  std::map<std::string, OrderSnapshot> last;
  for (;;) {
    bool all_terminal = true;
    for (const Contender& c : contenders) {
      const HttpResult r = shop().TryGetOrder(c.buyer, c.order.order_id);
      auto s = r.status == 200 ? ParseOrderSnapshot(r.json) : std::nullopt;
      if (!s) {
        all_terminal = false;
        continue;
      }
      all_terminal = all_terminal && IsTerminalStatus(s->status);
      last[c.order.order_id] = std::move(*s);
    }
    const HttpResult stock = shop().TryGetProduct(product.id);
    if (stock.status == 200 && stock.json.is_object()) {
      if (const auto* n = stock.json.as_object().if_contains("stockCount"); n != nullptr && n->is_int64()) {
        min_stock = std::min(min_stock, n->as_int64());
      }
    }
    if (all_terminal || Clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }

  int delivered = 0;
  int cancelled = 0;
  std::string states;
  for (const Contender& c : contenders) {
    const OrderSnapshot& s = last[c.order.order_id];
    states += c.order.order_id + ": " + s.status + " (" + s.HistoryPath() + ")\n";
  }
  for (const Contender& c : contenders) {
    const OrderSnapshot& s = last[c.order.order_id];
    const auto payments = sandbox().PaymentsForOrder(c.order.order_id);
    ASSERT_EQ(payments.size(), 1u) << c.order.order_id;
    const SandboxPayment& pay = payments[0];
    if (s.status == "DELIVERED") {
      ++delivered;
      EXPECT_TRUE(s.Reached("DELIVERY_REQUESTED")) << s.HistoryPath();
      EXPECT_EQ(pay.status, "DONE") << boost::json::serialize(pay.json);
      EXPECT_EQ(pay.balance_amount, 50'000);
    } else if (s.status == "CANCELLED") {
      ++cancelled;
      EXPECT_FALSE(s.Reached("DELIVERY_REQUESTED")) << s.HistoryPath();
      EXPECT_TRUE(s.Reached("PAID")) << "money is taken before stock: " << s.HistoryPath();
      EXPECT_EQ(pay.status, "CANCELED") << boost::json::serialize(pay.json);
      EXPECT_EQ(pay.total_amount, 50'000);
      EXPECT_EQ(pay.balance_amount, 0) << "refunded in full";
      EXPECT_EQ(pay.cancel_count, 1u) << "refunded once: " << boost::json::serialize(pay.json);
    }
  }
  EXPECT_EQ(delivered, 1) << states;
  EXPECT_EQ(cancelled, kBuyers - 1) << states;
  EXPECT_GE(min_stock, 0);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 0);
}

}  // namespace
}  // namespace eda::e2e
