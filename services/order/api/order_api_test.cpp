// The routes through the Dispatcher with in-memory ports (no sockets, no database, no catalog).

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "eda/http/dispatcher.hpp"
#include "eda/http/openapi_check.hpp"
#include "order/api/internal_routes.hpp"
#include "order/api/openapi_document.hpp"
#include "order/api/order_routes.hpp"
#include "order/domain/testing/fake_ports.hpp"

#include "eda/auth/testing/plain_test_tokens.hpp"

namespace eda::order {
namespace {

namespace json = boost::json;
using http::Method;

// Tokens are "member:<id>:<ROLE>" in these tests.
using auth::testing::PlainTestToken;

class OrderApiTest : public ::testing::Test {
 protected:
  OrderApiTest()
      : service_(OrderService::Ports{orders_, catalog_, [this] { return std::string(15, static_cast<char>(++seq_)); },
                                     [] { return TimePoint{} + std::chrono::hours(1000); }, &addresses_}),
        blocking_(1) {
    catalog_.products[ProductId(7)] = CatalogProduct{ProductId(7), "Mug", 15000};
    checkout_.public_url = "http://shop.test";
    AddOrderRoutes(router_, service_, blocking_, checkout_);
  }

  http::Response Call(Method m, std::string target, std::string body = {}, std::string token = {}) {
    http::Headers headers;
    if (!token.empty()) headers.Set("Authorization", "Bearer " + token);
    if (!body.empty()) headers.Set("Content-Type", "application/json");
    http::Request req(m, std::move(target), headers, std::move(body));
    http::Dispatcher d(router_, http::Authenticator(PlainTestToken));
    return d.DispatchBlocking(req);
  }
  json::object Json(const http::Response& r) { return json::parse(r.body()).as_object(); }
  std::string CreateOrder(std::int64_t member = 42) {
    auto r = Call(Method::kPost, "/orders",
                  R"({"productId":7,"productCount":2,"deliveryCompany":"LOTTE","address":"Seoul","price":1})",
                  "member:" + std::to_string(member) + ":BUYER");
    EXPECT_EQ(r.status(), 201) << r.body();
    return std::string(Json(r).at("orderId").as_string());
  }

  testing::FakeOrders orders_;
  testing::FakeCatalog catalog_;
  testing::FakeAddressBook addresses_;
  int seq_ = 0;
  OrderService service_;
  http::BlockingPool blocking_;
  CheckoutSettings checkout_;
  http::Router router_;
};

TEST_F(OrderApiTest, OpenApiDocumentsEveryRoute) {
  auto missing = http::UndocumentedRoutes(router_, OpenApiDocument());
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->empty()) << (missing->empty() ? "" : missing->front());
}

TEST_F(OrderApiTest, CreateIgnoresTheClientPriceAndReturnsTheCheckoutUrl) {
  auto r = Call(Method::kPost, "/orders", R"({"productId":7,"productCount":2,"deliveryCompany":"LOTTE","address":"Seoul"})",
                "member:42:BUYER");
  ASSERT_EQ(r.status(), 201) << r.body();
  auto j = Json(r);
  EXPECT_EQ(j.at("amount").as_int64(), 30000);
  EXPECT_EQ(j.at("currency").as_string(), "KRW");
  EXPECT_EQ(j.at("status").as_string(), "CREATED");
  EXPECT_EQ(j.at("orderName").as_string(), "Mug x 2");
  EXPECT_EQ(j.at("checkoutUrl").as_string(), "http://shop.test/orders/checkout/" + std::string(j.at("orderId").as_string()));
}

TEST_F(OrderApiTest, CreateErrors) {
  EXPECT_EQ(Call(Method::kPost, "/orders", R"({"productId":7})").status(), 401);
  EXPECT_EQ(Call(Method::kPost, "/orders", R"({"productId":7})", "member:1:SELLER").status(), 403);
  EXPECT_EQ(Call(Method::kPost, "/orders", R"({"productId":7,"productCount":0,"deliveryCompany":"LOTTE","address":"a"})",
                 "member:1:BUYER").status(), 400);
  auto missing = Call(Method::kPost, "/orders", R"({"productId":99,"productCount":1,"deliveryCompany":"LOTTE","address":"a"})",
                      "member:1:BUYER");
  EXPECT_EQ(missing.status(), 422);
  EXPECT_NE(missing.body().find("product_not_found"), std::string::npos);
  catalog_.down = true;
  auto down = Call(Method::kPost, "/orders", R"({"productId":7,"productCount":1,"deliveryCompany":"LOTTE","address":"a"})",
                   "member:1:BUYER");
  EXPECT_EQ(down.status(), 503);
  EXPECT_NE(down.body().find("catalog_unavailable"), std::string::npos);
  auto unknown_address = Call(Method::kPost, "/orders", R"({"productId":7,"productCount":1,"deliveryCompany":"LOTTE","addressId":3})",
                              "member:1:BUYER");
  EXPECT_EQ(unknown_address.status(), 422);
  EXPECT_EQ(Json(unknown_address).at("code").as_string(), "address_not_found");
  EXPECT_EQ(Call(Method::kPost, "/orders",
                 R"({"productId":7,"productCount":1,"deliveryCompany":"LOTTE","addressId":3,"address":"a"})",
                 "member:1:BUYER").status(), 400);
  EXPECT_EQ(Call(Method::kPost, "/orders", R"({"productId":7,"productCount":1,"deliveryCompany":"LOTTE","addressId":0})",
                 "member:1:BUYER").status(), 400);
  EXPECT_EQ(Call(Method::kPost, "/orders", R"({"productId":7,"productCount":1,"deliveryCompany":"LOTTE"})",
                 "member:1:BUYER").status(), 400);
}

TEST_F(OrderApiTest, CreateWithASavedAddressForwardsTheBuyersToken) {
  addresses_.saved[3] = {42, "Daegu, Jung-gu 3"};
  auto r = Call(Method::kPost, "/orders", R"({"productId":7,"productCount":1,"deliveryCompany":"LOTTE","addressId":3})",
                "member:42:BUYER");
  ASSERT_EQ(r.status(), 201) << r.body();
  EXPECT_EQ(addresses_.last_credentials, "member:42:BUYER");
  EXPECT_EQ(orders_.orders.begin()->second.address, "Daegu, Jung-gu 3");
}

TEST_F(OrderApiTest, SeedCheckoutPageCreatesTheOrderAndRedirectsToTheSandbox) {
  auto r = Call(Method::kGet,
                "/orders/payments?price=1&currency=KRW&orderName=cheap&productId=7&productCount=3&memberId=42"
                "&deliveryCompany=HANJIN&customerName=Kim&customerEmail=k%40x.kr&address=Busan",
                {}, "member:42:BUYER");
  ASSERT_EQ(r.status(), 303) << r.body();
  const std::string location(r.headers().Get("Location"));
  EXPECT_TRUE(location.starts_with("http://127.0.0.1:8090/sandbox/checkout?")) << location;
  EXPECT_NE(location.find("amount=45000"), std::string::npos);
  EXPECT_NE(location.find("successUrl=http%3A%2F%2Fshop.test%2Forders%2Fsuccess"), std::string::npos);
  EXPECT_NE(location.find("metadata="), std::string::npos);
  EXPECT_NE(location.find("customerName=Kim"), std::string::npos);
  ASSERT_EQ(orders_.orders.size(), 1u);
  EXPECT_EQ(orders_.orders.begin()->second.amount, 45000);
  EXPECT_EQ(orders_.orders.begin()->second.member_id, MemberId(42));
}

TEST_F(OrderApiTest, SeedCheckoutPageNeedsTheBuyersTokenUnlessTheSeedBehaviourIsOn) {
  const std::string page =
      "/orders/payments?productId=7&productCount=1&memberId=42&deliveryCompany=LOTTE&address=Busan";
  EXPECT_EQ(Call(Method::kGet, page).status(), 401);
  EXPECT_EQ(Call(Method::kGet, page, {}, "member:7:BUYER").status(), 403);
  EXPECT_TRUE(orders_.orders.empty());

  http::Router seed;
  CheckoutSettings anonymous = checkout_;
  anonymous.seed_anonymous_checkout = true;
  AddOrderRoutes(seed, service_, blocking_, anonymous);
  http::Request req(Method::kGet, page);
  auto r = http::Dispatcher(seed, http::Authenticator(PlainTestToken)).DispatchBlocking(req);
  ASSERT_EQ(r.status(), 303) << r.body();
  ASSERT_EQ(orders_.orders.size(), 1u);
  EXPECT_EQ(orders_.orders.begin()->second.member_id, MemberId(42));
}

TEST_F(OrderApiTest, TheDeliveryServiceReadsAnOrderWithItsTokenOnly) {
  const std::string id = CreateOrder();
  http::Router internal;
  AddOrderInternalRoutes(internal, service_, blocking_, config::Secret("delivery-token-0123456789"));
  const auto get = [&](std::string path, std::string authorization) {
    http::Headers headers;
    if (!authorization.empty()) headers.Set("Authorization", authorization);
    http::Request req(Method::kGet, std::move(path), headers);
    return http::Dispatcher(internal, http::Authenticator(PlainTestToken)).DispatchBlocking(req);
  };
  auto r = get("/orders/internal/orders/" + id, "Bearer delivery-token-0123456789");
  ASSERT_EQ(r.status(), 200) << r.body();
  auto j = Json(r);
  EXPECT_EQ(j.at("status").as_string(), "CREATED");
  EXPECT_EQ(j.at("productCount").as_int64(), 2);
  EXPECT_EQ(j.at("memberId").as_int64(), 42);
  EXPECT_EQ(j.at("amount").as_int64(), 30000);
  EXPECT_EQ(j.at("paymentKey").as_string(), "");
  EXPECT_EQ(get("/orders/internal/orders/ORD0000000000000000000000000000ff", "Bearer delivery-token-0123456789").status(),
            404);
  // A member's token, a wrong token and none are refused; with no token configured, everything is.
  EXPECT_EQ(get("/orders/internal/orders/" + id, "Bearer member:42:ADMIN").status(), 401);
  EXPECT_EQ(get("/orders/internal/orders/" + id, "Bearer delivery-token-0123456788").status(), 401);
  EXPECT_EQ(get("/orders/internal/orders/" + id, "").status(), 401);
  http::Router closed;
  AddOrderInternalRoutes(closed, service_, blocking_, config::Secret());
  http::Request req(Method::kGet, "/orders/internal/orders/" + id);
  EXPECT_EQ(http::Dispatcher(closed, http::Authenticator(PlainTestToken)).DispatchBlocking(req).status(), 403);
}

TEST_F(OrderApiTest, RealTossRendersTheWidgetPage) {
  http::Router real;
  CheckoutSettings toss = checkout_;
  toss.toss_api_url = "https://api.tosspayments.com";
  toss.seed_anonymous_checkout = true;
  AddOrderRoutes(real, service_, blocking_, toss);
  http::Request req(Method::kGet,
                    "/orders/payments?productId=7&productCount=1&memberId=42&deliveryCompany=LOTTE&address=%3C%2Fscript%3E");
  const http::Dispatcher d(real, http::Authenticator(PlainTestToken));
  auto r = d.DispatchBlocking(req);
  ASSERT_EQ(r.status(), 200) << r.body();
  EXPECT_NE(r.body().find("js.tosspayments.com/v2/standard"), std::string::npos);
  EXPECT_NE(r.body().find("value: 15000"), std::string::npos);
  EXPECT_EQ(r.body().find("</script>\""), std::string::npos);  // the address cannot break out of the script
}

TEST_F(OrderApiTest, SuccessPageChecksTheAmountBeforeFinishing) {
  const std::string id = CreateOrder();
  auto bad = Call(Method::kGet, "/orders/success?paymentType=NORMAL&orderId=" + id + "&paymentKey=pk_1&amount=1");
  EXPECT_EQ(bad.status(), 422);
  EXPECT_TRUE(orders_.outbox.empty());
  EXPECT_EQ(orders_.orders[OrderId(id)].status, OrderStatus::kCreated);
  auto ok = Call(Method::kGet, "/orders/success?paymentType=NORMAL&orderId=" + id + "&paymentKey=pk_1&amount=30000");
  ASSERT_EQ(ok.status(), 200) << ok.body();
  EXPECT_NE(ok.body().find("/orders/orders/" + id), std::string::npos);
  EXPECT_EQ(orders_.orders[OrderId(id)].status, OrderStatus::kPaymentRequested);
  EXPECT_EQ(orders_.outbox.size(), 1u);
  // Reloading the success page changes nothing.
  EXPECT_EQ(Call(Method::kGet, "/orders/success?orderId=" + id + "&paymentKey=pk_1&amount=30000").status(), 200);
  EXPECT_EQ(orders_.outbox.size(), 1u);
}

TEST_F(OrderApiTest, FinishOrderIsOwnerOnlyAndIdempotent) {
  const std::string id = CreateOrder(42);
  const std::string body = R"({"paymentKey":"pk_9","orderId":")" + id + R"(","amount":30000})";
  EXPECT_EQ(Call(Method::kPost, "/orders/finish-order", body).status(), 401);
  EXPECT_EQ(Call(Method::kPost, "/orders/finish-order", body, "member:7:BUYER").status(), 403);
  auto first = Call(Method::kPost, "/orders/finish-order", body, "member:42:BUYER");
  ASSERT_EQ(first.status(), 201) << first.body();
  auto second = Call(Method::kPost, "/orders/finish-order", body, "member:42:BUYER");
  EXPECT_EQ(second.status(), 201);
  EXPECT_EQ(Json(first).at("status"), Json(second).at("status"));
  EXPECT_EQ(Json(first).at("orderStatus").as_string(), "INITIATED");
  EXPECT_EQ(orders_.outbox.size(), 1u);
  auto tampered = Call(Method::kPost, "/orders/finish-order",
                       R"({"paymentKey":"pk_9","orderId":")" + CreateOrder(42) + R"(","amount":1})", "member:42:BUYER");
  EXPECT_EQ(tampered.status(), 422);
  EXPECT_EQ(orders_.outbox.size(), 1u);
}

TEST_F(OrderApiTest, ReadsAreOwnerOrAdmin) {
  const std::string id = CreateOrder(42);
  auto mine = Call(Method::kGet, "/orders/orders/" + id, {}, "member:42:BUYER");
  ASSERT_EQ(mine.status(), 200);
  auto j = Json(mine);
  EXPECT_EQ(j.at("id").as_string(), id);
  EXPECT_EQ(j.at("orderStatus").as_string(), "INITIATED");
  EXPECT_EQ(j.at("status").as_string(), "CREATED");
  EXPECT_TRUE(j.at("deliveryId").is_null());
  EXPECT_EQ(j.at("history").as_array().size(), 1u);
  EXPECT_EQ(Call(Method::kGet, "/orders/order/" + id, {}, "member:42:BUYER").status(), 200);
  // The seed's exact path (/orders + /orders/order/{orderId}), with the same owner check.
  auto seed = Call(Method::kGet, "/orders/orders/order/" + id, {}, "member:42:BUYER");
  ASSERT_EQ(seed.status(), 200);
  EXPECT_EQ(Json(seed).at("id").as_string(), id);
  EXPECT_EQ(Call(Method::kGet, "/orders/orders/order/" + id, {}, "member:7:BUYER").status(), 403);
  EXPECT_EQ(Call(Method::kGet, "/orders/orders/order/" + id).status(), 401);
  EXPECT_EQ(Call(Method::kGet, "/orders/orders/" + id, {}, "member:7:BUYER").status(), 403);
  EXPECT_EQ(Call(Method::kGet, "/orders/orders/" + id, {}, "member:7:ADMIN").status(), 200);
  EXPECT_EQ(Call(Method::kGet, "/orders/orders/" + id).status(), 401);
  auto list = Call(Method::kGet, "/orders/users/42/orders?page=0&size=10", {}, "member:42:BUYER");
  ASSERT_EQ(list.status(), 200);
  EXPECT_EQ(json::parse(list.body()).as_array().size(), 1u);
  EXPECT_EQ(Call(Method::kGet, "/orders/users/42/orders", {}, "member:7:BUYER").status(), 403);
  EXPECT_EQ(Call(Method::kGet, "/orders/users/42/orders?size=0", {}, "member:42:BUYER").status(), 400);
}

TEST_F(OrderApiTest, CancelIsOwnerOnlyAndAnswersByState) {
  const std::string unpaid = CreateOrder(42);
  EXPECT_EQ(Call(Method::kPost, "/orders/order/" + unpaid + "/cancel").status(), 401);
  EXPECT_EQ(Call(Method::kPost, "/orders/order/" + unpaid + "/cancel", {}, "member:7:BUYER").status(), 403);
  EXPECT_EQ(Call(Method::kPost, "/orders/order/ORDnope/cancel", {}, "member:42:BUYER").status(), 404);
  auto cancelled = Call(Method::kPost, "/orders/order/" + unpaid + "/cancel", {}, "member:42:BUYER");
  ASSERT_EQ(cancelled.status(), 200) << cancelled.body();
  EXPECT_EQ(Json(cancelled).at("status").as_string(), "CANCELLED");
  EXPECT_TRUE(orders_.outbox.empty()) << "nothing was paid or reserved";

  const std::string shipped = CreateOrder(42);
  orders_.orders[OrderId(shipped)].status = OrderStatus::kInDelivery;
  auto late = Call(Method::kPost, "/orders/orders/" + shipped + "/cancel", {}, "member:42:BUYER");
  EXPECT_EQ(late.status(), 409);
  EXPECT_EQ(Json(late).at("code").as_string(), "order_not_cancellable");

  const std::string paid = CreateOrder(42);
  orders_.orders[OrderId(paid)].status = OrderStatus::kDeliveryRequested;
  orders_.orders[OrderId(paid)].payment_key = PaymentKey("pk_9");
  auto requested = Call(Method::kPost, "/orders/orders/" + paid + "/cancel", {}, "member:42:BUYER");
  ASSERT_EQ(requested.status(), 202) << requested.body();
  EXPECT_EQ(Json(requested).at("status").as_string(), "DELIVERY_REQUESTED");
  EXPECT_FALSE(Json(requested).at("cancelRequestedAt").is_null());
  ASSERT_EQ(orders_.outbox.size(), 1u);
  EXPECT_EQ(orders_.outbox[0].second, Emit::kShipmentCancelRequest);
  EXPECT_EQ(Call(Method::kPost, "/orders/orders/" + paid + "/cancel", {}, "member:42:ADMIN").status(), 202);
  EXPECT_EQ(orders_.outbox.size(), 1u) << "asked again: nothing new";
}

TEST_F(OrderApiTest, LongPollAnswersAtOnceWhenTheOrderMovedOnElseAfterTheWait) {
  const std::string id = CreateOrder(42);
  const std::string url = "/orders/orders/" + id;
  const std::string shown(Json(Call(Method::kGet, url, {}, "member:42:BUYER")).at("updatedAt").as_string());
  auto start = std::chrono::steady_clock::now();
  auto moved = Call(Method::kGet, url + "?since=2000-01-01T00:00:00.000Z&wait=20", {}, "member:42:BUYER");
  EXPECT_EQ(moved.status(), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  start = std::chrono::steady_clock::now();
  auto same = Call(Method::kGet, url + "?since=" + shown + "&wait=1", {}, "member:42:BUYER");
  EXPECT_EQ(same.status(), 200);
  EXPECT_EQ(Json(same).at("updatedAt").as_string(), shown);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500)) << "it waited";
  EXPECT_EQ(Call(Method::kGet, url + "?since=x&wait=21", {}, "member:42:BUYER").status(), 400);
  EXPECT_EQ(Call(Method::kGet, url + "?wait=5", {}, "member:42:BUYER").status(), 400);
  EXPECT_EQ(Call(Method::kGet, url + "?since=x&wait=5", {}, "member:7:BUYER").status(), 403) << "owner check first";
}

TEST_F(OrderApiTest, ASellerSeesTheOrdersForTheirProductsWithoutTheBuyersDetails) {
  orders_.product_sellers[ProductId(7)] = MemberId(5);
  CreateOrder(42);
  CreateOrder(43);
  auto r = Call(Method::kGet, "/orders/sellers/5/orders", {}, "member:5:SELLER");
  ASSERT_EQ(r.status(), 200) << r.body();
  const auto list = json::parse(r.body()).as_array();
  ASSERT_EQ(list.size(), 2u);
  const auto& first = list[0].as_object();
  EXPECT_EQ(first.at("productId").as_int64(), 7);
  EXPECT_EQ(first.at("status").as_string(), "CREATED");
  for (const char* hidden : {"address", "memberId", "paymentKey"}) EXPECT_FALSE(first.contains(hidden)) << hidden;
  EXPECT_EQ(json::parse(Call(Method::kGet, "/orders/sellers/6/orders", {}, "member:6:SELLER").body()).as_array().size(), 0u);
  EXPECT_EQ(Call(Method::kGet, "/orders/sellers/5/orders", {}, "member:6:SELLER").status(), 403);
  EXPECT_EQ(Call(Method::kGet, "/orders/sellers/5/orders", {}, "member:1:ADMIN").status(), 200);
  EXPECT_EQ(Call(Method::kGet, "/orders/sellers/5/orders?size=0", {}, "member:5:SELLER").status(), 400);
  EXPECT_EQ(Call(Method::kGet, "/orders/sellers/5/orders").status(), 401);
}

TEST_F(OrderApiTest, FailurePageEscapesItsInput) {
  auto r = Call(Method::kGet, "/orders/failure?code=PAY_PROCESS_CANCELED&message=%3Cb%3Ex&orderId=ORD1");
  EXPECT_EQ(r.status(), 200);
  EXPECT_NE(r.body().find("&lt;b&gt;x"), std::string::npos);
  EXPECT_EQ(r.body().find("<b>x"), std::string::npos);
}

}  // namespace
}  // namespace eda::order
