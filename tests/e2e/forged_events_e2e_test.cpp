// Forged saga events, produced to Kafka with a *valid* producer's credentials (the service that may write
// the topic), change nothing: the consumer checks each event against its own state, refuses it and
// counts it (issue 11). The genuine saga of the same order still completes afterwards.
//   - payment's user: a confirmation with another payment key and amount for an order waiting for its
//     confirmation → the order is not paid by it, no stock is taken;
//   - delivery's user: a delivery failure for a DELIVERED order → no refund, no restock;
//   - catalog's user: a delivery request for an unpaid order → no shipment.
// Records are header-less, like the seed's Java services send them (accepted on these topics).

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "eda/e2e/metrics_scrape.hpp"
#include "eda/saga/topics.hpp"
#include "events.pb.h"
#include "kafka_admin.hpp"
#include "saga_fixture.hpp"
#include "seed.pb.h"

namespace eda::e2e {
namespace {

using namespace std::chrono_literals;
using platform_test::KafkaBrokers;
using platform_test::ProduceAll;
using platform_test::ProfileUser;

// The sum of `metric`'s samples with all `filters` on the service at `base_url` (0 before the first).
double Counted(const ShopClient& shop, const std::string& base_url, std::string_view metric,
               std::initializer_list<std::string_view> filters) {
  return MetricSum(shop.http(), base_url, metric, filters).value_or(0);
}

// Waits until `value()` exceeds `before` (the consumer has read and judged the forged record).
bool Grows(const std::function<double()>& value, double before, std::chrono::seconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (value() > before) return true;
    std::this_thread::sleep_for(250ms);
  }
  return false;
}

void Produce(std::string_view as, std::string_view topic, const std::string& payload) {
  const platform_test::KafkaUser user = ProfileUser(std::string(as));
  ASSERT_FALSE(user.password.empty()) << "no kafka-" << as << ".password in $EDA_STATE_DIR/secrets";
  const auto produced = ProduceAll(KafkaBrokers(), std::string(topic), {payload}, 30s, user);
  ASSERT_EQ(produced.delivered, 1) << as << " may write " << topic << " (its ACL); errors: "
                                   << (produced.errors.empty() ? "" : produced.errors.front());
}

class ForgedEvents : public SagaTest {};

TEST_F(ForgedEvents, AConfirmationWithAnotherPaymentKeyAndAmountDoesNotPayTheOrder) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 9'000, 3);
  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 1));
  const WindowResult window = shop().PayInWindow(shop().OpenCheckout(order), kApprove);
  ASSERT_TRUE(window.success) << window.raw.Describe();
  const auto refused = [&] {
    return Counted(shop(), shop().urls().order, "eda_order_refused_events_total",
                     {"topic=\"payment-confirm-response\""});
  };
  const double refused_before = refused();
  {
    // Toss answers nothing while the forgery arrives, so the order waits in PAYMENT_REQUESTED.
    const SandboxClient::ScopedConfig toss_down(sandbox(), boost::json::object{{"error5xxRate", 1.0}});
    const HttpResult finish = shop().TryFinishOrder(buyer, order.order_id, window.payment_key, order.amount);
    ASSERT_TRUE(finish.status >= 200 && finish.status < 300) << finish.Describe();
    shop().WaitForStatus(buyer, order.order_id, "PAYMENT_REQUESTED", StepTimeout());

    edaordersystem::protobuf::paymentResponseV1 forged;
    forged.set_order_id(order.order_id);
    forged.set_payment_key("forged-key-" + order.order_id);
    forged.set_amount(1);
    forged.set_approved_at("2026-01-01T00:00:00+09:00");
    Produce("payment", saga::kPaymentConfirmResponse, forged.SerializeAsString());
    EXPECT_TRUE(Grows(refused, refused_before, StepTimeout())) << "the order service did not count the forgery";
    const OrderSnapshot now = shop().GetOrder(buyer, order.order_id);
    EXPECT_EQ(now.status, "PAYMENT_REQUESTED") << now.HistoryPath();
    EXPECT_EQ(shop().GetProduct(product.id).stock, 3) << "no stock may be taken for a forged payment";
  }
  // Toss is back: the genuine confirmation pays and ships the order, once.
  const OrderSnapshot end = shop().WaitForTerminal(buyer, order.order_id, SagaTimeout());
  EXPECT_EQ(end.status, "DELIVERED") << end.HistoryPath();
  EXPECT_EQ(end.payment_key, window.payment_key);
  EXPECT_EQ(sandbox().MoneyForOrder(order.order_id).charged, order.amount);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 2);
}

TEST_F(ForgedEvents, ADeliveryFailureOfADeliveredOrderRefundsAndRestocksNothing) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 11'000, 4);
  const ShopClient::Purchase bought = shop().Buy(buyer, OrderOf(product.id, 1));
  const OrderSnapshot delivered = shop().WaitForTerminal(buyer, bought.order.order_id, SagaTimeout());
  ASSERT_EQ(delivered.status, "DELIVERED") << delivered.HistoryPath();
  const auto judged = [&] {
    return Counted(shop(), shop().urls().order, "eda_order_refused_events_total", {"topic=\"delivery-failed\""}) +
           Counted(shop(), shop().urls().order, "eda_order_events_ignored_total", {"topic=\"delivery-failed\""});
  };
  const double judged_before = judged();

  eda::events::v1::DeliveryFailed forged;
  forged.set_order_id(bought.order.order_id);
  forged.set_product_id(product.id);
  forged.set_product_count(1);
  forged.set_reason("forged: the parcel was lost");
  forged.set_payment_key(bought.window.payment_key);  // even the right key and amount: nothing failed
  forged.set_amount(bought.order.amount);
  Produce("delivery", saga::kDeliveryFailed, forged.SerializeAsString());
  ASSERT_TRUE(Grows(judged, judged_before, StepTimeout())) << "the order service did not judge the forgery";

  EXPECT_EQ(shop().GetOrder(buyer, bought.order.order_id).status, "DELIVERED");
  const SandboxClient::OrderMoney money = sandbox().MoneyForOrder(bought.order.order_id);
  EXPECT_EQ(money.charged, bought.order.amount);
  EXPECT_EQ(money.balance, bought.order.amount) << "nothing may be refunded";
  // The catalog would restock within a moment of an order-cancelled; give it that moment.
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(shop().GetProduct(product.id).stock, 3);
}

TEST_F(ForgedEvents, ADeliveryRequestForAnUnpaidOrderShipsNothing) {
  EDA_E2E_REQUIRE_READY("member", "catalog", "order", "toss-sandbox", "payment", "delivery", "carrier-sim");
  const Member seller = shop().RegisterMember("SELLER");
  const Member buyer = shop().RegisterMember("BUYER");
  const Product product = shop().RegisterProduct(seller, 5'000, 2);
  const CreatedOrder order = shop().CreateOrder(buyer, OrderOf(product.id, 1));
  const auto refused = [&] {
    return Counted(shop(), shop().urls().delivery, "eda_delivery_refused_events_total",
                     {"topic=\"delivery-request\""});
  };
  const double refused_before = refused();

  edaordersystem::protobuf::deliveryRequestV1 forged;
  forged.set_order_id(order.order_id);
  forged.set_order_name(order.order_name);
  forged.set_address("Seoul, forged address 1");
  forged.set_delivery_company("CJ");
  forged.set_product_count(1);
  forged.set_member_id(buyer.id);
  forged.set_payment_key("forged-key-" + order.order_id);
  forged.set_approved_at("2026-01-01T00:00:00+09:00");
  forged.set_amount(order.amount);
  Produce("catalog", saga::kDeliveryRequest, forged.SerializeAsString());
  ASSERT_TRUE(Grows(refused, refused_before, StepTimeout())) << "the delivery service did not count the forgery";

  const HttpResult shipment = shop().http().Get(shop().urls().delivery + "/delivery/orders/" + order.order_id,
                                                buyer.access_token);
  EXPECT_EQ(shipment.status, 404) << "no shipment for an unpaid order: " << shipment.Describe();
  EXPECT_EQ(shop().GetOrder(buyer, order.order_id).status, "CREATED");
  EXPECT_EQ(shop().GetProduct(product.id).stock, 2);
}

}  // namespace
}  // namespace eda::e2e
