#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eda::loadgen {

// One line of a chart.
struct Series {
  std::string label;
  std::vector<std::pair<double, double>> points;  // (x, y), any order of x is drawn as given
};

struct ChartSpec {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool log_y = false;                               // log10 y axis (values <= 0 are dropped)
  std::vector<std::pair<double, std::string>> x_ticks;  // fixed x ticks; empty: 6 even ticks
  // A shaded x range (e.g. the measured window) with its label; none when from >= to.
  double band_from = 0;
  double band_to = 0;
  std::string band_label;
  int width = 860;
  int height = 380;
};

// A self-contained SVG line chart (axes, grid, ticks, legend; colours from a fixed palette).
// Empty series are left out; with no point at all the chart says "no data".
std::string LineChart(const ChartSpec& spec, const std::vector<Series>& series);

// The HDR-style percentile spectrum of a histogram given as {bucket high value, count} pairs in
// ascending order: x = log10(1 / (1 - q)) (0 = p0, 1 = p90, 2 = p99, 3 = p99.9, ...), y = value
// scaled by `scale` (e.g. 0.001 for microseconds → milliseconds). The last bucket is drawn at
// q = 1 - 1/(2 * count) so it stays finite.
std::vector<std::pair<double, double>> PercentileSpectrum(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& buckets,
                                                          double scale);
// Ticks for a percentile spectrum axis up to `nines` (2 → 50%, 90%, 99%).
std::vector<std::pair<double, std::string>> PercentileTicks(int nines);

std::string XmlEscape(std::string_view text);

}  // namespace eda::loadgen
