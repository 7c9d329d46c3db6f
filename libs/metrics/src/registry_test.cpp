#include "eda/metrics/registry.hpp"

#include <gtest/gtest.h>

namespace eda::metrics {
namespace {

TEST(RegistryTest, CounterWithLabelsSerializedAsText) {
  Registry r;
  auto& fam = r.CounterFamily("eda_test_requests_total", "Requests");
  fam.Add({{"route", "/a"}, {"status", "200"}}).Increment(3);
  auto text = r.Serialize();
  EXPECT_NE(text.find("# TYPE eda_test_requests_total counter"), std::string::npos) << text;
  EXPECT_NE(text.find("eda_test_requests_total{route=\"/a\",status=\"200\"} 3"), std::string::npos) << text;
}

TEST(RegistryTest, SameNameReturnsSameFamily) {
  Registry r;
  auto& a = r.CounterFamily("eda_x_total", "x");
  auto& b = r.CounterFamily("eda_x_total", "x");
  EXPECT_EQ(&a, &b);
  r.AddCounter("eda_x_total", "x", {{"k", "v"}}).Increment();
  EXPECT_EQ(a.Add({{"k", "v"}}).Value(), 1);
}

TEST(RegistryTest, HistogramAndGauge) {
  Registry r;
  auto& h = r.AddHistogram("eda_lat_seconds", "lat", Registry::LatencyBuckets(), {{"route", "/x"}});
  h.Observe(0.003);
  r.AddGauge("eda_backlog", "backlog").Set(5);
  auto text = r.Serialize();
  EXPECT_NE(text.find("eda_lat_seconds_bucket{route=\"/x\",le=\"0.005\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("eda_lat_seconds_count{route=\"/x\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("eda_backlog 5"), std::string::npos) << text;
}

}  // namespace
}  // namespace eda::metrics
