#include "loadgen/report.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace eda::loadgen {
namespace {

namespace json = boost::json;

json::object Scenario(const std::string& text) { return json::parse(text).as_object(); }

TEST(CpuMsPerPurchase, DividesEachProcessesWindowCpuByThePurchases) {
  const auto s = Scenario(R"({"name": "rate-100", "totals": {"purchases": 200},
      "processes": {"order": {"cpu_seconds": 0.5}, "catalog": {"cpu_seconds": 0.2}, "loadgen": {"cpu_seconds": 1.0}}})");
  const json::object cpu = CpuMsPerPurchase(s);
  EXPECT_DOUBLE_EQ(cpu.at("order").as_double(), 2.5);
  EXPECT_DOUBLE_EQ(cpu.at("catalog").as_double(), 1.0);
  EXPECT_DOUBLE_EQ(cpu.at("loadgen").as_double(), 5.0);
  EXPECT_DOUBLE_EQ(cpu.at("all but loadgen").as_double(), 3.5);
  EXPECT_TRUE(CpuMsPerPurchase(Scenario(R"({"totals": {"purchases": 0}, "processes": {}})")).empty());
}

TEST(Headline, TheSustainableRateIsTheHighestMarkedOne) {
  ReportInput in;
  in.scenarios.push_back(Scenario(R"({"name": "rate-50", "rate_search": {"target_rate": 50, "sustainable": true},
      "totals": {"purchases": 100}, "processes": {"order": {"cpu_seconds": 0.1}},
      "flows": {"saga.delivery_requested": {"latency": {"p50_ms": 20, "p99_ms": 90}}}})"));
  in.scenarios.push_back(Scenario(R"({"name": "rate-200", "rate_search": {"target_rate": 200, "sustainable": false,
      "why_not": "p99 4000 ms >= 1000 ms"}, "totals": {"purchases": 300}})"));
  in.scenarios.push_back(Scenario(R"({"name": "rate-100", "rate_search": {"target_rate": 100, "sustainable": true},
      "totals": {"purchases": 200}, "processes": {"order": {"cpu_seconds": 0.4}},
      "flows": {"saga.delivery_requested": {"latency": {"p50_ms": 30, "p99_ms": 400}}}})"));
  const json::object h = Headline(in);
  EXPECT_DOUBLE_EQ(h.at("sustainable_saga_rate_per_second").as_double(), 100);
  EXPECT_DOUBLE_EQ(h.at("sustainable_p99_ms").as_double(), 400);
  EXPECT_DOUBLE_EQ(h.at("sustainable_cpu_ms_per_purchase").as_object().at("order").as_double(), 2.0);
}

}  // namespace
}  // namespace eda::loadgen
