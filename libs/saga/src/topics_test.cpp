#include "eda/saga/topics.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace eda::saga {
namespace {

TEST(SagaTopics, AreDistinctValidKafkaNamesWithRoomForTheRetryAndDlqSuffixes) {
  std::set<std::string_view> seen;
  for (std::string_view t : kAllTopics) {
    EXPECT_TRUE(seen.insert(t).second) << t << " listed twice";
    EXPECT_FALSE(t.empty());
    // Room for the longest retry topic, "<topic>.retry.<group>" (groups are service names).
    EXPECT_LE(t.size() + std::string_view(".retry.delivery").size(), 249u) << t;
    for (char c : t) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.';
      EXPECT_TRUE(ok) << t << " has '" << c << "'";
    }
  }
}

TEST(SagaTopics, KeepTheSeedSystemsNames) {
  EXPECT_EQ(kPaymentConfirmRequest, "payment-confirm-request");
  EXPECT_EQ(kPaymentConfirmResponse, "payment-confirm-response");
  EXPECT_EQ(kStockRequest, "catalog-decrement-request-delivery-request");
  EXPECT_EQ(kDeliveryRequest, "delivery-request");
  EXPECT_EQ(kOrderComplete, "order-complete");
  EXPECT_EQ(kDeliveryStatusUpdate, "delivery-status-update");
  EXPECT_EQ(kProductTagsAdded, "product_tags_added");
  EXPECT_EQ(kProductTagsRemoved, "product_tags_removed");
}

}  // namespace
}  // namespace eda::saga
