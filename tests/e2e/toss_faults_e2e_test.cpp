// Toss misbehaving on confirm (and every other /v1 call): 500s that did nothing and 500s after the
// payment was in fact confirmed. Orders must still end (DELIVERED here, since every card approves),
// each charged exactly once, never twice.

#include <future>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "saga_fixture.hpp"

namespace eda::e2e {
namespace {

class TossFaults : public SagaTest {};

TEST_F(TossFaults, ConfirmUnder5xxChargesEachOrderExactlyOnce) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  constexpr int kOrders = 4;
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 2'500, 100);

  std::vector<ShopClient::Purchase> purchases;
  {
    // Faults only while the confirms run; the guard restores the previous settings.
    const SandboxClient::ScopedConfig faults(sandbox(), boost::json::object{{"error5xxRate", 0.3}, {"processed5xxRate", 0.3}});
    std::vector<std::future<ShopClient::Purchase>> running;
    for (int i = 0; i < kOrders; ++i) {
      running.push_back(std::async(std::launch::async, [&] { return shop().Buy(buyer, OrderOf(product.id, 1)); }));
    }
    for (auto& r : running) purchases.push_back(r.get());
    // Wait (still under faults) until every payment has left PAYMENT_REQUESTED.
    for (const auto& p : purchases) {
      shop().WaitForOrder(
          buyer, p.order.order_id,
          [](const OrderSnapshot& s) { return s.status != "CREATED" && s.status != "PAYMENT_REQUESTED"; },
          StepTimeout() * 2, "the confirm to be decided under Toss faults");
    }
  }

  int delivered = 0;
  for (const auto& p : purchases) {
    const OrderSnapshot end = shop().WaitForTerminal(buyer, p.order.order_id, SagaTimeout());
    const SandboxClient::OrderMoney money = sandbox().MoneyForOrder(p.order.order_id);
    const auto payments = sandbox().PaymentsForOrder(p.order.order_id);
    ASSERT_EQ(payments.size(), 1u) << p.order.order_id;
    EXPECT_LE(money.confirmed_payments, 1);
    EXPECT_LE(payments[0].cancel_count, 1u) << boost::json::serialize(payments[0].json);
    EXPECT_FALSE(end.flagged) << end.HistoryPath();
    if (end.status == "DELIVERED") {
      ++delivered;
      EXPECT_EQ(payments[0].status, "DONE") << boost::json::serialize(payments[0].json);
      EXPECT_EQ(money.charged, 2'500);
      EXPECT_EQ(money.balance, 2'500);
    } else if (end.status == "CANCELLED") {
      EXPECT_EQ(money.balance, 0) << "a cancelled order is refunded: " << boost::json::serialize(payments[0].json);
    } else {
      EXPECT_EQ(money.charged, 0) << end.status << ": nothing may stay charged";
    }
    EXPECT_EQ(end.status, "DELIVERED") << p.order.order_id << " history " << end.HistoryPath() << "\n"
                                       << boost::json::serialize(end.json);
  }
  EXPECT_EQ(delivered, kOrders);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 100 - delivered);
}

}  // namespace
}  // namespace eda::e2e
