#include "eda/saga/routes.hpp"

#include <gtest/gtest.h>

#include <set>

namespace eda::saga {
namespace {

TEST(SagaRoutes, EveryTopicHasExactlyOneRoute) {
  std::multiset<std::string_view> routed;
  for (const Route& r : kRoutes) routed.insert(r.topic);
  for (std::string_view t : kAllTopics) EXPECT_EQ(routed.count(t), 1u) << t << ": add its route to kRoutes";
  EXPECT_EQ(routed.size(), kAllTopics.size()) << "a route names a topic that kAllTopics does not list";
}

TEST(SagaRoutes, NameKnownServicesAndNoServiceConsumesTwiceOrItsOwnSagaStep) {
  const std::set<std::string_view> services = {kCatalog, kDelivery, kMember, kOrder, kPayment, kSearch};
  for (const Route& r : kRoutes) {
    EXPECT_TRUE(services.contains(r.producer)) << r.topic;
    std::set<std::string_view> seen;
    for (std::string_view c : r.consumers) {
      if (c.empty()) continue;
      EXPECT_TRUE(services.contains(c)) << r.topic << " consumer " << c;
      EXPECT_TRUE(seen.insert(c).second) << r.topic << " lists " << c << " twice";
    }
  }
}

TEST(SagaRoutes, OnlyPaymentAnswersAConfirmRequestAndOnlyCatalogAsksForDelivery) {
  for (const Route& r : kRoutes) {
    if (r.topic == kPaymentConfirmResponse) {
      EXPECT_EQ(r.producer, kPayment);
    }
    if (r.topic == kDeliveryRequest) {
      EXPECT_EQ(r.producer, kCatalog);
    }
  }
}

}  // namespace
}  // namespace eda::saga
