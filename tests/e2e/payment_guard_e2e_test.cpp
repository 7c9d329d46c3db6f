// What the buyer's return from the payment window may and may not do: a tampered amount is refused
// before anything is confirmed, and a repeated return (page refresh, a program's retry) confirms and
// charges once.

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "saga_fixture.hpp"

namespace eda::e2e {
namespace {

using namespace std::chrono_literals;

std::size_t CountTo(const OrderSnapshot& s, std::string_view to) {
  std::size_t n = 0;
  for (const auto& h : s.history) n += h.to == to && h.from != to ? 1 : 0;
  return n;
}

class PaymentGuard : public SagaTest {};

TEST_F(PaymentGuard, TamperedAmountIsRefusedAndNothingIsConfirmed) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 9'900, 5);
  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 1));
  const WindowResult window = shop().PayInWindow(shop().OpenCheckout(order), kApprove);
  ASSERT_TRUE(window.success);

  // The success page with another amount (an edited URL) and finish-order with another amount.
  const HttpResult page = shop().TrySuccessPage(order.order_id, window.payment_key, 100);
  EXPECT_EQ(page.status, 422) << page.Describe();
  EXPECT_NE(page.body.find("amount_mismatch"), std::string::npos) << page.Describe();
  const HttpResult finish = shop().TryFinishOrder(buyer, order.order_id, window.payment_key, order.amount + 1);
  EXPECT_EQ(finish.status, 422) << finish.Describe();
  EXPECT_EQ(finish.ErrorCode(), "amount_mismatch") << finish.Describe();

  // Give a wrongly emitted confirm request time to travel, then check nothing moved.
  std::this_thread::sleep_for(3s);
  const OrderSnapshot still = shop().GetOrder(buyer, order.order_id);
  EXPECT_EQ(still.status, "CREATED") << still.HistoryPath();
  EXPECT_TRUE(still.payment_key.empty()) << boost::json::serialize(still.json);
  std::size_t refusals = 0;
  for (const auto& h : still.history) refusals += h.from == "CREATED" && h.to == "CREATED" && h.reason.find("amount") != std::string::npos;
  EXPECT_EQ(refusals, 2u) << "each refused finish leaves a history row: " << boost::json::serialize(still.json);

  const auto payments = sandbox().PaymentsForOrder(order.order_id);
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(payments[0].status, "IN_PROGRESS") << "no confirm may reach Toss";
  EXPECT_EQ(sandbox().MoneyForOrder(order.order_id).charged, 0);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 5);
}

TEST_F(PaymentGuard, AfterATamperedReturnTheGenuineOneStillPays) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 4'000, 5);
  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 2));
  const WindowResult window = shop().PayInWindow(shop().OpenCheckout(order), kApprove);
  ASSERT_EQ(shop().TrySuccessPage(order.order_id, window.payment_key, 1).status, 422);

  const HttpResult genuine = shop().TryFollowRedirect(window);
  ASSERT_EQ(genuine.status, 200) << genuine.Describe();
  const OrderSnapshot paid = shop().WaitForOrder(
      buyer, order.order_id, [](const OrderSnapshot& s) { return s.Reached("PAID") || IsTerminalStatus(s.status); },
      StepTimeout(), "PAID");
  EXPECT_TRUE(paid.Reached("PAID")) << paid.HistoryPath();
  const SandboxClient::OrderMoney money = sandbox().MoneyForOrder(order.order_id);
  EXPECT_EQ(money.confirmed_payments, 1);
  EXPECT_EQ(money.charged, 8'000);
}

TEST_F(PaymentGuard, AWindowAuthorisedForLessIsNeverChargedTheOrderAmount) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 30'000, 5);
  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 1));

  // The buyer edits the window's amount: the redirect carries the smaller amount and is refused.
  const WindowResult cheap = shop().PayInWindow(shop().OpenCheckout(order), kApprove, 1'000);
  ASSERT_TRUE(cheap.success) << cheap.raw.Describe();
  EXPECT_EQ(cheap.amount, 1'000);
  const HttpResult page = shop().TryFollowRedirect(cheap);
  EXPECT_EQ(page.status, 422) << page.Describe();
  EXPECT_EQ(shop().GetOrder(buyer, order.order_id).status, "CREATED");

  // With the right amount but that paymentKey, Toss refuses the confirm (amount != the window's):
  // the order fails and nothing is charged.
  const HttpResult finish = shop().TryFinishOrder(buyer, order.order_id, cheap.payment_key, order.amount);
  ASSERT_TRUE(finish.status == 200 || finish.status == 201) << finish.Describe();
  const OrderSnapshot end = shop().WaitForTerminal(buyer, order.order_id, StepTimeout());
  EXPECT_EQ(end.status, "PAYMENT_FAILED") << end.HistoryPath() << "\n" << boost::json::serialize(end.json);
  EXPECT_EQ(sandbox().MoneyForOrder(order.order_id).charged, 0);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 5);
}

TEST_F(PaymentGuard, SeedCheckoutPageIgnoresTheClientPrice) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 11'000, 5);

  // The seed's checkout page with a client price of 1 KRW: the window opens for catalog price x count.
  const std::string url = shop().urls().order + "/orders/payments?price=1&currency=KRW&orderName=cheap&productId=" +
                          std::to_string(product.id) + "&productCount=3&memberId=" + std::to_string(buyer.id) +
                          "&deliveryCompany=CJ&address=Seoul%201";
  const HttpResult page = shop().http().Get(url, buyer.access_token);
  ASSERT_EQ(page.status, 303) << page.Describe();
  const auto checkout = ParseCheckoutUrl(page.Header("Location").value_or(""));
  ASSERT_TRUE(checkout.has_value()) << page.Describe();
  EXPECT_EQ(checkout->amount, 33'000);
  const OrderSnapshot created = shop().GetOrder(buyer, checkout->order_id);
  EXPECT_EQ(created.status, "CREATED");
  EXPECT_EQ(created.amount, 33'000);
  EXPECT_EQ(created.member_id, buyer.id);

  // Someone else's memberId with a token is refused.
  const Member other = shop().RegisterMember("BUYER");
  const HttpResult foreign = shop().http().Get(url, other.access_token);
  EXPECT_EQ(foreign.status, 403) << foreign.Describe();
}

TEST_F(PaymentGuard, AnotherOrdersPaymentKeyEndsTheOrderPaymentFailedAndChargesNothing) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 7'000, 5);
  const ShopClient::Purchase paid = shop().Buy(buyer, OrderOf(product.id, 1));
  const OrderSnapshot first = shop().WaitForTerminal(buyer, paid.order.order_id, SagaTimeout());
  ASSERT_EQ(first.status, "DELIVERED") << first.HistoryPath();

  // A second order of the same amount finished with the first order's (already claimed) paymentKey:
  // the payment service refuses the confirm as a duplicate and answers payment-failed, so the order
  // ends PAYMENT_FAILED instead of waiting in PAYMENT_REQUESTED through every sweep.
  const CreatedOrder second = shop().CreateOrder(buyer, OrderOf(product.id, 1));
  ASSERT_EQ(second.amount, first.amount);
  const HttpResult finish = shop().TryFinishOrder(buyer, second.order_id, paid.window.payment_key, second.amount);
  ASSERT_TRUE(finish.status == 200 || finish.status == 201 || finish.status == 202) << finish.Describe();
  const OrderSnapshot end = shop().WaitForTerminal(buyer, second.order_id, SagaTimeout());
  EXPECT_EQ(end.status, "PAYMENT_FAILED") << end.HistoryPath();
  EXPECT_EQ(sandbox().MoneyForOrder(second.order_id).charged, 0);
  // The first order keeps its one charge and its delivery.
  EXPECT_EQ(shop().GetOrder(buyer, paid.order.order_id).status, "DELIVERED");
  EXPECT_EQ(sandbox().MoneyForOrder(paid.order.order_id).charged, first.amount);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 4);
}

TEST_F(PaymentGuard, RepeatedReturnsConfirmAndChargeOnce) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 15'000, 4);
  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 1));
  const WindowResult window = shop().PayInWindow(shop().OpenCheckout(order), kApprove);
  ASSERT_TRUE(window.success);

  // The success page twice and finish-order twice with the same paymentKey, all at once.
  std::vector<std::future<HttpResult>> calls;
  for (int i = 0; i < 2; ++i) {
    calls.push_back(std::async(std::launch::async, [&] { return shop().TryFollowRedirect(window); }));
    calls.push_back(std::async(std::launch::async, [&] {
      return shop().TryFinishOrder(buyer, order.order_id, window.payment_key, order.amount);
    }));
  }
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const HttpResult r = calls[i].get();
    if (i % 2 == 0) {
      EXPECT_EQ(r.status, 200) << r.Describe();
    } else {
      EXPECT_TRUE(r.status == 200 || r.status == 201) << r.Describe();
      if (r.json.is_object()) {
        EXPECT_EQ(r.json.at("id"), boost::json::value(order.order_id)) << r.Describe();
        EXPECT_EQ(r.json.at("paymentKey"), boost::json::value(window.payment_key)) << r.Describe();
      }
    }
  }

  // Another paymentKey for the same order is a conflict, not a second payment.
  const HttpResult other = shop().TryFinishOrder(buyer, order.order_id, window.payment_key + "x", order.amount);
  EXPECT_EQ(other.status, 409) << other.Describe();
  EXPECT_EQ(other.ErrorCode(), "payment_key_conflict") << other.Describe();

  const OrderSnapshot done = shop().WaitForStatus(buyer, order.order_id, "DELIVERED", SagaTimeout());
  ASSERT_EQ(done.status, "DELIVERED") << done.HistoryPath();
  EXPECT_EQ(CountTo(done, "PAYMENT_REQUESTED"), 1u) << done.HistoryPath();
  EXPECT_EQ(CountTo(done, "PAID"), 1u) << done.HistoryPath();

  // A late refresh of the success page changes nothing.
  const HttpResult late = shop().TryFollowRedirect(window);
  EXPECT_EQ(late.status, 200) << late.Describe();
  const OrderSnapshot after = shop().GetOrder(buyer, order.order_id);
  EXPECT_EQ(after.status, "DELIVERED");
  EXPECT_EQ(after.history.size(), done.history.size()) << after.HistoryPath();

  const auto payments = sandbox().PaymentsForOrder(order.order_id);
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(payments[0].status, "DONE");
  EXPECT_EQ(payments[0].total_amount, 15'000);
  EXPECT_EQ(payments[0].balance_amount, 15'000);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 3);
}

}  // namespace
}  // namespace eda::e2e
