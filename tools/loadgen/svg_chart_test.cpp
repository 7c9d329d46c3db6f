#include "loadgen/svg_chart.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace eda::loadgen {
namespace {

std::size_t Occurrences(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(SvgChart, DrawsOneLinePerNonEmptySeriesWithEscapedLabels) {
  ChartSpec spec;
  spec.title = "p99 <ms> & more";
  const std::string svg = LineChart(spec, {Series{"a<b", {{0, 1}, {1, 2}, {2, 3}}}, Series{"empty", {}},
                                           Series{"c", {{0, 5}, {2, 0}}}});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(Occurrences(svg, "<polyline"), 2u);
  EXPECT_NE(svg.find("p99 &lt;ms&gt; &amp; more"), std::string::npos);
  EXPECT_NE(svg.find("a&lt;b"), std::string::npos);
  EXPECT_EQ(svg.find("empty"), std::string::npos);
}

TEST(SvgChart, SaysNoDataWhenThereIsNone) {
  const std::string svg = LineChart(ChartSpec{}, {Series{"x", {}}});
  EXPECT_NE(svg.find("no data"), std::string::npos);
  EXPECT_EQ(Occurrences(svg, "<polyline"), 0u);
}

TEST(SvgChart, LogAxisDropsNonPositiveValues) {
  ChartSpec spec;
  spec.log_y = true;
  const std::string svg = LineChart(spec, {Series{"x", {{0, 0}, {1, 10}, {2, 1000}}}});
  EXPECT_EQ(Occurrences(svg, "<polyline"), 1u);
  EXPECT_NE(svg.find(">1000<"), std::string::npos);
}

TEST(PercentileSpectrum, StepsUpToTheTail) {
  // 90 values in the 1 ms bucket, 9 at 10 ms, 1 at 100 ms (values in microseconds).
  const auto pts = PercentileSpectrum({{1000, 90}, {10000, 9}, {100000, 1}}, 0.001);
  ASSERT_EQ(pts.size(), 6u);
  EXPECT_DOUBLE_EQ(pts[0].first, 0.0);
  EXPECT_DOUBLE_EQ(pts[0].second, 1.0);
  EXPECT_NEAR(pts[1].first, 1.0, 1e-9);  // p90
  EXPECT_NEAR(pts[3].first, 2.0, 1e-9);  // p99
  EXPECT_DOUBLE_EQ(pts[3].second, 10.0);
  EXPECT_DOUBLE_EQ(pts[5].second, 100.0);
  EXPECT_TRUE(std::isfinite(pts[5].first));
  for (std::size_t i = 1; i < pts.size(); ++i) EXPECT_GE(pts[i].first, pts[i - 1].first);
  EXPECT_TRUE(PercentileSpectrum({}, 1).empty());
}

TEST(PercentileSpectrum, TicksNameTheNines) {
  const auto t = PercentileTicks(3);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[1].second, "50%");
  EXPECT_EQ(t[2].second, "90%");
  EXPECT_EQ(t[3].second, "99%");
  EXPECT_EQ(t[4].second, "99.9%");
}

}  // namespace
}  // namespace eda::loadgen
