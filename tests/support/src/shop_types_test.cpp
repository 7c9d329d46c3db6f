#include <cstdlib>

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "eda/e2e/blocking_http.hpp"
#include "eda/e2e/http_result.hpp"
#include "eda/e2e/shop_types.hpp"
#include "eda/e2e/stack_urls.hpp"

namespace eda::e2e {
namespace {

TEST(ParseCheckoutUrl, ReadsEveryWindowParameterDecoded) {
  const std::string url =
      "http://127.0.0.1:28090/sandbox/checkout?clientKey=test_ck_abc&orderId=ord-42_X&orderName=%EC%83%81%ED%92%88%20x2"
      "&amount=24000&currency=KRW&customerKey=member-7"
      "&successUrl=http%3A%2F%2F127.0.0.1%3A28086%2Forders%2Fsuccess&failUrl=http%3A%2F%2F127.0.0.1%3A28086%2Forders%2Ffailure"
      "&metadata=%7B%22address%22%3A%22Seoul%201%22%2C%22productId%22%3A%223%22%7D&customerName=Kim";
  const auto c = ParseCheckoutUrl(url);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->window_url, url);
  EXPECT_EQ(c->client_key, "test_ck_abc");
  EXPECT_EQ(c->order_id, "ord-42_X");
  EXPECT_EQ(c->order_name, "\xEC\x83\x81\xED\x92\x88 x2");
  EXPECT_EQ(c->amount, 24000);
  EXPECT_EQ(c->currency, "KRW");
  EXPECT_EQ(c->customer_key, "member-7");
  EXPECT_EQ(c->success_url, "http://127.0.0.1:28086/orders/success");
  EXPECT_EQ(c->fail_url, "http://127.0.0.1:28086/orders/failure");
  EXPECT_EQ(c->metadata, R"({"address":"Seoul 1","productId":"3"})");
  EXPECT_EQ(c->customer_name, "Kim");
  EXPECT_TRUE(c->customer_email.empty());
}

TEST(ParseCheckoutUrl, RefusesOtherPathsMissingOrderOrBadAmount) {
  EXPECT_FALSE(ParseCheckoutUrl("http://127.0.0.1:1/orders/checkout/x?orderId=abcdef&amount=1"));
  EXPECT_FALSE(ParseCheckoutUrl("http://127.0.0.1:1/sandbox/checkout?amount=1"));
  EXPECT_FALSE(ParseCheckoutUrl("http://127.0.0.1:1/sandbox/checkout?orderId=abcdef&amount=12x"));
  EXPECT_FALSE(ParseCheckoutUrl("http://127.0.0.1:1/sandbox/checkout?orderId=abcdef"));
  EXPECT_FALSE(ParseCheckoutUrl("not a url"));
}

TEST(OrderSnapshot, HistoryPathAndReached) {
  OrderSnapshot s;
  s.history = {{"CREATED", "CREATED", "created", ""}, {"CREATED", "PAYMENT_REQUESTED", "finish", ""}, {"PAYMENT_REQUESTED", "PAID", "", ""}};
  EXPECT_EQ(s.HistoryPath(), "CREATED>PAYMENT_REQUESTED>PAID");
  EXPECT_TRUE(s.Reached("PAID"));
  EXPECT_FALSE(s.Reached("DELIVERED"));
}

TEST(ParseOrderSnapshot, DecodesTheOrderJson) {
  const auto s = ParseOrderSnapshot(boost::json::parse(R"({"id":"abc123","deliveryId":null,"memberId":7,"orderName":"x",
      "productCount":2,"amount":24000,"orderStatus":"INITIATED","paymentKey":null,"status":"CREATED","productId":3,
      "flagged":false,"history":[{"from":"CREATED","to":"CREATED","reason":"created","at":"t"}]})"));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->id, "abc123");
  EXPECT_EQ(s->status, "CREATED");
  EXPECT_EQ(s->seed_status, "INITIATED");
  EXPECT_EQ(s->amount, 24000);
  EXPECT_EQ(s->product_id, 3);
  EXPECT_EQ(s->product_count, 2);
  EXPECT_EQ(s->member_id, 7);
  EXPECT_TRUE(s->payment_key.empty());
  EXPECT_FALSE(s->delivery_id.has_value());
  ASSERT_EQ(s->history.size(), 1u);
  EXPECT_EQ(s->history[0].reason, "created");
  EXPECT_FALSE(ParseOrderSnapshot(boost::json::parse(R"({"status":"CREATED"})")).has_value());
  EXPECT_FALSE(ParseOrderSnapshot(boost::json::parse("[]")).has_value());
}

TEST(IsTerminalStatus, OnlyTheFourEnds) {
  for (const char* s : {"DELIVERED", "PAYMENT_FAILED", "CANCELLED", "EXPIRED"}) EXPECT_TRUE(IsTerminalStatus(s)) << s;
  for (const char* s : {"CREATED", "PAYMENT_REQUESTED", "PAID", "STOCK_RESERVED", "DELIVERY_REQUESTED", "IN_DELIVERY", "CANCELLING"}) {
    EXPECT_FALSE(IsTerminalStatus(s)) << s;
  }
}

TEST(StackUrls, DefaultsToTheTestProfileAndRefusesNonLoopback) {
  ::unsetenv("EDA_ORDER_URL");
  ::setenv("EDA_MEMBER_URL", "http://localhost:38081/", 1);
  const StackUrls u = StackUrls::FromEnv();
  EXPECT_EQ(u.order, "http://127.0.0.1:28086");
  EXPECT_EQ(u.member, "http://localhost:38081");
  ::setenv("EDA_MEMBER_URL", "http://example.com:80", 1);
  EXPECT_THROW(StackUrls::FromEnv(), std::invalid_argument);
  ::unsetenv("EDA_MEMBER_URL");
}

TEST(HttpResult, DescribeAndErrorCode) {
  HttpResult r;
  r.method = "POST";
  r.url = "http://127.0.0.1:1/orders";
  r.status = 422;
  r.body = R"({"code":"amount_mismatch","status":422})";
  r.json = boost::json::parse(r.body);
  EXPECT_EQ(r.ErrorCode(), "amount_mismatch");
  EXPECT_EQ(r.Describe(), "POST http://127.0.0.1:1/orders -> 422 " + r.body);
  HttpResult none;
  none.method = "GET";
  none.url = "http://127.0.0.1:1/x";
  none.error = "http.connect: refused";
  EXPECT_EQ(none.Describe(), "GET http://127.0.0.1:1/x -> no answer (http.connect: refused)");
  EXPECT_EQ(none.ErrorCode(), "");
}

TEST(BlockingHttp, NoServerIsStatusZeroWithAnError) {
  const BlockingHttp http(std::chrono::milliseconds(2000));
  const HttpResult r = http.Get("http://127.0.0.1:1/health/ready");
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.answered());
  EXPECT_NE(r.error.find("http."), std::string::npos) << r.error;
}

}  // namespace
}  // namespace eda::e2e
