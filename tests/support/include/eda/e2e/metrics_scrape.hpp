#pragma once

// Reading a service's /metrics the way the end-to-end tests need: the sum of one metric's samples.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "eda/e2e/blocking_http.hpp"

namespace eda::e2e {

// The scrape token /metrics requires: the file ./eda names in EDA_METRICS_TOKEN_FILE (libs/http README).
std::string MetricsToken();

// Sum of the samples of `metric` on the service at `base_url` whose labels contain every one of
// `label_filters` (e.g. `topic="delivery-failed"`); 0 when none matches; nullopt when /metrics does not
// answer 200 (service down, no scrape token) or the metric is not exposed at all.
std::optional<double> MetricSum(const BlockingHttp& http, const std::string& base_url, std::string_view metric,
                                std::initializer_list<std::string_view> label_filters = {});

}  // namespace eda::e2e
