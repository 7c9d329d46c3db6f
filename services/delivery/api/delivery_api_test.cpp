// The delivery routes through the kernel's Dispatcher (no sockets) over a fake directory, with real
// tokens from the auth testing fixture; and the OpenAPI coverage check. Label unit.
#include "delivery/api/delivery_routes.hpp"

#include <gtest/gtest.h>

#include <map>

#include <boost/json.hpp>

#include "delivery/api/openapi_document.hpp"
#include "delivery/domain/delivery_service.hpp"
#include "delivery/domain/testing/fake_ports.hpp"
#include "eda/auth/http_token_verifier.hpp"
#include "eda/auth/testing/test_tokens.hpp"
#include "eda/http/dispatcher.hpp"
#include "eda/http/openapi_check.hpp"

namespace eda::delivery {
namespace {

namespace json = boost::json;

// DeliveryDirectory in memory; Process runs the real use case over the fake store and carriers.
class FakeDirectory : public DeliveryDirectory {
 public:
  Result<std::optional<Delivery>> FindById(DeliveryId id) override {
    for (const auto& [order, d] : store.by_order) {
      if (d.id == id) return std::optional<Delivery>{d};
    }
    return std::optional<Delivery>{};
  }
  Result<std::optional<Delivery>> FindByOrder(const OrderId& order_id) override {
    return store.FindByOrderForUpdate(order_id);
  }
  Result<MemberAddress> InsertAddress(const MemberAddress& a) override {
    MemberAddress saved = a;
    saved.id = next_address_++;
    addresses[saved.id] = saved;
    return saved;
  }
  Result<std::optional<MemberAddress>> FindAddress(std::int64_t id) override {
    auto it = addresses.find(id);
    if (it == addresses.end()) return std::optional<MemberAddress>{};
    return std::optional<MemberAddress>{it->second};
  }
  Result<std::vector<MemberAddress>> ListAddresses(MemberId member_id) override {
    std::vector<MemberAddress> out;
    for (const auto& [id, a] : addresses) {
      if (a.member_id == member_id) out.push_back(a);
    }
    return out;
  }
  Result<Delivery> Process(const DeliveryRequest& r) override {
    auto res = ProcessDeliveryRequest(r, store.Runner(), carriers, store.Runner());
    if (!res) return res.error();
    return res->delivery;
  }

  testing::FakeStore store;
  testing::FakeDirectory carriers;
  std::map<std::int64_t, MemberAddress> addresses;

 private:
  std::int64_t next_address_ = 1;
};

class DeliveryApiTest : public ::testing::Test {
 protected:
  DeliveryApiTest() : blocking_(2) { AddDeliveryRoutes(router_, dir_, blocking_); }

  http::Response Call(http::Method method, const std::string& target, const std::string& token, std::string body = "") {
    http::Headers headers;
    if (!token.empty()) headers.Set("Authorization", "Bearer " + token);
    if (!body.empty()) headers.Set("Content-Type", "application/json");
    http::Request req(method, target, headers, std::move(body));
    http::Dispatcher d(router_, http::Authenticator(auth::MakeHttpTokenVerifier(tokens_.verifier(), tokens_.revocations())));
    return d.DispatchBlocking(req);
  }
  static json::value Body(const http::Response& r) { return json::parse(r.body()); }
  std::string Buyer(std::int64_t id) { return tokens_.AccessToken(id); }
  std::string Admin() { return tokens_.AccessToken(1, {auth::Role::kAdmin}); }

  auth::testing::TestTokens tokens_;
  FakeDirectory dir_;
  http::BlockingPool blocking_;
  http::Router router_;
};

TEST_F(DeliveryApiTest, EveryRouteIsDocumented) {
  auto missing = http::UndocumentedRoutes(router_, OpenApiDocument());
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->empty()) << (missing->empty() ? "" : missing->front());
}

TEST_F(DeliveryApiTest, AddressesAreOwnerChecked) {
  auto r = Call(http::Method::kPost, "/delivery/addresses/register", Buyer(7),
                R"({"memberId":7,"address":"Seoul, Gangnam 1","alias":"home"})");
  ASSERT_EQ(r.status(), 201) << r.body();
  const auto id = Body(r).at("id").as_int64();
  EXPECT_EQ(Body(r).at("alias").as_string(), "home");
  EXPECT_EQ(Call(http::Method::kPost, "/delivery/addresses/register", Buyer(8),
                 R"({"memberId":7,"address":"x"})").status(), 403);
  EXPECT_EQ(Call(http::Method::kPost, "/delivery/addresses/register", "", R"({"memberId":7,"address":"x"})").status(), 401);
  r = Call(http::Method::kPost, "/delivery/addresses/register", Buyer(7), R"({"memberId":7,"address":""})");
  EXPECT_EQ(r.status(), 400);
  EXPECT_EQ(Body(r).at("code").as_string(), "validation_failed");

  const std::string one = "/delivery/address/" + std::to_string(id);
  EXPECT_EQ(Call(http::Method::kGet, one, Buyer(7)).status(), 200);
  EXPECT_EQ(Call(http::Method::kGet, one, Buyer(8)).status(), 403);
  EXPECT_EQ(Call(http::Method::kGet, one, Admin()).status(), 200);
  r = Call(http::Method::kGet, "/delivery/address/999", Buyer(7));
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(Body(r).at("code").as_string(), "address_not_found");
  EXPECT_EQ(Call(http::Method::kGet, "/delivery/address/abc", Buyer(7)).status(), 400);

  r = Call(http::Method::kGet, "/delivery/members/7/addresses", Buyer(7));
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(Body(r).as_array().size(), 1U);
  EXPECT_EQ(Call(http::Method::kGet, "/delivery/members/7/addresses", Buyer(8)).status(), 403);
}

TEST_F(DeliveryApiTest, ProcessDeliveryIsAdminOnlyAndIdempotent) {
  const std::string body =
      R"({"orderId":"ORD1","orderName":"water","address":"Seoul 1","deliveryCompany":"CJ","productCount":2,"memberId":7,"amount":2000})";
  EXPECT_EQ(Call(http::Method::kPost, "/delivery/process-delivery", Buyer(7), body).status(), 403);
  auto r = Call(http::Method::kPost, "/delivery/process-delivery", Admin(), body);
  ASSERT_EQ(r.status(), 200) << r.body();
  auto d = Body(r).as_object();
  EXPECT_EQ(d.at("deliveryStatus").as_string(), "REQUESTED");
  EXPECT_EQ(d.at("referenceCode").as_string(), "CJ-ORD1");
  EXPECT_EQ(d.at("productName").as_string(), "water");
  r = Call(http::Method::kPost, "/delivery/process-delivery", Admin(), body);
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(Body(r).at("deliveryId").as_int64(), d.at("deliveryId").as_int64());
  EXPECT_EQ(dir_.store.events.size(), 1U);

  const auto id = std::to_string(d.at("deliveryId").as_int64());
  EXPECT_EQ(Call(http::Method::kGet, "/delivery/orders/ORD1", Buyer(7)).status(), 200);
  EXPECT_EQ(Call(http::Method::kGet, "/delivery/orders/ORD1", Buyer(8)).status(), 403);
  EXPECT_EQ(Call(http::Method::kGet, "/delivery/deliveries/" + id, Buyer(7)).status(), 200);
  r = Call(http::Method::kGet, "/delivery/deliveries/999", Buyer(7));
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(Body(r).at("code").as_string(), "delivery_not_found");

  dir_.carriers.Get("HANJIN").book_error = Error::Transient("carrier.unavailable", "down");
  r = Call(http::Method::kPost, "/delivery/process-delivery", Admin(),
           R"({"orderId":"ORD2","address":"Seoul 1","deliveryCompany":"HANJIN","productCount":1,"memberId":7})");
  EXPECT_EQ(r.status(), 503);
  EXPECT_EQ(Body(r).at("code").as_string(), "carrier_unavailable");

  r = Call(http::Method::kPost, "/delivery/process-delivery", Admin(),
           R"({"orderId":"ORD3","address":"Seoul 1","deliveryCompany":"DHL","productCount":1,"memberId":7})");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(Body(r).at("deliveryStatus").as_string(), "FAILED");
  EXPECT_EQ(Body(r).at("failureReason").as_string(), "unknown carrier DHL");
}

}  // namespace
}  // namespace eda::delivery
