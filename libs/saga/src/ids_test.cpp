#include "eda/saga/ids.hpp"

#include <gtest/gtest.h>

#include <type_traits>
#include <unordered_set>

namespace eda::saga {
namespace {

TEST(SagaIds, AreDistinctTypesThatCannotBeSwapped) {
  static_assert(!std::is_same_v<OrderId, PaymentKey>);
  static_assert(!std::is_same_v<MemberId, ProductId>);
  static_assert(!std::is_convertible_v<std::string, OrderId>);
  static_assert(!std::is_convertible_v<std::int64_t, MemberId>);
  static_assert(!std::is_convertible_v<OrderId, PaymentKey>);
}

TEST(SagaIds, CompareAndHashByValue) {
  EXPECT_EQ(OrderId("ORD1"), OrderId("ORD1"));
  EXPECT_LT(ProductId(7), ProductId(8));
  std::unordered_set<PaymentKey> keys{PaymentKey("pk1"), PaymentKey("pk1"), PaymentKey("pk2")};
  EXPECT_EQ(keys.size(), 2U);
  EXPECT_EQ(MemberId(42).value(), 42);
}

}  // namespace
}  // namespace eda::saga
