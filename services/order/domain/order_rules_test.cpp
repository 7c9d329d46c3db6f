#include "order/domain/order_rules.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace eda::order {
namespace {

TEST(OrderRules, AmountIsPriceTimesCount) {
  EXPECT_EQ(ComputeAmount(15000, 3).value(), 45000);
  EXPECT_EQ(ComputeAmount(0, 1).value(), 0);
  EXPECT_EQ(ComputeAmount(15000, 0).error().code, OrderErrc::kInvalidRequest);
  EXPECT_EQ(ComputeAmount(15000, kMaxProductCount + 1).error().code, OrderErrc::kInvalidRequest);
  EXPECT_EQ(ComputeAmount(-1, 1).error().code, OrderErrc::kInvalidRequest);
  EXPECT_EQ(ComputeAmount(std::numeric_limits<std::int64_t>::max() / 2, 3).error().code, OrderErrc::kInvalidRequest);
}

TEST(OrderRules, OrderIdHasTheSeedFormat) {
  const std::string id = FormatOrderId(std::string(15, '\xab'));
  std::string hex;
  for (int i = 0; i < 15; ++i) hex += "ab";
  EXPECT_EQ(id, "ORD" + hex);
  EXPECT_TRUE(IsValidOrderId(id));
  EXPECT_FALSE(IsValidOrderId("ORD123"));
  EXPECT_FALSE(IsValidOrderId("XYZ" + std::string(30, 'a')));
  EXPECT_FALSE(IsValidOrderId("ORD" + std::string(30, 'g')));
}

TEST(OrderRules, OrderName) {
  EXPECT_EQ(MakeOrderName("Mug", 1), "Mug");
  EXPECT_EQ(MakeOrderName("Mug", 3), "Mug x 3");
}

}  // namespace
}  // namespace eda::order
