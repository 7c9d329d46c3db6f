#include "loadgen/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace eda::loadgen {
namespace {

constexpr const char* kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                                    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"};

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string TickLabel(double v) {
  char buf[32];
  const double a = std::fabs(v);
  if (a < 1e-9) return "0";
  if (a >= 10000) std::snprintf(buf, sizeof buf, "%.0fk", v / 1000);
  else if (a >= 100 || v == std::floor(v)) std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 1) std::snprintf(buf, sizeof buf, "%.1f", v);
  else std::snprintf(buf, sizeof buf, "%.2g", v);
  return buf;
}

// A "nice" step (1, 2, 5 x 10^k) giving about `n` intervals over `span`.
double NiceStep(double span, int n) {
  if (span <= 0) return 1;
  const double raw = span / n;
  const double mag = std::pow(10, std::floor(std::log10(raw)));
  const double f = raw / mag;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string LineChart(const ChartSpec& spec, const std::vector<Series>& series) {
  const double left = 70, right = 190, top = 40, bottom = 50;
  const double w = spec.width, h = spec.height;
  const double pw = w - left - right, ph = h - top - bottom;
  double xmin = std::numeric_limits<double>::max(), xmax = std::numeric_limits<double>::lowest();
  double ymin = std::numeric_limits<double>::max(), ymax = std::numeric_limits<double>::lowest();
  auto ty = [&](double y) { return spec.log_y ? std::log10(y) : y; };
  std::size_t points = 0;
  for (const auto& s : series) {
    for (const auto& [x, y] : s.points) {
      if (spec.log_y && y <= 0) continue;
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      xmin = std::min(xmin, x);
      xmax = std::max(xmax, x);
      ymin = std::min(ymin, ty(y));
      ymax = std::max(ymax, ty(y));
      ++points;
    }
  }
  for (const auto& [x, label] : spec.x_ticks) {
    xmin = std::min(xmin, x);
    xmax = std::max(xmax, x);
  }
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << spec.width << "\" height=\"" << spec.height
      << "\" viewBox=\"0 0 " << spec.width << ' ' << spec.height << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  out << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "<text x=\"" << Num(w / 2 - right / 2) << "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">"
      << XmlEscape(spec.title) << "</text>\n";
  if (points == 0) {
    out << "<text x=\"" << Num(w / 2) << "\" y=\"" << Num(h / 2) << "\" text-anchor=\"middle\">no data</text>\n</svg>\n";
    return out.str();
  }
  if (!spec.log_y) ymin = std::min(ymin, 0.0);
  if (ymax <= ymin) ymax = ymin + 1;
  if (xmax <= xmin) xmax = xmin + 1;
  if (spec.log_y) {
    ymin = std::floor(ymin);
    ymax = std::ceil(ymax);
    if (ymax <= ymin) ymax = ymin + 1;
  } else {
    const double step = NiceStep(ymax - ymin, 5);
    ymax = std::ceil(ymax / step) * step;
  }
  auto px = [&](double x) { return left + (x - xmin) / (xmax - xmin) * pw; };
  auto py = [&](double y) { return top + ph - (ty(y) - ymin) / (ymax - ymin) * ph; };
  auto py_raw = [&](double t) { return top + ph - (t - ymin) / (ymax - ymin) * ph; };

  if (spec.band_to > spec.band_from) {
    const double b0 = px(std::max(spec.band_from, xmin)), b1 = px(std::min(spec.band_to, xmax));
    if (b1 > b0) {
      out << "<rect x=\"" << Num(b0) << "\" y=\"" << Num(top) << "\" width=\"" << Num(b1 - b0) << "\" height=\"" << Num(ph)
          << "\" fill=\"#eef3fb\"/>\n";
      out << "<text x=\"" << Num((b0 + b1) / 2) << "\" y=\"" << Num(top + 14) << "\" text-anchor=\"middle\" fill=\"#678\">"
          << XmlEscape(spec.band_label) << "</text>\n";
    }
  }
  // Grid and y ticks.
  out << "<g stroke=\"#ddd\" stroke-width=\"1\">\n";
  std::vector<std::pair<double, std::string>> yt;
  if (spec.log_y) {
    for (double e = ymin; e <= ymax + 1e-9; e += 1) yt.emplace_back(e, TickLabel(std::pow(10, e)));
  } else {
    const double step = NiceStep(ymax - ymin, 5);
    for (double v = ymin; v <= ymax + step * 1e-6; v += step) yt.emplace_back(v, TickLabel(v));
  }
  for (const auto& [t, label] : yt) {
    out << "<line x1=\"" << Num(left) << "\" x2=\"" << Num(left + pw) << "\" y1=\"" << Num(py_raw(t)) << "\" y2=\""
        << Num(py_raw(t)) << "\"/>\n";
  }
  std::vector<std::pair<double, std::string>> xt = spec.x_ticks;
  if (xt.empty()) {
    const double step = NiceStep(xmax - xmin, 6);
    for (double v = std::ceil(xmin / step) * step; v <= xmax + step * 1e-6; v += step) xt.emplace_back(v, TickLabel(v));
  }
  for (const auto& [x, label] : xt) {
    out << "<line y1=\"" << Num(top) << "\" y2=\"" << Num(top + ph) << "\" x1=\"" << Num(px(x)) << "\" x2=\"" << Num(px(x))
        << "\"/>\n";
  }
  out << "</g>\n<g fill=\"#333\">\n";
  for (const auto& [t, label] : yt) {
    out << "<text x=\"" << Num(left - 6) << "\" y=\"" << Num(py_raw(t) + 4) << "\" text-anchor=\"end\">" << XmlEscape(label)
        << "</text>\n";
  }
  for (const auto& [x, label] : xt) {
    out << "<text x=\"" << Num(px(x)) << "\" y=\"" << Num(top + ph + 16) << "\" text-anchor=\"middle\">" << XmlEscape(label)
        << "</text>\n";
  }
  out << "<text x=\"" << Num(left + pw / 2) << "\" y=\"" << Num(h - 10) << "\" text-anchor=\"middle\">"
      << XmlEscape(spec.x_label) << "</text>\n";
  out << "<text transform=\"translate(16 " << Num(top + ph / 2) << ") rotate(-90)\" text-anchor=\"middle\">"
      << XmlEscape(spec.y_label) << (spec.log_y ? " (log)" : "") << "</text>\n</g>\n";
  out << "<rect x=\"" << Num(left) << "\" y=\"" << Num(top) << "\" width=\"" << Num(pw) << "\" height=\"" << Num(ph)
      << "\" fill=\"none\" stroke=\"#333\"/>\n";

  // Lines and legend.
  std::size_t color = 0;
  double legend_y = top + 10;
  for (const auto& s : series) {
    std::ostringstream pts;
    std::size_t n = 0;
    for (const auto& [x, y] : s.points) {
      if ((spec.log_y && y <= 0) || !std::isfinite(x) || !std::isfinite(y)) continue;
      pts << Num(px(x)) << ',' << Num(py(y)) << ' ';
      ++n;
    }
    if (n == 0) continue;
    const char* c = kPalette[color++ % std::size(kPalette)];
    out << "<polyline fill=\"none\" stroke=\"" << c << "\" stroke-width=\"1.8\" points=\"" << pts.str() << "\"/>\n";
    out << "<line x1=\"" << Num(left + pw + 12) << "\" x2=\"" << Num(left + pw + 32) << "\" y1=\"" << Num(legend_y)
        << "\" y2=\"" << Num(legend_y) << "\" stroke=\"" << c << "\" stroke-width=\"3\"/>\n";
    out << "<text x=\"" << Num(left + pw + 36) << "\" y=\"" << Num(legend_y + 4) << "\">" << XmlEscape(s.label)
        << "</text>\n";
    legend_y += 18;
  }
  out << "</svg>\n";
  return out.str();
}

std::vector<std::pair<double, double>> PercentileSpectrum(
    const std::vector<std::pair<std::uint64_t, std::uint64_t>>& buckets, double scale) {
  std::vector<std::pair<double, double>> out;
  std::uint64_t total = 0;
  for (const auto& [v, n] : buckets) total += n;
  if (total == 0) return out;
  std::uint64_t cum = 0;
  const double last_q = 1.0 - 1.0 / (2.0 * static_cast<double>(total));
  for (const auto& [v, n] : buckets) {
    // The bucket spans the quantiles (cum/total, (cum+n)/total]: a step at its value.
    const double q0 = static_cast<double>(cum) / static_cast<double>(total);
    cum += n;
    const double q1 = std::min(static_cast<double>(cum) / static_cast<double>(total), last_q);
    const double y = static_cast<double>(v) * scale;
    out.emplace_back(std::log10(1.0 / (1.0 - std::min(q0, last_q))), y);
    out.emplace_back(std::log10(1.0 / (1.0 - q1)), y);
  }
  return out;
}

std::vector<std::pair<double, std::string>> PercentileTicks(int nines) {
  std::vector<std::pair<double, std::string>> t{{0, "0%"}, {std::log10(2.0), "50%"}};
  for (int i = 1; i <= nines; ++i) {
    t.emplace_back(static_cast<double>(i), i == 1 ? "90%" : "99." + std::string(static_cast<std::size_t>(i - 2), '9') + "%");
    if (i == 2) t.back().second = "99%";
  }
  return t;
}

}  // namespace eda::loadgen
