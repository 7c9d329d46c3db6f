#include "eda/e2e/metrics_scrape.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace eda::e2e {

std::string MetricsToken() {
  const char* path = std::getenv("EDA_METRICS_TOKEN_FILE");
  std::ifstream in(path != nullptr ? path : "");
  std::string token;
  std::getline(in, token);
  return token;
}

std::optional<double> MetricSum(const BlockingHttp& http, const std::string& base_url, std::string_view metric,
                                std::initializer_list<std::string_view> label_filters) {
  const HttpResult r = http.Get(base_url + "/metrics", MetricsToken());
  if (r.status != 200) return std::nullopt;
  const std::string prefix = std::string(metric) + "{";
  std::istringstream lines(r.body);
  std::string line;
  bool seen = false;
  double sum = 0;
  while (std::getline(lines, line)) {
    if (!line.starts_with(prefix)) continue;
    seen = true;
    const auto close = line.find('}');
    if (close == std::string::npos) continue;
    const std::string_view labels(line.data(), close);
    bool all = true;
    for (std::string_view f : label_filters) all = all && labels.find(f) != std::string_view::npos;
    if (all) sum += std::stod(line.substr(close + 1));
  }
  return seen ? std::optional<double>(sum) : std::nullopt;
}

}  // namespace eda::e2e
