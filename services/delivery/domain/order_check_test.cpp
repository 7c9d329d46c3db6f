#include "delivery/domain/order_check.hpp"

#include <gtest/gtest.h>

namespace eda::delivery {
namespace {

DeliveryRequest Request() {
  DeliveryRequest r;
  r.order_id = OrderId("ORD0123456789abcdef0123456789abc");
  r.product_count = 2;
  r.member_id = MemberId(42);
  r.payment_key = PaymentKey("pk_1");
  r.amount = 30000;
  r.delivery_company = "LOTTE";
  r.address = "Seoul";
  return r;
}

OrderFacts Paid(std::string status = "STOCK_RESERVED") { return OrderFacts{std::move(status), 2, MemberId(42), 30000, PaymentKey("pk_1")}; }

TEST(RefuseDeliveryRequest, APaidMatchingOrderShips) {
  for (const char* status : {"PAID", "STOCK_RESERVED", "DELIVERY_REQUESTED", "IN_DELIVERY", "DELIVERED"}) {
    EXPECT_EQ(RefuseDeliveryRequest(Request(), Paid(status)), std::nullopt) << status;
  }
}

TEST(RefuseDeliveryRequest, AnUnknownOrUnpaidOrderShipsNothing) {
  EXPECT_EQ(RefuseDeliveryRequest(Request(), std::nullopt), kUnknownOrder);
  for (const char* status : {"CREATED", "PAYMENT_REQUESTED", "PAYMENT_FAILED", "CANCELLING", "CANCELLED", "EXPIRED"}) {
    EXPECT_EQ(RefuseDeliveryRequest(Request(), Paid(status)), kOrderNotPaid) << status;
  }
}

TEST(RefuseDeliveryRequest, ARequestNamingAnythingElseThanTheOrderShipsNothing) {
  auto more = Request();
  more.product_count = 1000;
  EXPECT_EQ(RefuseDeliveryRequest(more, Paid()), kOrderMismatch);
  auto other_buyer = Request();
  other_buyer.member_id = MemberId(7);
  EXPECT_EQ(RefuseDeliveryRequest(other_buyer, Paid()), kOrderMismatch);
  auto forged_key = Request();
  forged_key.payment_key = PaymentKey("forged-key-123");
  EXPECT_EQ(RefuseDeliveryRequest(forged_key, Paid()), kOrderMismatch);
  auto cheap = Request();
  cheap.amount = 1;
  EXPECT_EQ(RefuseDeliveryRequest(cheap, Paid()), kOrderMismatch);
}

}  // namespace
}  // namespace eda::delivery
