// A buyer's cancel end to end, through the public routes only: an unpaid order is cancelled at once; a
// paid order whose parcel waits at the carrier's hub is stopped there, refunded in full at the sandbox
// and restocked, ending CANCELLED; an order whose parcel has left cannot be cancelled and keeps its money.

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "saga_fixture.hpp"

namespace eda::e2e {
namespace {

class BuyerCancel : public SagaTest {
 protected:
  static HttpResult Cancel(const Member& who, const std::string& order_id) {
    return shop().http().PostJson(shop().urls().order + "/orders/orders/" + order_id + "/cancel", boost::json::object{},
                                  who.access_token);
  }
  // The stock the catalog shows, once it equals `want` or the step deadline passed.
  static std::int64_t StockEventually(std::int64_t product_id, std::int64_t want) {
    const auto deadline = std::chrono::steady_clock::now() + StepTimeout();
    std::int64_t stock = shop().GetProduct(product_id).stock;
    while (stock != want && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      stock = shop().GetProduct(product_id).stock;
    }
    return stock;
  }
};

TEST_F(BuyerCancel, AnUnpaidOrderIsCancelledAtOnceAndCanNoLongerBePaid) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Member stranger = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 4'000, 3);
  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 1));
  const Checkout checkout = shop().OpenCheckout(order);

  EXPECT_EQ(Cancel(stranger, order.order_id).status, 403);
  const HttpResult cancelled = Cancel(buyer, order.order_id);
  ASSERT_EQ(cancelled.status, 200) << cancelled.Describe();
  EXPECT_EQ(cancelled.json.at("status"), boost::json::value("CANCELLED"));

  // The window was already open: paying in it now is refused at finish, so nothing is charged.
  const WindowResult late = shop().PayInWindow(checkout, kApprove);
  const HttpResult finish = shop().TryFinishOrder(buyer, order.order_id, late.payment_key, order.amount);
  EXPECT_EQ(finish.status, 409) << finish.Describe();
  EXPECT_EQ(sandbox().MoneyForOrder(order.order_id).charged, 0);
  EXPECT_EQ(shop().GetOrder(buyer, order.order_id).status, "CANCELLED");
  EXPECT_EQ(shop().GetProduct(product.id).stock, 3);
}

TEST_F(BuyerCancel, APaidOrderStillAtTheHubIsStoppedRefundedAndRestocked) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 6'500, 4);
  OrderRequest request = OrderOf(product.id, 2);
  request.address = "Seoul, Jung-gu 1, HOLD-AT-HUB (e2e)";  // the carrier simulator keeps this parcel at its hub

  const ShopClient::Purchase p = shop().Buy(buyer, request);
  const OrderSnapshot booked = shop().WaitForStatus(buyer, p.order.order_id, "DELIVERY_REQUESTED", SagaTimeout());
  ASSERT_EQ(booked.status, "DELIVERY_REQUESTED") << booked.HistoryPath();
  ASSERT_EQ(StockEventually(product.id, 2), 2);

  // A page following the order live (long poll) hears of the cancel request without polling fast.
  const std::string shown(booked.json.at("updatedAt").as_string());
  auto watcher = std::async(std::launch::async, [&] {
    return shop().http().Get(shop().urls().order + "/orders/orders/" + p.order.order_id + "?since=" + shown + "&wait=20",
                             buyer.access_token);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const HttpResult requested = Cancel(buyer, p.order.order_id);
  ASSERT_EQ(requested.status, 202) << requested.Describe();
  EXPECT_FALSE(requested.json.at("cancelRequestedAt").is_null()) << requested.Describe();
  EXPECT_EQ(Cancel(buyer, p.order.order_id).status, 202) << "asking again changes nothing";
  const HttpResult heard = watcher.get();
  ASSERT_EQ(heard.status, 200) << heard.Describe();
  EXPECT_NE(heard.json.at("updatedAt"), boost::json::value(shown)) << heard.Describe();

  const OrderSnapshot end = shop().WaitForStatus(buyer, p.order.order_id, "CANCELLED", SagaTimeout());
  ASSERT_EQ(end.status, "CANCELLED") << end.HistoryPath() << "\n" << boost::json::serialize(end.json);
  EXPECT_FALSE(end.Reached("IN_DELIVERY")) << end.HistoryPath();
  EXPECT_FALSE(end.flagged);

  const auto payments = sandbox().PaymentsForOrder(p.order.order_id);
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(payments[0].status, "CANCELED") << boost::json::serialize(payments[0].json);
  EXPECT_EQ(payments[0].balance_amount, 0);
  EXPECT_EQ(payments[0].cancel_count, 1u);
  EXPECT_EQ(StockEventually(product.id, 4), 4) << "the two units come back once";
  EXPECT_EQ(Cancel(buyer, p.order.order_id).status, 200) << "a cancelled order answers with itself";
}

TEST_F(BuyerCancel, AShippedOrderIsNotCancelledAndKeepsItsPayment) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 2'000, 2);

  const ShopClient::Purchase p = shop().Buy(buyer, OrderOf(product.id, 1));
  const OrderSnapshot done = shop().WaitForStatus(buyer, p.order.order_id, "DELIVERED", SagaTimeout());
  ASSERT_EQ(done.status, "DELIVERED") << done.HistoryPath();

  const HttpResult refused = Cancel(buyer, p.order.order_id);
  EXPECT_EQ(refused.status, 409) << refused.Describe();
  EXPECT_EQ(refused.ErrorCode(), "order_not_cancellable") << refused.Describe();
  EXPECT_EQ(shop().GetOrder(buyer, p.order.order_id).status, "DELIVERED");
  EXPECT_EQ(sandbox().MoneyForOrder(p.order.order_id).charged, 2'000);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 1);
}

}  // namespace
}  // namespace eda::e2e
