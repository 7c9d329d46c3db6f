// The purchase saga end to end, through the public routes only: a buyer pays in the sandbox window and
// the order travels order → payment → order → catalog → delivery → order until DELIVERED; a declined card
// ends PAYMENT_FAILED with nothing charged; orders are private to their buyer.

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "saga_fixture.hpp"

namespace eda::e2e {
namespace {

// True when `path` (history `to` states) visits `wanted` in this order (other states may sit between).
bool VisitsInOrder(const OrderSnapshot& s, const std::vector<std::string>& wanted) {
  std::size_t next = 0;
  for (const auto& h : s.history) {
    if (next < wanted.size() && h.to == wanted[next]) ++next;
  }
  return next == wanted.size();
}

class PurchaseSaga : public SagaTest {};

TEST_F(PurchaseSaga, HappyPathIsDeliveredChargedOnceAndTakesStock) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 12'000, 10);
  ASSERT_EQ(product.stock, 10);

  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 2));
  EXPECT_EQ(order.status, "CREATED");
  EXPECT_EQ(order.amount, 24'000) << "amount = catalog price x count";

  // The window the order service opens carries the order's own id, amount, return URLs and metadata.
  const Checkout checkout = shop().OpenCheckout(order);
  EXPECT_EQ(checkout.order_id, order.order_id);
  EXPECT_EQ(checkout.amount, 24'000);
  EXPECT_TRUE(checkout.success_url.ends_with("/orders/success")) << checkout.window_url;
  EXPECT_TRUE(checkout.fail_url.ends_with("/orders/failure")) << checkout.window_url;
  const boost::json::value meta = boost::json::parse(checkout.metadata);
  EXPECT_EQ(meta.at("productId"), boost::json::value(std::to_string(product.id)));
  EXPECT_EQ(meta.at("productCount"), boost::json::value("2"));
  EXPECT_EQ(meta.at("memberId"), boost::json::value(std::to_string(buyer.id)));

  const WindowResult window = shop().PayInWindow(checkout, kApprove);
  ASSERT_TRUE(window.success) << window.raw.Describe();
  EXPECT_EQ(window.amount, 24'000);
  EXPECT_EQ(window.status, "IN_PROGRESS");
  EXPECT_TRUE(window.redirect_url.starts_with(checkout.success_url)) << window.redirect_url;

  const HttpResult page = shop().TryFollowRedirect(window);
  ASSERT_EQ(page.status, 200) << page.Describe();
  const OrderSnapshot after_page = shop().GetOrder(buyer, order.order_id);
  EXPECT_NE(after_page.status, "CREATED") << "the success page must move the order on";

  const OrderSnapshot done = shop().WaitForStatus(buyer, order.order_id, "DELIVERED", SagaTimeout());
  ASSERT_EQ(done.status, "DELIVERED") << "history " << done.HistoryPath() << "\n" << boost::json::serialize(done.json);
  EXPECT_EQ(done.seed_status, "DELIVERY_COMPLETED");
  EXPECT_EQ(done.payment_key, window.payment_key);
  EXPECT_EQ(done.amount, 24'000);
  EXPECT_TRUE(done.delivery_id.has_value()) << boost::json::serialize(done.json);
  EXPECT_FALSE(done.flagged);
  ASSERT_FALSE(done.history.empty());
  EXPECT_EQ(done.history.front().to, "CREATED");
  EXPECT_TRUE(VisitsInOrder(done, {"CREATED", "PAYMENT_REQUESTED", "PAID", "DELIVERY_REQUESTED", "DELIVERED"}))
      << done.HistoryPath();
  for (const char* never : {"PAYMENT_FAILED", "CANCELLING", "CANCELLED", "EXPIRED"}) {
    EXPECT_FALSE(done.Reached(never)) << done.HistoryPath();
  }

  const auto payments = sandbox().PaymentsForOrder(order.order_id);
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(payments[0].status, "DONE");
  EXPECT_EQ(payments[0].payment_key, window.payment_key);
  EXPECT_EQ(payments[0].total_amount, 24'000);
  EXPECT_EQ(payments[0].balance_amount, 24'000);
  EXPECT_EQ(payments[0].cancel_count, 0u);

  EXPECT_EQ(shop().GetProduct(product.id).stock, 8) << "stock decreases by the count, once";
}

TEST_F(PurchaseSaga, DeclinedCardEndsPaymentFailedWithNothingChargedAndStockUntouched) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 5'000, 3);

  const ShopClient::Purchase p = shop().Buy(buyer, OrderOf(product.id, 1), kDecline);
  ASSERT_TRUE(p.window.success) << "a declined card still returns to the success page; the confirm fails";

  const OrderSnapshot end = shop().WaitForStatus(buyer, p.order.order_id, "PAYMENT_FAILED", StepTimeout());
  ASSERT_EQ(end.status, "PAYMENT_FAILED") << end.HistoryPath() << "\n" << boost::json::serialize(end.json);
  EXPECT_FALSE(end.Reached("PAID")) << end.HistoryPath();

  const auto payments = sandbox().PaymentsForOrder(p.order.order_id);
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(payments[0].status, "ABORTED");
  const SandboxClient::OrderMoney money = sandbox().MoneyForOrder(p.order.order_id);
  EXPECT_EQ(money.charged, 0);
  EXPECT_EQ(money.confirmed_payments, 0);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 3);

  // The same return again is answered with the final state and changes nothing ...
  const HttpResult again = shop().TryFinishOrder(buyer, p.order.order_id, p.window.payment_key, p.order.amount);
  EXPECT_TRUE(again.status == 200 || again.status == 201) << again.Describe();
  EXPECT_EQ(again.json.is_object() ? again.json.at("status") : boost::json::value(), boost::json::value("PAYMENT_FAILED"))
      << again.Describe();
  // ... but a failed order cannot be paid again: no new window, and another payment is refused.
  const HttpResult reopen = shop().http().Get(p.order.checkout_url);
  EXPECT_EQ(reopen.status, 409) << reopen.Describe();
  const WindowResult second = shop().PayInWindow(p.checkout, kApprove);
  const HttpResult retry = shop().TryFinishOrder(buyer, p.order.order_id, second.payment_key, p.order.amount);
  EXPECT_EQ(retry.status, 409) << retry.Describe();
  EXPECT_EQ(retry.ErrorCode(), "order_not_payable") << retry.Describe();
  const OrderSnapshot after = shop().GetOrder(buyer, p.order.order_id);
  EXPECT_EQ(after.status, "PAYMENT_FAILED");
  EXPECT_EQ(after.history.size(), end.history.size()) << after.HistoryPath();
  EXPECT_EQ(sandbox().MoneyForOrder(p.order.order_id).charged, 0);
}

TEST_F(PurchaseSaga, CarrierRefusalIsRefundedInFullAndRestocked) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 8'000, 5);
  OrderRequest request = OrderOf(product.id, 2);
  request.address = "Nowhere 1, UNDELIVERABLE (e2e)";  // the carrier simulator refuses this shipment

  const ShopClient::Purchase p = shop().Buy(buyer, request);
  const OrderSnapshot end = shop().WaitForStatus(buyer, p.order.order_id, "CANCELLED", SagaTimeout());
  ASSERT_EQ(end.status, "CANCELLED") << end.HistoryPath() << "\n" << boost::json::serialize(end.json);
  EXPECT_TRUE(end.Reached("PAID")) << end.HistoryPath();
  EXPECT_FALSE(end.Reached("DELIVERED")) << end.HistoryPath();
  EXPECT_FALSE(end.flagged);

  const auto payments = sandbox().PaymentsForOrder(p.order.order_id);
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(payments[0].status, "CANCELED") << boost::json::serialize(payments[0].json);
  EXPECT_EQ(payments[0].total_amount, 16'000);
  EXPECT_EQ(payments[0].balance_amount, 0);
  EXPECT_EQ(payments[0].cancel_count, 1u);

  // The catalog puts the reserved units back (it consumes order-cancelled on its own schedule).
  const auto deadline = std::chrono::steady_clock::now() + std::min<std::chrono::steady_clock::duration>(StepTimeout(), std::chrono::seconds(30));
  std::int64_t stock = -1;
  while (std::chrono::steady_clock::now() < deadline) {
    stock = shop().GetProduct(product.id).stock;
    if (stock == 5) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_EQ(stock, 5) << "the two reserved units come back once";
}

TEST_F(PurchaseSaga, ACancelledWindowLeavesTheOrderPayable) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 3'300, 5);
  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 1));

  // The buyer closes the window: the fail page, no payment, the order still CREATED.
  const WindowResult closed = shop().PayInWindow(shop().OpenCheckout(order), kCancel);
  EXPECT_FALSE(closed.success);
  EXPECT_EQ(closed.code, "PAY_PROCESS_CANCELED");
  EXPECT_NE(closed.redirect_url.find("/orders/failure"), std::string::npos) << closed.redirect_url;
  const HttpResult fail_page = shop().TryFollowRedirect(closed);
  EXPECT_EQ(fail_page.status, 200) << fail_page.Describe();
  EXPECT_EQ(shop().GetOrder(buyer, order.order_id).status, "CREATED");
  EXPECT_TRUE(sandbox().PaymentsForOrder(order.order_id).empty());

  // ... and comes back later through the same checkoutUrl.
  const WindowResult paid = shop().PayInWindow(shop().OpenCheckout(order), kApprove);
  ASSERT_EQ(shop().TryFollowRedirect(paid).status, 200);
  const OrderSnapshot s = shop().WaitForOrder(
      buyer, order.order_id, [](const OrderSnapshot& o) { return o.Reached("PAID") || IsTerminalStatus(o.status); },
      StepTimeout(), "PAID");
  EXPECT_TRUE(s.Reached("PAID")) << s.HistoryPath();
  EXPECT_EQ(sandbox().MoneyForOrder(order.order_id).charged, 3'300);
}

TEST_F(PurchaseSaga, ASavedAddressOfTheBuyersOwnIsUsedAndNobodyElsesIs) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "delivery");
  const Member seller = shop().RegisterMember("SELLER");
  const Member alice = shop().RegisterMember("BUYER");
  const Member bob = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 1'500, 5);
  const HttpResult saved = shop().http().PostJson(
      shop().urls().delivery + "/delivery/addresses/register",
      boost::json::object{{"memberId", alice.id}, {"address", "Incheon, Yeonsu-gu 7 (e2e)"}, {"alias", "home"}},
      alice.access_token);
  ASSERT_EQ(saved.status, 201) << saved.Describe();
  const std::int64_t address_id = saved.json.at("id").as_int64();
  const auto order_with = [&](const Member& who) {
    return shop().http().PostJson(shop().urls().order + "/orders",
                                  boost::json::object{{"productId", product.id}, {"productCount", 1},
                                                      {"deliveryCompany", "CJ"}, {"addressId", address_id}},
                                  who.access_token);
  };
  const HttpResult mine = order_with(alice);
  ASSERT_EQ(mine.status, 201) << mine.Describe();
  const OrderSnapshot order = shop().GetOrder(alice, std::string(mine.json.at("orderId").as_string()));
  EXPECT_EQ(order.json.at("address"), boost::json::value("Incheon, Yeonsu-gu 7 (e2e)"));
  const HttpResult theirs = order_with(bob);
  EXPECT_EQ(theirs.status, 422) << theirs.Describe();
  EXPECT_EQ(theirs.ErrorCode(), "address_not_found") << theirs.Describe();
}

TEST_F(PurchaseSaga, AnOrderIsPrivateToItsBuyer) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox");
  const Member seller = shop().RegisterMember("SELLER");
  const Member alice = shop().RegisterMember("BUYER");
  const Member bob = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 7'000, 5);
  const CreatedOrder order = shop().CreateOrder(alice, OrderOf(product.id, 1));

  const HttpResult read = shop().TryGetOrder(bob, order.order_id);
  EXPECT_TRUE(read.status == 403 || read.status == 404) << read.Describe();
  const HttpResult list = shop().http().Get(
      shop().urls().order + "/orders/users/" + std::to_string(alice.id) + "/orders", bob.access_token);
  EXPECT_TRUE(list.status == 403 || list.status == 404) << list.Describe();

  // Bob cannot finish Alice's order with a payment of his own window either.
  const Checkout checkout = shop().OpenCheckout(order);
  const WindowResult window = shop().PayInWindow(checkout, kApprove);
  const HttpResult finish = shop().TryFinishOrder(bob, order.order_id, window.payment_key, order.amount);
  EXPECT_TRUE(finish.status == 403 || finish.status == 404) << finish.Describe();
  const OrderSnapshot still = shop().GetOrder(alice, order.order_id);
  EXPECT_EQ(still.status, "CREATED");
  EXPECT_EQ(still.history.size(), 1u) << "a stranger's attempt leaves no trace: " << still.HistoryPath();

  // Anonymous reads are refused.
  const HttpResult anonymous = shop().http().Get(shop().urls().order + "/orders/orders/" + order.order_id);
  EXPECT_EQ(anonymous.status, 401) << anonymous.Describe();
  // Alice's own list has the order.
  const HttpResult own = shop().http().Get(
      shop().urls().order + "/orders/users/" + std::to_string(alice.id) + "/orders", alice.access_token);
  ASSERT_EQ(own.status, 200) << own.Describe();
  ASSERT_TRUE(own.json.is_array()) << own.Describe();
  bool listed = false;
  for (const auto& o : own.json.as_array()) listed = listed || o.at("id") == boost::json::value(order.order_id);
  EXPECT_TRUE(listed) << own.Describe();
}

TEST_F(PurchaseSaga, UnknownProductIs422AndSellersCannotBuy) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order");
  const Member buyer = shop().RegisterMember("BUYER");
  const HttpResult unknown = shop().TryCreateOrder(buyer, OrderOf(987'654'321'000, 1));
  EXPECT_EQ(unknown.status, 422) << unknown.Describe();
  EXPECT_EQ(unknown.ErrorCode(), "product_not_found") << unknown.Describe();

  const Member seller = shop().RegisterMember("SELLER");
  const Product product = shop().RegisterProduct(seller, 1'000, 1);
  const HttpResult by_seller = shop().TryCreateOrder(seller, OrderOf(product.id, 1));
  EXPECT_EQ(by_seller.status, 403) << by_seller.Describe();
  const HttpResult anonymous = shop().http().PostJson(
      shop().urls().order + "/orders",
      boost::json::object{{"productId", product.id}, {"productCount", 1}, {"deliveryCompany", "CJ"}, {"address", "x"}});
  EXPECT_EQ(anonymous.status, 401) << anonymous.Describe();
  EXPECT_EQ(shop().GetProduct(product.id).stock, 1);
}

}  // namespace
}  // namespace eda::e2e
